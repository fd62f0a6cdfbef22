using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis.Configuration;

namespace Plimsoll.Tests.Analysis.Configuration;

/// <summary>
/// Which sections apply to which files, decided by Roslyn's AnalyzerConfigSet: the EditorConfig specification's
/// glob table (where Roslyn differs from it, the case says so: Plimsoll matches as the compiler does), global configs, invalidation and pathological input, all over files held in memory.
/// </summary>
public class EditorConfigMatchingTests
{
    private static bool Matches(string sectionName, string relativePath)
    {
        var files = new MemoryFileSystem { ["/repo/.editorconfig"] = $"root = true\n[{sectionName}]\nplimsoll.hit = yes\n" };
        return TestProviders.Create(fileSystem: files).GetOptions("/repo/" + relativePath).GetOption("plimsoll.hit") == "yes";
    }

    [Theory]
    // '*': any run of characters except '/'
    [InlineData("a*e.c", "ace.c", true)]
    [InlineData("a*e.c", "ae.c", true)]
    [InlineData("a*e.c", "abcde.c", true)]
    [InlineData("a*e.c", "a/e.c", false)]
    [InlineData("*", ".editorconfig", true)]
    [InlineData("Bar/*", "Bar/foo.txt", true)]
    // '?': exactly one character except '/'
    [InlineData("som?.c", "some.c", true)]
    [InlineData("som?.c", "som.c", false)]
    [InlineData("som?.c", "someth.c", false)]
    [InlineData("som?.c", "som/.c", true)] // Roslyn: '?' also matches '/' (the specification says it does not)
    // brackets
    [InlineData("[ab].a", "a.a", true)]
    [InlineData("[ab].a", "c.a", false)]
    [InlineData("[!ab].b", "c.b", true)]
    [InlineData("[!ab].b", "a.b", false)]
    [InlineData("[d-g].c", "f.c", true)]
    [InlineData("[d-g].c", "h.c", false)]
    [InlineData("[!d-g].d", "h.d", true)]
    [InlineData("[!d-g].d", "f.d", false)]
    [InlineData("d/**/z.c", "d/z.c", false)] // Roslyn: '/**/' needs at least one folder between
    [InlineData("d/**/z.c", "d/mn/z.c", true)]
    [InlineData("d/**/z.c", "d/mnz.c", false)]
    [InlineData("d/**/z.c", "dmn/z.c", false)]
    // without '/': any depth; with '/': relative to the .editorconfig folder
    [InlineData("*.yaml", "deploy/prod/stack.yaml", true)]
    [InlineData("Dockerfile", "services/api/Dockerfile", true)]
    [InlineData("Dockerfile", "services/api/Dockerfile.dev", false)]
    [InlineData("{Dockerfile,Containerfile}", "x/Containerfile", true)]
    [InlineData("*.{yml,yaml}", "compose.yml", true)]
    [InlineData("docker/**", "docker/a/b/Dockerfile", true)]
    [InlineData("docker/**", "src/docker/Dockerfile", false)]
    [InlineData("/docker/*", "docker/Dockerfile", true)]
    [InlineData("docker/*", "docker/a/Dockerfile", false)]
    [InlineData("**/compose*.yaml", "compose.yaml", false)] // the same: write "compose*.yaml" for any depth
    [InlineData("**/compose*.yaml", "a/b/compose.prod.yaml", true)]
    [InlineData("**/compose*.yaml", "a/b/docker-compose.yaml", false)]
    [InlineData("stack{1..3}.yml", "stack2.yml", true)]
    [InlineData("stack{1..3}.yml", "stack4.yml", false)]
    [InlineData("\\*.c", "*.c", true)]
    [InlineData("\\*.c", "a.c", false)]
    [InlineData("a#b", "a#b", true)]
    [InlineData("中文.txt", "中文.txt", true)]
    public void Matches_like_the_specification(string sectionName, string relativePath, bool expected)
    {
        Assert.Equal(expected, Matches(sectionName, relativePath));
    }

