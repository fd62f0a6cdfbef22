using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Cli.Commands;
using Plimsoll.Cli.Linting;
using Plimsoll.Cli.Output;
using Plimsoll.Diagnostics;
using Plimsoll.Rules;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Cli.Output;

/// <summary>
/// Every report format comes out the same whether the run kept whole results or what <see cref="LintReport.Keep"/>
/// kept of each file while the run went on, and every format but SARIF keeps no file text.
/// </summary>
public class PreparedReportTests
{
    // Findings with a fix (JSON edits), a source line to echo (text) and line hashes to take (GitLab, SARIF).
    private const string First = "FROM ubuntu\nRUN apt-get update && apt-get install -y curl\nRUN curl http://example.com/x.sh | sh\n";
    // Letters beyond ASCII and beyond the first plane (a surrogate pair) in an echoed line: kept text is UTF-8.
    private const string Second = "FROM alpine:3.20\nUSER root\nRUN wget -q https://example.com/tool && echo 'ünïcödé 🐳'\n";

    // The runner counts each file's findings before the report keeps its part: the counts of the whole results.
    private static LintRun Run(IEnumerable<FileAnalysisResult> files, IEnumerable<FileAnalysisResult> whole)
        => new(files.ToImmutableArray(), ImmutableArray<ToolNotification>.Empty, new AnalyzerRegistry(BuiltInRules.CreateAnalyzers()), FindingCounts.Of(whole.SelectMany(f => f.Findings)));

    // Every finding, in memory: nothing is read from disk.
    private static LintSession NewSession() => LintSession.Create(new LintSessionOptions
    {
        Analyzers = BuiltInRules.CreateAnalyzers(),
        FileSystem = new InMemoryFileSystem(),
        ForcedKind = SourceFileKind.Dockerfile,
        Threshold = SeverityThreshold.None,
    });

    private static ImmutableArray<FileAnalysisResult> Lint()
    {
        var session = NewSession();
        var results = ImmutableArray.Create(session.Lint("/w/a/Dockerfile", SourceText.From(First)), session.Lint("/w/b/Dockerfile", SourceText.From(Second)));
        Assert.All(results, r => Assert.NotEmpty(r.Findings));
        Assert.Contains(results.SelectMany(r => r.Findings), f => f.Fix != null);
        return results;
    }

    private static string Write(LintReport report, IEnumerable<FileAnalysisResult> files, IEnumerable<FileAnalysisResult> whole)
    {
        var output = new MemoryStream();
        report.Write(Run(files, whole), output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    public static TheoryData<string, bool, bool> Formats()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var format in LintCommand.Formats) data.Add(format, false, false);
        data.Add("text", true, false);
        data.Add("text", false, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_report_is_the_same_from_what_was_kept_of_each_file(string format, bool quiet, bool color)
    {
        var results = Lint();
        string fromWholeResults = Write(LintReport.For(format, color, quiet), results, results);
        Assert.NotEmpty(fromWholeResults);

        var report = LintReport.For(format, color, quiet);
        var kept = results.Select(report.Keep).ToList();
        Assert.Equal(fromWholeResults, Write(report, kept, results));
        // SARIF's writer reads the text when the log is written; every other format has let it go.
        Assert.All(kept, r => Assert.Equal(format == "sarif", r.Text.Length > 0));
        // Formats that made their part of each file have let its findings go as well (what a corpus run held longest);
        // Checkstyle and GitHub annotations still read the findings when the report is written.
        Assert.All(kept, r => Assert.Equal(format is "text" or "json" or "gitlab", r.Findings.IsEmpty));
        if (format == "text" && !quiet)
        {
            Assert.Contains("RUN curl http://example.com/x.sh | sh", fromWholeResults);
            Assert.Contains("echo 'ünïcödé 🐳'", fromWholeResults);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Writing_a_report_leaves_the_stream_open_for_its_owner(string format, bool quiet, bool color)
    {
        // `--output FILE` writes the report into a stream its owner then completes (a temporary file moved in place).
        var report = LintReport.For(format, color, quiet);
        var kept = Lint().Select(report.Keep).ToList();
        var output = new MemoryStream();
        report.Write(Run(kept, kept), output);
        Assert.True(output.CanWrite);
        Assert.True(output.Length > 0);
    }

    [Fact]
    public void A_result_merged_after_it_was_kept_is_written_afresh()
    {
        var results = Lint();
        var report = LintReport.For("text", color: false, quiet: true);
        report.Keep(results[0]);
        // Another result for the same path, with other findings: what was kept for the path is not printed for it.
        var merged = results[0] with { Findings = results[0].Findings.RemoveAt(0) };
        Assert.Equal(Write(LintReport.For("text", color: false, quiet: true), new[] { merged }, new[] { merged }), Write(report, new[] { merged }, new[] { merged }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_text_report_reaches_its_stream_in_few_writes_however_many_files(bool keptWhileRunning)
    {
        // A write per file is a system call per file on a terminal or a pipe: the report is buffered as a whole.
        var session = NewSession();
        var results = Enumerable.Range(0, 400).Select(i => session.Lint($"/w/{i}/Dockerfile", SourceText.From(i % 2 == 0 ? First : Second))).ToList();
        string expected = Write(LintReport.For("text", color: false, quiet: false), results, results);
        var report = LintReport.For("text", color: false, quiet: false);
        var files = keptWhileRunning ? results.Select(report.Keep).ToList() : results;
        var output = new WriteCountingStream();
        report.Write(Run(files, results), output);
        Assert.True(output.Length > 64 * 1024, "the report is longer than one buffer: " + output.Length);
        Assert.InRange(output.Writes, 1, output.Length / (32 * 1024) + 2);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    private sealed class WriteCountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) { Writes++; base.Write(buffer, offset, count); }

        public override void Write(ReadOnlySpan<byte> buffer) { Writes++; base.Write(buffer); }
    }
}
