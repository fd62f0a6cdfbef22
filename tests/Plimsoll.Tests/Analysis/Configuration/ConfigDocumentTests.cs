using Plimsoll.Analysis.Configuration;

namespace Plimsoll.Tests.Analysis.Configuration;

public class ConfigDocumentTests
{
    private const string Path = "/repo/.editorconfig";

    [Fact]
    public void Reads_root_sections_and_pairs_with_lowercased_keys()
    {
        var file = ConfigDocument.Parse(
            "\uFEFF# comment\r\n; another\r\nROOT = TRUE\r\n\r\n[*]\r\nDotNet_Diagnostic.PL1001.Severity = Warning\r\n  plimsoll.Trusted_Registries =  Docker.io , ghcr.io  \r\n[Dockerfile]\r\nkey=\r\n",
            Path, ConfigDocumentKind.EditorConfig);

        Assert.True(file.IsRoot);
        Assert.Empty(file.Problems);
        Assert.Equal(new[] { "*", "Dockerfile" }, file.Sections.Select(s => s.Name));
        var star = file.Sections[0].Properties;
        Assert.Equal(("dotnet_diagnostic.pl1001.severity", "Warning", 5), (star[0].Key, star[0].Value, star[0].Line));
        Assert.Equal(("plimsoll.trusted_registries", "Docker.io , ghcr.io"), (star[1].Key, star[1].Value));
        Assert.Equal(("key", ""), (file.Sections[1].Properties[0].Key, file.Sections[1].Properties[0].Value));
    }

    [Fact]
    public void Inline_comment_characters_are_part_of_the_value()
    {
        var file = ConfigDocument.Parse("[*]\nplimsoll.note = editorconfig ;) # not a comment\n", Path, ConfigDocumentKind.EditorConfig);
        Assert.Equal("editorconfig ;) # not a comment", file.Sections[0].Properties[0].Value);
    }

    [Fact]
    public void Accepts_Roslyn_forms_colon_pairs_and_comment_after_header()
    {
        var file = ConfigDocument.Parse("[*.yaml] # compose files\nplimsoll.x: 1\n", Path, ConfigDocumentKind.EditorConfig);
        Assert.Empty(file.Problems);
        Assert.Equal("*.yaml", file.Sections[0].Name);
        Assert.Equal(("plimsoll.x", "1"), (file.Sections[0].Properties[0].Key, file.Sections[0].Properties[0].Value));
    }

    [Fact]
    public void Invalid_lines_become_problems_with_their_line()
    {
        var file = ConfigDocument.Parse(
            "root = maybe\nindent_style = space\n[*\n[*]\njust words\n= value\ndotnet_diagnostic.PL1001.severity = loud\nroot = true\ndotnet_diagnostic.PL1002.severity = none\n[]\n",
            Path, ConfigDocumentKind.EditorConfig);

        Assert.False(file.IsRoot);
        Assert.Equal(new[] { 0, 1, 2, 4, 5, 6, 7, 9 }, file.Problems.Select(p => p.Line));
        Assert.All(file.Problems, p => Assert.Equal(Path, p.Path));
        Assert.Contains("loud", file.Problems[5].Message);
        // The valid pair survives its neighbours.
        var pair = Assert.Single(file.Sections[0].Properties);
        Assert.Equal("dotnet_diagnostic.pl1002.severity", pair.Key);
    }

    [Fact]
    public void Preamble_pairs_apply_only_in_explicit_and_global_configs()
    {
        var explicitFile = ConfigDocument.Parse("dotnet_analyzer_diagnostic.severity = error\n", "/ci/plimsoll.editorconfig", ConfigDocumentKind.Explicit);
        Assert.Empty(explicitFile.Problems);
        Assert.Single(explicitFile.Preamble);

        var global = ConfigDocument.Parse("is_global = true\ndotnet_analyzer_diagnostic.severity = error\n", "/repo/.globalconfig", ConfigDocumentKind.GlobalConfig);
        Assert.Empty(global.Problems);
        Assert.Single(global.Preamble);

        var editorConfig = ConfigDocument.Parse("dotnet_analyzer_diagnostic.severity = error\n", Path, ConfigDocumentKind.EditorConfig);
        Assert.Empty(editorConfig.Preamble);
        Assert.Single(editorConfig.Problems);
    }

    [Fact]
    public void Unknown_rule_ids_are_reported_at_their_line_and_other_keys_are_not()
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "PL1001" };
        var file = ConfigDocument.Parse(
            "[*]\ndotnet_diagnostic.PL1001.severity = none\ndotnet_diagnostic.PL1999.severity = none\ndotnet_diagnostic.CA1000.severity = none\ndotnet_diagnostic.IDE0055.severity = none\nplimsoll.pl1999 = x\n",
            Path, ConfigDocumentKind.EditorConfig, id => !id.StartsWith("IDE", StringComparison.OrdinalIgnoreCase) && !known.Contains(id));

        Assert.Equal(new[] { 2, 3 }, file.Problems.Select(p => p.Line));
        Assert.Contains("PL1999", file.Problems[0].Message);
        Assert.Equal(5, file.Sections[0].Properties.Count); // still kept: the severity table ignores unknown ids
    }

    [Theory]
    [InlineData(2000, 1)]
    [InlineData(65536, 1)]
    public void Oversized_or_wildcard_heavy_section_names_are_skipped_and_reported(int length, int expectedProblems)
    {
        var file = ConfigDocument.Parse("[" + new string('[', length) + "]\nplimsoll.x = 1\n[**a**a**a**a**a**b]\nplimsoll.y = 1\n[*.yaml]\nplimsoll.z = 1\n", Path, ConfigDocumentKind.EditorConfig);
        Assert.Equal(expectedProblems + 1, file.Problems.Count);
        Assert.Equal(new[] { 0, 2 }, file.Problems.Select(p => p.Line));
        Assert.Contains("1024", file.Problems[0].Message);
        Assert.Contains("wildcards", file.Problems[1].Message);
        Assert.Equal("*.yaml", Assert.Single(file.Sections).Name);
    }
}