    [Fact]
    public void Global_configs_apply_everywhere_below_them_under_every_editorconfig()
    {
        var files = new MemoryFileSystem
        {
            ["/repo/.editorconfig"] = "root = true\n[compose.yaml]\ndotnet_diagnostic.PL1001.severity = warning\n",
            ["/repo/.globalconfig"] = "is_global = true\ndotnet_diagnostic.PL1001.severity = none\nplimsoll.from = repo-global\n[/repo/app/Dockerfile]\ndotnet_diagnostic.PL1002.severity = error\n",
            ["/repo/app/.globalconfig"] = "is_global = true\nplimsoll.from = app-global\n",
        };
        var provider = TestProviders.Create(fileSystem: files);

        var dockerfile = provider.GetOptions("/repo/app/Dockerfile");
        Assert.Equal(ReportDiagnostic.Suppress, dockerfile.GetSeverity("PL1001"));
        Assert.Equal(ReportDiagnostic.Error, dockerfile.GetSeverity("PL1002")); // its absolute-path section
        Assert.Equal("app-global", dockerfile.GetOption("plimsoll.from")); // the nearer global config
        Assert.Equal(("/repo/.globalconfig", 1), (dockerfile.GetSeveritySetting("PL1001")!.Source.Path, dockerfile.GetSeveritySetting("PL1001")!.Source.Line));

        Assert.Equal(ReportDiagnostic.Warn, provider.GetOptions("/repo/app/compose.yaml").GetSeverity("PL1001")); // .editorconfig wins
        Assert.Equal(ReportDiagnostic.Default, provider.GetOptions("/repo/other/Dockerfile").GetSeverity("PL1002"));
        Assert.Equal("repo-global", provider.GetOptions("/repo/other/Dockerfile").GetOption("plimsoll.from"));
        Assert.Empty(provider.Problems);
    }

    [Fact]
    public void Invalidate_makes_a_long_lived_provider_see_edited_created_and_deleted_files()
    {
        var files = new MemoryFileSystem { ["/repo/.editorconfig"] = "root = true\n[*]\ndotnet_diagnostic.PL1001.severity = none\n" };
        var provider = TestProviders.Create(fileSystem: files);
        Assert.Equal(ReportDiagnostic.Suppress, provider.GetOptions("/repo/a/Dockerfile").GetSeverity("PL1001"));

        files["/repo/.editorconfig"] = "root = true\n[*]\ndotnet_diagnostic.PL1001.severity = error\n";
        Assert.Equal(ReportDiagnostic.Suppress, provider.GetOptions("/repo/a/Dockerfile").GetSeverity("PL1001")); // cached until told
        provider.Invalidate("/repo/.editorconfig");
        Assert.Equal(ReportDiagnostic.Error, provider.GetOptions("/repo/a/Dockerfile").GetSeverity("PL1001"));

        files["/repo/a/.editorconfig"] = "[Dockerfile]\ndotnet_diagnostic.PL1001.severity = suggestion\nbad line\n";
        provider.Invalidate("/repo/a/.editorconfig");
        Assert.Equal(ReportDiagnostic.Info, provider.GetOptions("/repo/a/Dockerfile").GetSeverity("PL1001"));
        Assert.Equal(("/repo/a/.editorconfig", 2), (provider.Problems.Single().Path, provider.Problems.Single().Line));

        files.Remove("/repo/a/.editorconfig");
        provider.Invalidate("/repo/a/.editorconfig");
        Assert.Equal(ReportDiagnostic.Error, provider.GetOptions("/repo/a/Dockerfile").GetSeverity("PL1001"));
        Assert.Empty(provider.Problems);

        int reads = files.Reads;
        provider.Invalidate("/repo/a/Dockerfile"); // not a configuration file: nothing forgotten
        provider.GetOptions("/repo/a/Dockerfile");
        Assert.Equal(reads, files.Reads);
    }

    [Fact]
    public void Explicit_config_is_read_through_the_file_system_and_invalidated_too()
    {
        var files = new MemoryFileSystem { ["/ci/plimsoll.editorconfig"] = "dotnet_diagnostic.PL1001.severity = error\n[{docker,legacy}/*]\nplimsoll.x = 1\n" };
        var provider = TestProviders.Create("/ci/plimsoll.editorconfig", fileSystem: files);
        Assert.Equal(ReportDiagnostic.Error, provider.GetOptions("/elsewhere/Dockerfile").GetSeverity("PL1001"));
        Assert.Equal("1", provider.GetOptions("/ci/legacy/Dockerfile").GetOption("plimsoll.x"));
        Assert.Null(provider.GetOptions("/elsewhere/legacy/Dockerfile").GetOption("plimsoll.x"));

        files["/ci/plimsoll.editorconfig"] = "dotnet_diagnostic.PL1001.severity = none\n";
        provider.Invalidate("/ci/plimsoll.editorconfig");
        Assert.Equal(ReportDiagnostic.Suppress, provider.GetOptions("/elsewhere/Dockerfile").GetSeverity("PL1001"));
    }

