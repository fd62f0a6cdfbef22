using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.DotNet;

namespace Plimsoll.Tests.Semantics.DotNet;

public class MSBuildXmlReaderTests
{
    private static readonly string[] Names = { "ContainerUser", "ContainerEnvironmentVariable" };

    private static string Describe(SourceText text, MSBuildXmlElement e)
    {
        var at = text.Lines.GetLinePosition(e.Start);
        string verbatim = e.VerbatimTextSpan is { } span ? text.ToString(span) : "-";
        string attributes = string.Join(",", e.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
        return $"{at.Line + 1}:{at.Character + 1} {e.Name} {e.Content} [{e.Text}] [{verbatim}] {attributes}";
    }

    [Fact]
    public void Reads_wanted_elements_with_positions_attributes_and_text_and_skips_comments()
    {
        var text = SourceText.From("\uFEFF<Project>\r\n  <PropertyGroup>\r\n    <!-- <ContainerUser>root</ContainerUser> -->\r\n"
            + "    <ContainerUser>\r\n      app\r\n    </ContainerUser>\r\n    <ContainerUser>a&amp;b</ContainerUser>\r\n"
            + "    <ContainerUser><![CDATA[x]]></ContainerUser>\r\n    <ContainerUser/>\r\n  </PropertyGroup>\r\n  <ItemGroup>\r\n"
            + "    <ContainerEnvironmentVariable Include=\"TOKEN\" Value=\"a&quot;b\" Condition=\"'$(X)' == ''\" />\r\n  </ItemGroup>\r\n</Project>\r\n");
        var scan = MSBuildXmlReader.Read(text, Names);
        Assert.Null(scan.Error);
        Assert.Equal(new[]
        {
            "4:5 ContainerUser Text [app] [app] ",
            "7:5 ContainerUser Text [a&b] [-] ",
            "8:5 ContainerUser Other [] [-] ",
            "9:5 ContainerUser Empty [] [-] ",
            "12:5 ContainerEnvironmentVariable Empty [] [-] Condition='$(X)' == '',Include=TOKEN,Value=a\"b",
        }, scan.Elements.Select(e => Describe(text, e)));
    }

    [Fact]
    public void A_file_that_is_not_xml_keeps_what_was_read_and_says_where_reading_stopped()
    {
        var text = SourceText.From("<Project>\n  <ContainerUser>app</ContainerUser>\n  <PropertyGroup>\n");
        var scan = MSBuildXmlReader.Read(text, Names);
        Assert.Equal("2:3 ContainerUser Text [app] [app] ", Describe(text, Assert.Single(scan.Elements)));
        Assert.NotNull(scan.Error);
        Assert.InRange(scan.ErrorOffset, 0, text.Length);
    }

    [Fact]
    public void A_dtd_is_refused_not_expanded()
    {
        var text = SourceText.From("<!DOCTYPE p [<!ENTITY e \"root\">]>\n<Project><ContainerUser>&e;</ContainerUser></Project>\n");
        var scan = MSBuildXmlReader.Read(text, Names);
        Assert.Empty(scan.Elements);
        Assert.NotNull(scan.Error);
    }
}
