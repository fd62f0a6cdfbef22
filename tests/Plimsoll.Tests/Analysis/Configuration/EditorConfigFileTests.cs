using Plimsoll.Analysis.Configuration;

namespace Plimsoll.Tests.Analysis.Configuration;

public class EditorConfigFileTests
{
    private const string Path = "/repo/.editorconfig";

    [Fact]
    public void Reads_root_sections_and_pairs_with_lowercased_keys()
    {
        var file = EditorConfigFile.Parse(
            "\uFEFF# comment\r\n; another\r\nROOT = TRUE\r\n\r\n[*]\r\nDotNet_Diagnostic.PL1001.Severity = Warning\r\n  plimsoll.Trusted_Registries =  Docker.io , ghcr.io  \r\n[Dockerfile]\r\nkey=\r\n",
            Path, preambleAppliesToAllFiles: false);

        Assert.True(file.IsRoot);
        Assert.Empty(file.Problems);
        Assert.Equal("/repo", file.Directory);
        Assert.Equal(new[] { "*", "Dockerfile" }, file.Sections.Select(s => s.Name));
        var star = file.Sections[0].Properties;
        Assert.Equal(("dotnet_diagnostic.pl1001.severity", "Warning", 5), (star[0].Key, star[0].Value, star[0].Line));
        Assert.Equal(("plimsoll.trusted_registries", "Docker.io , ghcr.io"), (star[1].Key, star[1].Value));
        Assert.Equal(("key", ""), (file.Sections[1].Properties[0].Key, file.Sections[1].Properties[0].Value));
    }

    [Fact]
    public void Inline_comment_characters_are_part_of_the_value()
    {
        var file = EditorConfigFile.Parse("[*]\nplimsoll.note = editorconfig ;) # not a comment\n", Path, false);
        Assert.Equal("editorconfig ;) # not a comment", file.Sections[0].Properties[0].Value);
    }

    [Fact]
    public void Accepts_Roslyn_forms_colon_pairs_and_comment_after_header()
    {
        var file = EditorConfigFile.Parse("[*.yaml] # compose files\nplimsoll.x: 1\n", Path, false);
        Assert.Empty(file.Problems);
        Assert.Equal("*.yaml", file.Sections[0].Name);
        Assert.Equal(("plimsoll.x", "1"), (file.Sections[0].Properties[0].Key, file.Sections[0].Properties[0].Value));
    }

    [Fact]
    public void Invalid_lines_become_problems_with_their_line()
    {
        var file = EditorConfigFile.Parse(
            "root = maybe\nindent_style = space\n[*\n[*]\njust words\n= value\ndotnet_diagnostic.PL1001.severity = loud\nroot = true\ndotnet_diagnostic.PL1002.severity = none\n[]\n",
            Path, false);

        Assert.False(file.IsRoot);
        Assert.Equal(new[] { 0, 1, 2, 4, 5, 6, 7, 9 }, file.Problems.Select(p => p.Line));
        Assert.All(file.Problems, p => Assert.Equal(Path, p.Path));
        Assert.Contains("loud", file.Problems[5].Message);
        // The valid pair survives its neighbours.
        var pair = Assert.Single(file.Sections[0].Properties);
        Assert.Equal("dotnet_diagnostic.pl1002.severity", pair.Key);
    }

    [Fact]
    public void Preamble_pairs_apply_only_in_an_explicit_config_file()
    {
        var explicitFile = EditorConfigFile.Parse("dotnet_analyzer_diagnostic.severity = error\n", "/ci/plimsoll.editorconfig", true);
        Assert.Empty(explicitFile.Problems);
        Assert.Single(explicitFile.Preamble);

        var editorConfig = EditorConfigFile.Parse("dotnet_analyzer_diagnostic.severity = error\n", Path, false);
        Assert.Empty(editorConfig.Preamble);
        Assert.Single(editorConfig.Problems);
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var random = new Random(1234);
        for (int i = 0; i < 300; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (int k = 0; k < chars.Length; k++) chars[k] = "[]{}*?!=#;,.\\/ \n\raz09-"[random.Next(22)];
            var file = EditorConfigFile.Parse(new string(chars), Path, false);
            foreach (var section in file.Sections) section.Glob.IsMatch("a/b.c");
        }
    }
}