    [Fact]
    public void Unknown_rule_ids_in_config_files_are_reported_with_file_and_line()
    {
        var files = new MemoryFileSystem
        {
            ["/ci/plimsoll.editorconfig"] = "dotnet_diagnostic.PL7777.severity = error\n",
            ["/repo/.editorconfig"] = "root = true\n[*]\ndotnet_diagnostic.PL1001.severity = none\ndotnet_diagnostic.PL1010.severity = none\n",
        };
        var provider = TestProviders.Create("/ci/plimsoll.editorconfig", categoryOf: id => id.Equals("PL1001", StringComparison.OrdinalIgnoreCase) ? "SupplyChain" : "", fileSystem: files);
        provider.GetOptions("/repo/Dockerfile");
        Assert.Equal(new[] { "/ci/plimsoll.editorconfig(1)", "/repo/.editorconfig(4)" }, provider.Problems.Select(p => $"{p.Path}({p.Line + 1})"));
        Assert.All(provider.Problems, p => Assert.Contains("no rule has the id", p.Message));
    }

    // Section names built from glob syntax at sizes that make naive matchers quadratic or exponential.
    private static Arbitrary<string> HostileSectionNames()
    {
        var pieces = new[] { "[", "]", "{", "}", ",", "*", "**", "?", "a", "/", "!", "\\", "..", "{1..99999999}", "-", "#", ";" };
        var small = Gen.ArrayOf(Gen.Elements(pieces)).Select(a => string.Concat(a));
        var repeated = Gen.Elements(pieces).SelectMany(p => Gen.Choose(1, 70_000).Select(n => string.Concat(Enumerable.Repeat(p, n / p.Length + 1))));
        return Gen.OneOf(small, repeated, small.SelectMany(s => repeated.Select(r => s + r + s))).ToArbitrary();
    }

    [Property(MaxTest = 60)]
    public Property Hostile_section_names_finish_and_anything_skipped_is_reported()
        => Prop.ForAll(HostileSectionNames(), name =>
        {
            var files = new MemoryFileSystem { ["/repo/.editorconfig"] = $"root = true\n[{name}]\nplimsoll.hit = yes\n[*]\nplimsoll.all = yes\n" };
            var provider = TestProviders.Create(fileSystem: files);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var options = provider.GetOptions("/repo/" + new string('a', 200) + "/" + new string('a', 200));
            bool skippedOrKept = options.GetOption("plimsoll.all") == "yes";
            // A name that could not be used is a located problem; one that was used left no problem.
            bool reported = provider.Problems.All(p => p.Path == "/repo/.editorconfig" && p.Line == 1);
            return (skippedOrKept && reported && watch.Elapsed < TimeSpan.FromSeconds(5)).Label($"{name.Length} chars: {watch.Elapsed}");
        });

    [Fact]
    public void The_known_pathological_headers_finish_and_are_reported()
    {
        var files = new MemoryFileSystem
        {
            ["/repo/.editorconfig"] = string.Join("\n",
                "root = true",
                "[" + new string('[', 65536) + "]", "plimsoll.a = 1",
                "[**a**a**a**a**a**a**a**a**a**a**b]", "plimsoll.b = 1",
                "[" + new string('{', 200) + "a" + new string('}', 200) + "]", "plimsoll.c = 1",
                "[{0..99999}{0..99999}{0..99999}*x]", "plimsoll.d = 1",
                "[{1..99999999}]", "plimsoll.e = 1",
                ""),
        };
        var provider = TestProviders.Create(fileSystem: files);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var options = provider.GetOptions("/repo/" + new string('a', 2000));
        Assert.Null(options.GetOption("plimsoll.a"));
        Assert.Null(options.GetOption("plimsoll.b"));
        Assert.Equal("1", provider.GetOptions("/repo/99999998").GetOption("plimsoll.e"));
        Assert.Equal(new[] { 1, 3 }, provider.Problems.Select(p => p.Line));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }
}
