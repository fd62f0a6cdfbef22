using Microsoft.CodeAnalysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Cli.Linting;
using Plimsoll.Cli.Output;
using Plimsoll.Rules;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli.Linting;

/// <summary>
/// A report that writes each file's part while the run goes on lets the file's findings go: the summary line and the
/// exit code then read the counts the runner took first, which must say what the whole findings say.
/// </summary>
public class FindingCountsTests
{
    // Errors, warnings, notes and a suppressed finding, in two files and a clean one.
    private static readonly (string Name, string Text)[] Files =
    {
        ("a/Dockerfile", "FROM ubuntu\nRUN apt-get update && apt-get install -y curl\nRUN curl http://example.com/x.sh | sh\n"),
        ("b/Dockerfile", "FROM alpine:3.20\nUSER root\n# plimsoll disable-next-line PL1004\nRUN wget -q https://example.com/tool\nCOPY . /app\n"),
        ("c/Dockerfile", "FROM alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000\nUSER nobody\n"),
    };

    private static LintRun Lint(string dir, SeverityThreshold threshold, Func<Plimsoll.Analysis.FileAnalysisResult, Plimsoll.Analysis.FileAnalysisResult>? keep)
    {
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), CacheDocuments = false, Threshold = threshold });
        var request = new LintRequest(new[] { dir }, null, "text", null, threshold, null, null, Array.Empty<string>(), true, true, null);
        return new LintRunner(session).Run(request, TextReader.Null, keep: keep);
    }

    public static TheoryData<string, SeverityThreshold> FormatsAndThresholds()
    {
        var data = new TheoryData<string, SeverityThreshold>();
        foreach (var format in new[] { "text", "json", "gitlab", "checkstyle", "github", "sarif" })
            foreach (var threshold in Enum.GetValues<SeverityThreshold>())
                data.Add(format, threshold);
        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsAndThresholds))]
    public void Counts_taken_before_a_report_keeps_its_parts_are_those_of_the_whole_findings(string format, SeverityThreshold threshold)
    {
        string dir = TempDirectory.Create();
        foreach (var (name, text) in Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, name))!);
            File.WriteAllText(Path.Combine(dir, name), text);
        }
        var whole = Lint(dir, threshold, keep: null);
        var findings = whole.Findings.ToList();
        Assert.Contains(findings, f => f.IsSuppressed);
        Assert.Contains(findings, f => !f.IsSuppressed && f.Severity == DiagnosticSeverity.Error);
        Assert.Contains(findings, f => !f.IsSuppressed && f.Severity == DiagnosticSeverity.Warning);

        var kept = Lint(dir, threshold, LintReport.For(format, color: false, quiet: true).Keep);

        Assert.Equal(FindingCounts.Of(findings), whole.Counts);
        Assert.Equal(whole.Counts, kept.Counts);
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), Threshold = threshold });
        Assert.Equal(findings.Any(session.Fails), kept.Counts.Reach(threshold));
        Assert.Equal(threshold != SeverityThreshold.None, kept.Counts.Reach(threshold));
    }
}
