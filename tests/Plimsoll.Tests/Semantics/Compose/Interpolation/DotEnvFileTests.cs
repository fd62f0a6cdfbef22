using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose.Interpolation;

namespace Plimsoll.Tests.Semantics.Compose.Interpolation;

public class DotEnvFileTests
{
    private static DotEnvFile Parse(string text, IVariableSource? lookup = null) => DotEnvFile.Parse(SourceText.From(text), "app/.env", lookup);

    private static string? Value(DotEnvFile file, string name) => file.Find(name)?.Value;

    [Fact]
    public void Reads_the_common_forms()
    {
        var file = Parse(
            "# comment\n" +
            "\n" +
            "PLAIN=value\n" +
            "export EXPORTED=yes\n" +
            "  SPACED  =  padded value   \n" +
            "YAML: style\n" +
            "INLINE=abc # comment\n" +
            "HASH=abc#not-a-comment\n" +
            "SINGLE='lit $PLAIN \\n'\n" +
            "DOUBLE=\"a\\tb\\nc \\\"q\\\" \\\\ ${PLAIN}\"\n" +
            "EMPTY=\n" +
            "MULTI=\"line1\n" +
            "line2\"\n" +
            "REF=${PLAIN}-x\n" +
            "DOLLAR=\"\\$PLAIN\"\n" +
            "CRLF=win\r\n");
        Assert.Empty(file.Diagnostics);
        Assert.Equal("value", Value(file, "PLAIN"));
        Assert.Equal("yes", Value(file, "EXPORTED"));
        Assert.Equal("padded value", Value(file, "SPACED"));
        Assert.Equal("style", Value(file, "YAML"));
        Assert.Equal("abc", Value(file, "INLINE"));
        Assert.Equal("abc#not-a-comment", Value(file, "HASH"));
        Assert.Equal("lit $PLAIN \\n", Value(file, "SINGLE"));
        Assert.Equal("a\tb\nc \"q\" \\ value", Value(file, "DOUBLE"));
        Assert.Equal("", Value(file, "EMPTY"));
        Assert.Equal("line1\nline2", Value(file, "MULTI"));
        Assert.Equal("value-x", Value(file, "REF"));
        Assert.Equal("$PLAIN", Value(file, "DOLLAR"));
        Assert.Equal("win", Value(file, "CRLF"));
        Assert.Equal(DotEnvQuoting.DoubleQuoted, file.Find("MULTI")!.Quoting);
        Assert.Equal(11, file.Find("MULTI")!.Line);
        Assert.Equal(13, file.Find("REF")!.Line);
    }

    [Fact]
    public void Spans_cover_name_and_value()
    {
        const string text = "A=1\nexport  KEY = \"v\" # c\n";
        var key = Parse(text).Find("KEY")!;
        Assert.Equal("KEY", text.Substring(key.NameSpan.Start, key.NameSpan.Length));
        Assert.Equal("\"v\"", text.Substring(key.ValueSpan.Start, key.ValueSpan.Length));
        Assert.Equal("KEY = \"v\"", text.Substring(key.Span.Start, key.Span.Length));
    }

    [Fact]
    public void Key_alone_is_taken_from_the_lookup_environment()
    {
        var lookup = ComposeVariables.FromEnvironment(new Dictionary<string, string> { ["HOME_DIR"] = "/home/me" });
        var file = Parse("HOME_DIR\nMISSING\nX=1\n", lookup);
        Assert.Equal("/home/me", Value(file, "HOME_DIR"));
        Assert.Null(file.Find("MISSING"));
        Assert.Contains(file.Variables, v => v.Name == "MISSING" && v.Quoting == DotEnvQuoting.Inherited && v.Value is null);
        Assert.Equal("1", Value(file, "X"));
    }

    [Fact]
    public void Lookup_environment_wins_inside_values_and_later_definitions_win()
    {
        var lookup = ComposeVariables.FromEnvironment(new Dictionary<string, string> { ["A"] = "env" });
        var file = Parse("A=file\nB=${A}\nC=1\nC=2\nD=${UNSET:-dflt}\n", lookup);
        Assert.Equal("env", Value(file, "B"));
        Assert.Equal("2", Value(file, "C"));
        Assert.Equal(3, file.Find("C")!.Line);
        Assert.Equal("dflt", Value(file, "D"));
        Assert.Equal(ValueOrigin.Default, file.Find("D")!.Interpolation!.Origin);
    }

    [Fact]
    public void Keys_starting_with_a_digit_are_ignored()
    {
        var file = Parse("1A=x\nB=y\n");
        Assert.Null(file.Find("1A"));
        Assert.Equal("y", Value(file, "B"));
    }

    [Theory]
    [InlineData("A=1\nB C=2\nD=3\n", 1, "cannot contain a space")]
    [InlineData("A=1\nB$=2\nD=3\n", 1, "unexpected character '$'")]
    [InlineData("A=1\nB=\"open\nD=3\n", 1, "unterminated quoted value")]
    [InlineData("A=1\nB=${X:?need X}\nD=3\n", 1, "required variable X is missing a value: need X")]
    [InlineData("A=1\nB=cost$\nD=3\n", 1, "invalid interpolation")]
    public void Malformed_lines_are_PL9002_at_their_line_and_parsing_goes_on(string text, int line, string message)
    {
        var file = Parse(text);
        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("PL9002", diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("app/.env", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("1", Value(file, "A"));
        Assert.Equal("3", Value(file, "D"));
    }

    [Fact]
    public void Octal_and_unknown_escapes_follow_compose()
    {
        var file = Parse("A=\"\\0123\"\nB=\"\\c\\q\"\nC=\"\\012\"\n");
        Assert.Equal("S", Value(file, "A"));
        Assert.Equal("\\c\\q", Value(file, "B"));
        Assert.Equal("\\012", Value(file, "C"));
    }
}
