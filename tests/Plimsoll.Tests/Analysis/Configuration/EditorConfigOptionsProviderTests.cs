using Microsoft.CodeAnalysis;
using Plimsoll.Analysis.Configuration;

namespace Plimsoll.Tests.Analysis.Configuration;

public class EditorConfigOptionsProviderTests
{
    [Fact]
    public void Nearer_files_override_farther_ones_and_root_stops_the_search()
    {
        using var tree = new TempTree();
        tree.Write("outer/.editorconfig", "[*]\ndotnet_diagnostic.PL1003.severity = error\nplimsoll.from = outer\n");
        tree.Write("outer/repo/.editorconfig", "root = true\n[*]\ndotnet_diagnostic.PL1001.severity = warning\nplimsoll.from = repo\n");
        tree.Write("outer/repo/services/.editorconfig", "[Dockerfile]\ndotnet_diagnostic.PL1001.severity = none\n");
        string inRepo = tree.Write("outer/repo/services/api/Dockerfile", "FROM scratch\n");
        string beside = tree.Write("outer/repo/services/api/compose.yaml", "services: {}\n");
        string outside = tree.Write("outer/other/Dockerfile", "FROM scratch\n");

        var provider = TestProviders.Create();
        var api = provider.GetOptions(inRepo);
        Assert.Equal(ReportDiagnostic.Suppress, api.GetSeverity("PL1001"));
        Assert.Equal(ReportDiagnostic.Default, api.GetSeverity("PL1003")); // outer is above root = true
        Assert.Equal("repo", api.GetOption("plimsoll.from"));

        Assert.Equal(ReportDiagnostic.Warn, provider.GetOptions(beside).GetSeverity("PL1001"));

        var other = provider.GetOptions(outside);
        Assert.Equal(ReportDiagnostic.Error, other.GetSeverity("PL1003"));
        Assert.Equal(ReportDiagnostic.Default, other.GetSeverity("PL1001"));
        Assert.Empty(provider.Problems);
    }

    [Fact]
    public void Later_sections_override_earlier_ones_and_globs_select_files()
    {
        using var tree = new TempTree();
        tree.Write(".editorconfig", string.Join("\n",
            "root = true",
            "[*]",
            "dotnet_diagnostic.PL1001.severity = suggestion",
            "[*.{yml,yaml}]",
            "dotnet_diagnostic.PL1001.severity = warning",
            "[compose*.yaml]",
            "dotnet_diagnostic.PL1001.severity = error",
            "[{Dockerfile,Containerfile}]",
            "dotnet_diagnostic.PL1001.severity = silent",
            "[docker/**]",
            "dotnet_diagnostic.PL1001.severity = none",
            "[stacks/stack{1..3}.yml]",
            "dotnet_diagnostic.PL1001.severity = default",
            "[*.[Dd]ockerfile]",
            "dotnet_diagnostic.PL1001.severity = error",
            ""));
        var provider = TestProviders.Create();
        ReportDiagnostic Severity(string relative) => provider.GetOptions(tree.Write(relative, "")).GetSeverity("PL1001");

        Assert.Equal(ReportDiagnostic.Info, Severity("README.md"));
        Assert.Equal(ReportDiagnostic.Warn, Severity("deploy/app.yml"));
        Assert.Equal(ReportDiagnostic.Error, Severity("compose.yaml"));
        Assert.Equal(ReportDiagnostic.Error, Severity("a/b/compose.prod.yaml"));
        Assert.Equal(ReportDiagnostic.Hidden, Severity("svc/Dockerfile"));
        Assert.Equal(ReportDiagnostic.Hidden, Severity("Containerfile"));
        Assert.Equal(ReportDiagnostic.Suppress, Severity("docker/x/Dockerfile"));
        Assert.Equal(ReportDiagnostic.Default, Severity("stacks/stack2.yml"));
        Assert.Equal(ReportDiagnostic.Warn, Severity("stacks/stack4.yml"));
        Assert.Equal(ReportDiagnostic.Error, Severity("api.dockerfile"));
        Assert.Equal(ReportDiagnostic.Info, Severity("api.ockerfile"));
    }

    [Fact]
    public void Rule_beats_category_beats_all_rules_and_says_where_it_was_set()
    {
        using var tree = new TempTree();
        string config = tree.Write("repo/.editorconfig", string.Join("\n",
            "[*]",
            "dotnet_analyzer_diagnostic.severity = suggestion",
            "dotnet_analyzer_diagnostic.category-Security.severity = error",
            "DOTNET_DIAGNOSTIC.pl2001.SEVERITY = Silent",
            ""));
        string file = tree.Write("repo/Dockerfile", "");
        var provider = TestProviders.Create(categoryOf: id => id.StartsWith("PL2", StringComparison.Ordinal) ? "Security" : "Style");
        var options = provider.GetOptions(file);

        Assert.Equal(ReportDiagnostic.Hidden, options.GetSeverity("PL2001"));
        Assert.Equal(ReportDiagnostic.Error, options.GetSeverity("PL2002"));
        Assert.Equal(ReportDiagnostic.Info, options.GetSeverity("PL1001"));

        var setting = options.GetSeveritySetting("PL2002");
        Assert.NotNull(setting);
        Assert.Equal(config, setting!.Source.Path);
        Assert.Equal(2, setting.Source.Line);
        Assert.Equal(SettingSourceKind.EditorConfig, setting.Source.Kind);
        Assert.Equal("dotnet_analyzer_diagnostic.category-security.severity", setting.Key);
        Assert.Equal(3, options.GetSeveritySetting("pl2001")!.Source.Line);
    }

