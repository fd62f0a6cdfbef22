using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Tests.Semantics.Compose.Projects;

namespace Plimsoll.Tests.Analysis.Compose;

/// <summary>
/// A compose file is judged in its project, and every finding lands in the file that wrote the value: included and
/// extended files are linted through the files that load them, project problems are never dropped, nothing twice.
/// </summary>
public sealed class ComposeProjectFindingsTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());
    private readonly CountingFileSystem fs = new(Path.Combine(Path.GetTempPath(), "plimsoll-in-memory", "project"));

    private FileAnalysisResult Lint(string name, Func<string, bool>? linted = null, bool isStack = false)
    {
        var path = fs.PathOf(name);
        var text = fs.ReadFile(path).Content!.Text;
        return new AnalyzerDriver(Registry).AnalyzeComposeFile(text, path, isStack, null,
            new ComposeAnalysisOptions { FileSystem = fs, LintedFiles = linted });
    }

    /// <summary>
    /// Every finding of the result and its project files as "file:line id", less the notes that a hardening setting is
    /// absent (cap_drop, no-new-privileges, read_only, resource limits): they fire on every service, and these tests are
    /// about where findings land.
    /// </summary>
    private static List<string> Findings(params FileAnalysisResult[] results)
        => FileAnalysisResult.MergeByPath(results)
            .SelectMany(r => r.Findings.Where(IsNotMissingHardening).Select(f => Path.GetFileName(r.Path) + ":" + (f.Diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1) + " " + f.Id))
            .ToList();

    private static readonly HashSet<string> MissingHardening = new(StringComparer.Ordinal) { "PL2009", "PL2010", "PL2011", "PL2012" };

    private static bool IsNotMissingHardening(Finding finding) => !MissingHardening.Contains(finding.Id);

    private static string Messages(FileAnalysisResult result)
        => string.Join("\n", FileAnalysisResult.MergeByPath(new[] { result }).SelectMany(r => r.Findings).Select(f => f.Diagnostic.GetMessage()));

    [Fact]
    public void A_privileged_service_of_an_included_file_is_reported_in_that_file()
    {
        fs["compose.yaml"] = "include:\n  - other.yaml\nservices:\n  web:\n    image: nginx:1.27@sha256:" + new string('a', 64) + "\n";
        fs["other.yaml"] = "services:\n  s:\n    image: x:1@sha256:" + new string('b', 64) + "\n    privileged: true\n";
        var result = Lint("compose.yaml");
        Assert.Empty(result.Findings.Where(IsNotMissingHardening));
        Assert.Equal(new[] { "other.yaml:4 PL2002" }, Findings(result));
    }

    [Fact]
    public void A_service_is_judged_with_what_it_extends_and_each_value_reported_where_it_is_written()
    {
        fs["compose.yaml"] = "services:\n  web:\n    extends: {file: base.yaml, service: base}\n    image: nginx:1.27\n";
        fs["base.yaml"] = "services:\n  base:\n    image: busybox\n    cap_add: [SYS_ADMIN]\n";
        var findings = Findings(Lint("compose.yaml"));
        // web gets SYS_ADMIN from base.yaml (reported there); its own image replaces busybox, which no service deploys.
        Assert.Contains("base.yaml:4 PL2003", findings);
        Assert.Contains("compose.yaml:4 PL1002", findings);
        Assert.DoesNotContain(findings, f => f.Contains("PL1001", StringComparison.Ordinal));
    }

    [Fact]
    public void An_override_that_replaces_a_value_clears_the_finding_on_the_base_file()
    {
        fs["compose.yaml"] = "services:\n  web:\n    image: nginx:1.27@sha256:" + new string('a', 64) + "\n    privileged: true\n    user: root\n";
        fs["compose.override.yaml"] = "services:\n  web:\n    privileged: false\n";
        var linted = new HashSet<string> { fs.PathOf("compose.yaml"), fs.PathOf("compose.override.yaml") };
        var findings = Findings(Lint("compose.yaml", linted.Contains), Lint("compose.override.yaml", linted.Contains));
        Assert.Equal(new[] { "compose.yaml:5 PL2001" }, findings);
    }

    [Fact]
    public void A_file_linted_on_its_own_reports_its_findings_once()
    {
        fs["compose.yaml"] = "include:\n  - compose.base.yaml\nservices: {}\n";
        fs["compose.override.yaml"] = "include:\n  - compose.base.yaml\nservices: {}\n";
        fs["compose.base.yaml"] = "services:\n  s:\n    image: x:1@sha256:" + new string('b', 64) + "\n    privileged: true\n";

        // Both project files load the included file, which nobody lints itself: it is reported once.
        var linted = new HashSet<string> { fs.PathOf("compose.yaml"), fs.PathOf("compose.override.yaml") };
        Assert.Equal(new[] { "compose.base.yaml:4 PL2002" }, Findings(Lint("compose.yaml", linted.Contains), Lint("compose.override.yaml", linted.Contains)));

        // When it is linted too, the files that include it leave it alone.
        linted.Add(fs.PathOf("compose.base.yaml"));
        Assert.Equal(new[] { "compose.base.yaml:4 PL2002" },
            Findings(Lint("compose.yaml", linted.Contains), Lint("compose.override.yaml", linted.Contains), Lint("compose.base.yaml", linted.Contains)));
        Assert.Empty(Lint("compose.yaml", linted.Contains).ProjectFiles);
    }

    [Fact]
    public void Include_problems_are_located_findings()
    {
        fs["compose.yaml"] = "include:\n  - missing.yaml\n  - compose.yaml\n  - notes.txt\n  - list.yaml\nservices: {}\n";
        fs["notes.txt"] = "just some words\n";
        fs["list.yaml"] = "- a\n- b\n";
        var result = Lint("compose.yaml");
        Assert.Equal(new[] { "compose.yaml:2 PL9002", "compose.yaml:3 PL9002", "compose.yaml:4 PL9002", "compose.yaml:5 PL9002" }, Findings(result));
        var messages = Messages(result);
        Assert.Contains("missing.yaml cannot be read", messages);
        Assert.Contains("include cycle: compose.yaml -> compose.yaml", messages);
        Assert.Contains("notes.txt is not a compose file", messages);
        Assert.Contains("list.yaml is not a compose file", messages);
    }

    [Fact]
    public void A_yaml_error_in_an_included_file_is_reported_in_that_file()
    {
        fs["compose.yaml"] = "include: [broken.yaml]\nservices: {}\n";
        fs["broken.yaml"] = "services:\n  s: [unclosed\n";
        var findings = Findings(Lint("compose.yaml"));
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.StartsWith("broken.yaml:", f, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.EndsWith("PL9002", f, StringComparison.Ordinal));
    }

    [Fact]
    public void An_extends_cycle_is_a_finding_at_the_extends()
    {
        fs["compose.yaml"] = "services:\n  a:\n    image: a:1\n    extends: b\n  b:\n    image: b:1\n    extends: a\n";
        var result = Lint("compose.yaml");
        Assert.Contains("extends cycle", Messages(result));
        Assert.Contains(Findings(result), f => f is "compose.yaml:4 PL9002" or "compose.yaml:7 PL9002");
    }

    [Theory]
    [InlineData("    image: nginx:${TAG:?must be set}\n", "required variable TAG is missing a value: must be set")]
    [InlineData("    image: nginx:${BAD-\n", "'${' is not closed")]
    public void Interpolation_errors_are_findings_at_the_value(string imageLine, string message)
    {
        fs["compose.yaml"] = "services:\n  web:\n" + imageLine;
        var result = Lint("compose.yaml");
        Assert.Contains("compose.yaml:3 PL9002", Findings(result));
        Assert.Contains(message, Messages(result));
    }

    [Fact]
    public void Interpolation_nested_beyond_the_limit_is_a_finding_at_the_value()
    {
        fs["compose.yaml"] = "services:\n  web:\n    image: nginx:" + string.Concat(Enumerable.Repeat("${X:-", 100)) + "1" + new string('}', 100) + "\n";
        var result = Lint("compose.yaml");
        Assert.Contains("compose.yaml:3 PL9002", Findings(result));
        Assert.Contains("nested more than", Messages(result));
    }

    [Fact]
    public void A_malformed_env_line_is_reported_at_its_line_in_the_env_file()
    {
        fs["compose.yaml"] = "services:\n  web:\n    image: nginx:${TAG}\n";
        fs[".env"] = "TAG=1.27\nthis is not a variable\n";
        var result = Lint("compose.yaml");
        Assert.Equal(new[] { ".env:2 PL9002" }, Findings(result).Where(f => f.Contains("PL9002", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_stack_reports_what_docker_stack_rejects()
    {
        fs["stack.yaml"] = "version: '2'\nservices:\n  web:\n    image: nginx:1.27\n    volumes_from: [x]\n";
        var messages = Messages(Lint("stack.yaml", isStack: true));
        Assert.Contains("unsupported Compose file version: 2", messages);
        Assert.Contains("docker stack forbids 'volumes_from'", messages);
    }
}
