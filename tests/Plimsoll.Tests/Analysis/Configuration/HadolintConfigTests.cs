using Microsoft.CodeAnalysis;
using Plimsoll.Analysis.Configuration;

namespace Plimsoll.Tests.Analysis.Configuration;

public class HadolintConfigTests
{
    // A stand-in for the rule registry: each Plimsoll rule declares its hadolint equivalents.
    private static readonly Dictionary<string, string[]> Equivalents = new()
    {
        ["DL3006"] = new[] { "PL1006" },
        ["DL3007"] = new[] { "PL1007" },
        ["DL3008"] = new[] { "PL1008", "PL1108" },
        ["DL3020"] = new[] { "PL1020" },
        ["DL3025"] = new[] { "PL1025" },
    };

    private static IReadOnlyList<string> Map(string hadolintId) => Equivalents.TryGetValue(hadolintId, out var ids) ? ids : Array.Empty<string>();

    private static EditorConfigOptionsProvider Provider(string? config = null)
        => TestProviders.Create(config, mapHadolintRule: Map);

    [Fact]
    public void Ignored_override_and_registries_become_Plimsoll_settings()
    {
        using var tree = new TempTree();
        string yaml = tree.Write("repo/.hadolint.yaml", string.Join("\n",
            "failure-threshold: Warning",
            "ignored:",
            "  - DL3006",
            "  - dl3008",
            "override:",
            "  error:",
            "    - DL3007",
            "  info: [DL3020]",
            "  style:",
            "    - DL3025",
            "trustedRegistries:",
            "  - docker.io",
            "  - my-company.com:5000",
            ""));
        Directory.CreateDirectory(tree.PathOf("repo/.git"));
        var provider = Provider();
        var options = provider.GetOptions(tree.Write("repo/services/api/Dockerfile", ""));

        Assert.Equal(ReportDiagnostic.Suppress, options.GetSeverity("PL1006"));
        Assert.Equal(ReportDiagnostic.Suppress, options.GetSeverity("PL1008"));
        Assert.Equal(ReportDiagnostic.Suppress, options.GetSeverity("PL1108"));
        Assert.Equal(ReportDiagnostic.Error, options.GetSeverity("PL1007"));
        Assert.Equal(ReportDiagnostic.Info, options.GetSeverity("PL1020"));
        Assert.Equal(ReportDiagnostic.Info, options.GetSeverity("PL1025"));
        Assert.Equal(ReportDiagnostic.Default, options.GetSeverity("PL1001"));
        Assert.Equal(new[] { "docker.io", "my-company.com:5000" }, options.GetListOption("plimsoll.trusted_registries"));
        Assert.Equal("warning", options.GetOption("plimsoll.hadolint.failure_threshold"));

        var setting = options.GetSeveritySetting("PL1006")!;
        Assert.Equal((yaml, 2, SettingSourceKind.HadolintConfig), (setting.Source.Path, setting.Source.Line, setting.Source.Kind));
        Assert.Equal(("ignored", "DL3006"), (setting.Key, setting.Value));
        Assert.Empty(provider.Problems);
    }

    [Fact]
    public void Plimsoll_settings_for_a_rule_or_key_win_and_hadolint_beats_bulk_settings()
    {
        using var tree = new TempTree();
        tree.Write("repo/.hadolint.yml", "ignored: [DL3006, DL3007]\noverride:\n  warning: [DL3020]\ntrusted-registries: [docker.io]\n");
        tree.Write("repo/.editorconfig", string.Join("\n",
            "[*]",
            "dotnet_analyzer_diagnostic.severity = error",
            "dotnet_diagnostic.PL1006.severity = warning",
            "plimsoll.trusted_registries = ghcr.io",
            ""));
        var options = Provider().GetOptions(tree.Write("repo/Dockerfile", ""));

        Assert.Equal(ReportDiagnostic.Warn, options.GetSeverity("PL1006")); // .editorconfig names the rule
        Assert.Equal(ReportDiagnostic.Suppress, options.GetSeverity("PL1007")); // hadolint names it; bulk does not
        Assert.Equal(ReportDiagnostic.Warn, options.GetSeverity("PL1020"));
        Assert.Equal(ReportDiagnostic.Error, options.GetSeverity("PL1001")); // bulk for the rest
        Assert.Equal(new[] { "ghcr.io" }, options.GetListOption("plimsoll.trusted_registries"));
        Assert.Equal(SettingSourceKind.EditorConfig, options.GetOptionSetting("plimsoll.trusted_registries")!.Source.Kind);
    }

    [Fact]
    public void Explicit_config_also_wins_over_hadolint()
    {
        using var tree = new TempTree();
        string config = tree.Write("plimsoll.editorconfig", "dotnet_diagnostic.PL1006.severity = error\n");
        tree.Write("repo/.hadolint.yaml", "ignored: [DL3006]\n");
        var options = Provider(config).GetOptions(tree.Write("repo/Dockerfile", ""));
        Assert.Equal(ReportDiagnostic.Error, options.GetSeverity("PL1006"));
    }