    [Fact]
    public void Descriptor_overload_follows_Roslyn_for_disabled_and_unconfigurable_rules()
    {
        var options = AnalyzerOptions.Create(new Dictionary<string, string>
        {
            ["dotnet_analyzer_diagnostic.severity"] = "error",
            ["dotnet_diagnostic.PL1003.severity"] = "warning",
            ["dotnet_diagnostic.PL9001.severity"] = "none",
        });
        DiagnosticDescriptor Rule(string id, bool enabled, params string[] tags) => new(id, "t", "m", "Style", DiagnosticSeverity.Warning, enabled, customTags: tags);

        Assert.Equal(ReportDiagnostic.Error, options.GetSeverity(Rule("PL1001", true)));
        Assert.Equal(ReportDiagnostic.Default, options.GetSeverity(Rule("PL1002", false))); // bulk does not enable it
        Assert.Equal(ReportDiagnostic.Warn, options.GetSeverity(Rule("PL1003", false))); // its own entry does
        Assert.Equal(ReportDiagnostic.Default, options.GetSeverity(Rule("PL9001", true, WellKnownDiagnosticTags.NotConfigurable)));
        Assert.Equal(SettingSourceKind.Host, options.GetSeveritySetting("PL1003")!.Source.Kind);
    }

    [Fact]
    public void Options_lists_and_unset()
    {
        using var tree = new TempTree();
        tree.Write("repo/.editorconfig", "[*]\nplimsoll.trusted_registries = docker.io, ghcr.io ,, quay.io ,\nplimsoll.gone = 1\ndotnet_diagnostic.PL1001.severity = error\n");
        tree.Write("repo/sub/.editorconfig", "[*]\nplimsoll.gone = unset\ndotnet_diagnostic.PL1001.severity = UNSET\n");
        var provider = TestProviders.Create();
        var top = provider.GetOptions(tree.Write("repo/Dockerfile", ""));
        var sub = provider.GetOptions(tree.Write("repo/sub/Dockerfile", ""));

        Assert.Equal(new[] { "docker.io", "ghcr.io", "quay.io" }, top.GetListOption("plimsoll.trusted_registries"));
        Assert.Equal(new[] { "docker.io", "ghcr.io", "quay.io" }, sub.GetListOption("PLIMSOLL.Trusted_Registries"));
        Assert.Equal("1", top.GetOption("plimsoll.gone"));
        Assert.Null(sub.GetOption("plimsoll.gone"));
        Assert.Empty(sub.GetListOption("plimsoll.gone"));
        Assert.Equal(ReportDiagnostic.Error, top.GetSeverity("PL1001"));
        Assert.Equal(ReportDiagnostic.Default, sub.GetSeverity("PL1001"));
    }

    [Fact]
    public void Explicit_config_is_the_farthest_root_and_nearer_files_override_it()
    {
        using var tree = new TempTree();
        string config = tree.Write("ci/plimsoll.editorconfig", string.Join("\n",
            "dotnet_diagnostic.PL1001.severity = error",
            "dotnet_diagnostic.PL1002.severity = error",
            "[Dockerfile]",
            "dotnet_diagnostic.PL1003.severity = warning",
            "[docker/*]",
            "dotnet_diagnostic.PL1004.severity = warning",
            ""));
        tree.Write("repo/.editorconfig", "root = true\n[*]\ndotnet_diagnostic.PL1002.severity = none\n");
        var provider = TestProviders.Create(config);
        var options = provider.GetOptions(tree.Write("repo/app/Dockerfile", ""));

        Assert.Equal(ReportDiagnostic.Error, options.GetSeverity("PL1001")); // from --config, despite root = true
        Assert.Equal(ReportDiagnostic.Suppress, options.GetSeverity("PL1002")); // .editorconfig wins
        Assert.Equal(ReportDiagnostic.Warn, options.GetSeverity("PL1003")); // slash-less section: any Dockerfile
        Assert.Equal(ReportDiagnostic.Default, options.GetSeverity("PL1004")); // "docker/*" is relative to ci/
        Assert.Equal(SettingSourceKind.ConfigFile, options.GetSeveritySetting("PL1001")!.Source.Kind);
        Assert.Equal(ReportDiagnostic.Warn, provider.GetOptions(tree.Write("ci/docker/x.yaml", "")).GetSeverity("PL1004"));
    }

    [Fact]
    public void Missing_explicit_config_is_a_problem_not_an_exception()
    {
        using var tree = new TempTree();
        var provider = TestProviders.Create(tree.PathOf("nope.editorconfig"));
        Assert.Equal(ReportDiagnostic.Default, provider.GetOptions(tree.Write("Dockerfile", "")).GetSeverity("PL1001"));
        var problem = Assert.Single(provider.Problems);
        Assert.Contains("does not exist", problem.Message);
    }

