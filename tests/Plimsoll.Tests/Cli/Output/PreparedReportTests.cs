using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Cli.Linting;
using Plimsoll.Cli.Output;
using Plimsoll.Diagnostics;
using Plimsoll.Rules;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Cli.Output;

/// <summary>
/// A file's part of a report made while the run goes on (<see cref="TextReporter.Prepare"/>, <see cref="JsonReporter.Prepare"/>,
/// <see cref="GitLabReporter.Prepare"/>)
/// comes out exactly as it would at the end, and the result kept for the report no longer holds the file's text.
/// </summary>
public class PreparedReportTests
{
    private const string First = "FROM ubuntu\nRUN apt-get update && apt-get install -y curl\nRUN curl http://example.com/x.sh | sh\n";
    private const string Second = "FROM alpine:3.20\nUSER root\nRUN wget -q https://example.com/tool\n";

    private static ImmutableArray<FileAnalysisResult> Lint()
    {
        var files = new InMemoryFileSystem();
        var session = LintSession.Create(new LintSessionOptions
        {
            Analyzers = BuiltInRules.CreateAnalyzers(),
            FileSystem = files,
            ForcedKind = SourceFileKind.Dockerfile,
            Threshold = SeverityThreshold.None,
        });
        return ImmutableArray.Create(session.Lint("/w/a/Dockerfile", SourceText.From(First)), session.Lint("/w/b/Dockerfile", SourceText.From(Second)));
    }

    private static string Report(TextReporter reporter, IEnumerable<FileAnalysisResult> files, AnalyzerRegistry registry)
    {
        var output = new StringWriter();
        reporter.Write(new LintRun(files.ToImmutableArray(), ImmutableArray<ToolNotification>.Empty, registry), output);
        return output.ToString();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Prepared_files_print_as_files_written_at_the_end(bool quiet, bool color)
    {
        var results = Lint();
        Assert.All(results, r => Assert.NotEmpty(r.Findings));
        var registry = new AnalyzerRegistry(BuiltInRules.CreateAnalyzers());
        string atTheEnd = Report(new TextReporter(color, quiet), results, registry);

        var reporter = new TextReporter(color, quiet);
        var kept = results.Select(reporter.Prepare).ToList();
        Assert.All(kept, r => Assert.Equal(0, r.Text.Length));
        Assert.Equal(atTheEnd, Report(reporter, kept, registry));
        if (!quiet) Assert.Contains("RUN curl http://example.com/x.sh | sh", atTheEnd);
    }

    [Fact]
    public void A_result_merged_after_it_was_prepared_is_written_afresh()
    {
        var results = Lint();
        var registry = new AnalyzerRegistry(BuiltInRules.CreateAnalyzers());
        var reporter = new TextReporter(false, true);
        reporter.Prepare(results[0]);
        // Another result for the same path, with other findings: what was prepared for the path is not printed for it.
        var merged = results[0] with { Findings = results[0].Findings.RemoveAt(0) };
        Assert.Equal(Report(new TextReporter(false, true), new[] { merged }, registry), Report(reporter, new[] { merged }, registry));
    }

    [Fact]
    public void Prepared_json_is_the_json_written_at_the_end_fixes_included()
    {
        var results = Lint();
        Assert.Contains(results.SelectMany(r => r.Findings), f => f.Fix != null);
        var registry = new AnalyzerRegistry(BuiltInRules.CreateAnalyzers());
        string Json(JsonReporter reporter, IEnumerable<FileAnalysisResult> files)
        {
            var output = new MemoryStream();
            reporter.WriteReport(new LintRun(files.ToImmutableArray(), ImmutableArray<ToolNotification>.Empty, registry), output);
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        }
        string atTheEnd = Json(new JsonReporter(), results);
        Assert.Contains("\"edits\"", atTheEnd);

        var reporter = new JsonReporter();
        var kept = results.Select(reporter.Prepare).ToList();
        Assert.All(kept, r => Assert.Equal(0, r.Text.Length));
        Assert.Equal(atTheEnd, Json(reporter, kept));
    }

    [Fact]
    public void Prepared_gitlab_issues_are_those_written_at_the_end_fingerprints_included()
    {
        var results = Lint();
        var registry = new AnalyzerRegistry(BuiltInRules.CreateAnalyzers());
        string GitLab(GitLabReporter reporter, IEnumerable<FileAnalysisResult> files)
        {
            var output = new MemoryStream();
            reporter.WriteReport(new LintRun(files.ToImmutableArray(), ImmutableArray<ToolNotification>.Empty, registry), output);
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        }
        string atTheEnd = GitLab(new GitLabReporter(), results);
        Assert.Contains("\"fingerprint\"", atTheEnd);

        var reporter = new GitLabReporter();
        var kept = results.Select(reporter.Prepare).ToList();
        Assert.All(kept, r => Assert.Equal(0, r.Text.Length));
        Assert.Equal(atTheEnd, GitLab(reporter, kept));
    }
}