    [Fact]
    public void Ignored_wins_over_override_and_the_most_severe_override_wins()
    {
        var file = HadolintConfigFile.Parse("ignored: [DL3006]\noverride:\n  info: [DL3006, DL3007]\n  error: [DL3007]\n", "/r/.hadolint.yaml", Map);
        Assert.Equal(ReportDiagnostic.Suppress, file.Severities["PL1006"].Severity);
        Assert.Equal(ReportDiagnostic.Error, file.Severities["PL1007"].Severity);
    }

    [Fact]
    public void Search_stops_at_the_git_root_and_the_nearest_file_wins()
    {
        using var tree = new TempTree();
        tree.Write(".hadolint.yaml", "ignored: [DL3006]\n"); // above the git root: not used
        Directory.CreateDirectory(tree.PathOf("repo/.git"));
        tree.Write("repo/sub/.hadolint.yaml", "ignored: [DL3007]\n");
        tree.Write("repo/sub/.hadolint.yml", "ignored: [DL3020]\n"); // .yaml is preferred in the same folder
        var provider = Provider();

        var top = provider.GetOptions(tree.Write("repo/Dockerfile", ""));
        Assert.Equal(ReportDiagnostic.Default, top.GetSeverity("PL1006"));

        var sub = provider.GetOptions(tree.Write("repo/sub/deeper/Dockerfile", ""));
        Assert.Equal(ReportDiagnostic.Suppress, sub.GetSeverity("PL1007"));
        Assert.Equal(ReportDiagnostic.Default, sub.GetSeverity("PL1020"));

        // Without a git root the search goes on upwards.
        var outside = provider.GetOptions(tree.Write("elsewhere/Dockerfile", ""));
        Assert.Equal(ReportDiagnostic.Suppress, outside.GetSeverity("PL1006"));
    }

    [Theory]
    [InlineData("ignored: [DL3006\n", 0)] // unterminated flow sequence
    [InlineData("- just\n- a list\n", 0)]
    [InlineData("ignored:\n  nested: map\n", 1)]
    [InlineData("ignored:\n  - [DL3006]\n", 1)]
    [InlineData("override:\n  fatal: [DL3006]\n", 1)]
    [InlineData("override: [DL3006]\n", 0)]
    [InlineData("failure-threshold: loud\n", 0)]
    [InlineData("ignored: [SC2086]\n", 0)] // no Plimsoll equivalent
    [InlineData("\t\tignored: : :\n", 0)]
    [InlineData("ignored: [DL3006]\nignored: [DL3007]\n", 1)] // duplicate key
    [InlineData("a: &x [DL3006]\nignored: *y\n", 0)] // unknown alias: YamlDotNet gives no usable position
    public void Malformed_files_give_problems_not_exceptions(string yaml, int line)
    {
        var file = HadolintConfigFile.Parse(yaml, "/r/.hadolint.yaml", Map);
        var problem = Assert.Single(file.Problems);
        Assert.Equal("/r/.hadolint.yaml", problem.Path);
        Assert.True(problem.Line >= line && problem.Line <= line + 1, problem.ToString());
    }

    [Fact]
    public void Empty_and_unrelated_keys_are_fine()
    {
        Assert.Empty(HadolintConfigFile.Parse("", "/r/.hadolint.yaml", Map).Problems);
        Assert.Empty(HadolintConfigFile.Parse("# nothing but a comment\n", "/r/.hadolint.yaml", Map).Problems);
        var file = HadolintConfigFile.Parse("no-color: true\nformat: json\nlabel-schema:\n  author: text\nignored:\n", "/r/.hadolint.yaml", Map);
        Assert.Empty(file.Problems);
        Assert.Empty(file.Severities);
    }

    [Fact]
    public void Problems_of_hadolint_files_reach_the_provider()
    {
        using var tree = new TempTree();
        string yaml = tree.Write("repo/.hadolint.yaml", "ignored: [DL3006, DL9999]\n");
        var provider = Provider();
        Assert.Equal(ReportDiagnostic.Suppress, provider.GetOptions(tree.Write("repo/Dockerfile", "")).GetSeverity("PL1006"));
        var problem = Assert.Single(provider.Problems);
        Assert.Equal(yaml, problem.Path);
        Assert.Contains("DL9999", problem.Message);
    }

    [Fact]
    public void Disable_ignore_pragma_is_exposed_for_the_suppression_index()
    {
        var file = HadolintConfigFile.Parse("disable-ignore-pragma: true\n", "/r/.hadolint.yaml", Map);
        Assert.Empty(file.Problems);
        Assert.Equal("true", file.Options["plimsoll.hadolint.disable_ignore_pragma"].Value);
    }
}