    [Fact]
    public void Malformed_files_yield_problems_and_keep_their_valid_lines()
    {
        using var tree = new TempTree();
        string bad = tree.Write("repo/.editorconfig", "[*]\nthis is not a pair\ndotnet_diagnostic.PL1001.severity = very\ndotnet_diagnostic.PL1002.severity = error\n[unclosed\n");
        var provider = TestProviders.Create();
        var options = provider.GetOptions(tree.Write("repo/Dockerfile", ""));

        Assert.Equal(ReportDiagnostic.Default, options.GetSeverity("PL1001"));
        Assert.Equal(ReportDiagnostic.Error, options.GetSeverity("PL1002"));
        var problems = provider.Problems;
        Assert.Equal(new[] { 1, 2, 4 }, problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Equal(bad, p.Path));
        // Asking again does not report the file twice.
        provider.GetOptions(tree.Write("repo/other/Dockerfile", ""));
        Assert.Equal(3, provider.Problems.Count);
    }

    [Fact]
    public void Files_matching_the_same_sections_share_one_options_object()
    {
        using var tree = new TempTree();
        tree.Write("repo/.editorconfig", "[*]\ndotnet_diagnostic.PL1001.severity = error\n[*.yaml]\nplimsoll.x = 1\n");
        var provider = TestProviders.Create();
        var a = provider.GetOptions(tree.Write("repo/a/Dockerfile", ""));
        var b = provider.GetOptions(tree.Write("repo/b/Dockerfile", ""));
        var c = provider.GetOptions(tree.Write("repo/b/compose.yaml", ""));
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal("1", c.GetOption("plimsoll.x"));
        Assert.Null(a.GetOption("plimsoll.x"));
    }

    [Fact]
    public void Parallel_lookups_agree_with_sequential_ones()
    {
        using var tree = new TempTree();
        var files = new List<string>();
        for (int d = 0; d < 8; d++)
        {
            tree.Write($"repo/d{d}/.editorconfig", $"[*]\ndotnet_diagnostic.PL100{d}.severity = {(d % 2 == 0 ? "none" : "error")}\n[Dockerfile]\nplimsoll.dir = d{d}\n");
            for (int f = 0; f < 25; f++)
            {
                files.Add(tree.Write($"repo/d{d}/s{f % 5}/{(f % 2 == 0 ? "Dockerfile" : "compose.yaml")}", ""));
            }
        }
        tree.Write("repo/.editorconfig", "[*]\ndotnet_analyzer_diagnostic.severity = warning\n");
        tree.Write("repo/.hadolint.yaml", "ignored: [DL3006]\n");
        Directory.CreateDirectory(tree.PathOf("repo/.git"));

        string Describe(AnalyzerOptions o) => string.Join(";", Enumerable.Range(0, 9).Select(i => $"PL100{i}={o.GetSeverity("PL100" + i)}")) + "|" + o.GetOption("plimsoll.dir");
        var expected = files.Select(f => Describe(TestProviders.Create(mapHadolintRule: _ => new[] { "PL1008" }).GetOptions(f))).ToList();

        var shared = TestProviders.Create(mapHadolintRule: _ => new[] { "PL1008" });
        var actual = new string[files.Count * 4];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Describe(shared.GetOptions(files[i % files.Count])));

        for (int i = 0; i < actual.Length; i++) Assert.Equal(expected[i % files.Count], actual[i]);
        Assert.Contains("PL1008=Suppress", expected[0]);
        Assert.Contains("PL1000=Suppress", expected[0]);
        Assert.Contains("PL1001=Warn", expected[0]);
        Assert.Empty(shared.Problems);
    }

    [Fact]
    public void Bad_paths_give_empty_options()
    {
        var provider = TestProviders.Create();
        Assert.Same(AnalyzerOptions.Empty, provider.GetOptions(""));
        Assert.Equal(ReportDiagnostic.Default, provider.GetOptions("/definitely/not/here/Dockerfile").GetSeverity("PL1001"));
    }

    [Fact]
    public void Default_for_a_rule_stops_bulk_settings_like_in_Roslyn()
    {
        var options = AnalyzerOptions.Create(new Dictionary<string, string>
        {
            ["dotnet_analyzer_diagnostic.severity"] = "error",
            ["dotnet_diagnostic.PL1001.severity"] = "default",
        });
        Assert.Equal(ReportDiagnostic.Default, options.GetSeverity("PL1001"));
        Assert.NotNull(options.GetSeveritySetting("PL1001"));
        Assert.Equal(ReportDiagnostic.Error, options.GetSeverity("PL1002"));
        Assert.Same(AnalyzerOptions.Empty, AnalyzerOptions.Empty);
        Assert.Equal(ReportDiagnostic.Default, AnalyzerOptions.Empty.GetSeverity("PL1001"));
        Assert.Null(AnalyzerOptions.Empty.GetOption("plimsoll.trusted_registries"));
    }
}
