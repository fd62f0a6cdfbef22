using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Cli.Linting;

namespace Plimsoll.Cli.Output;

/// <summary>
/// Plimsoll's own JSON report (schema in docs/output-formats.md). <see cref="SchemaVersion"/> changes only when a
/// field changes meaning or goes away; new fields may appear without a new version.
/// </summary>
internal sealed class JsonReporter
{
    public const string SchemaVersion = "1";

    private readonly PreparedFiles<IReadOnlyList<JsonReportFinding>> _prepared = new();

    /// <summary>Makes a file's findings into report entries now, on the thread that linted it (see <see cref="PreparedFiles{TPart}"/>).</summary>
    public FileAnalysisResult Prepare(FileAnalysisResult file) => _prepared.Keep(file, Findings(file).ToList());

    public void WriteReport(LintRun run, Stream output)
    {
        var findings = run.Files.SelectMany(file => _prepared.TryGet(file, out var prepared) ? prepared : Findings(file)).ToList();
        var notifications = run.AllNotifications
            .Select(n => new JsonReportNotification(n.Level.ToString().ToLowerInvariant(), n.Path == null ? null : DisplayPaths.For(n.Path), n.Message))
            .ToList();
        var report = new JsonReport(SchemaVersion, new JsonReportTool("plimsoll", Program.Version), findings, notifications);
        JsonSerializer.Serialize(output, report, ReportJsonContext.Reports.JsonReport);
    }

    private static IEnumerable<JsonReportFinding> Findings(FileAnalysisResult file) =>
        ReportedFinding.From(file, includeSuppressed: true).Select(reported =>
        {
            var finding = reported.Finding;
            var suppression = finding.Suppression;
            return new JsonReportFinding(
                finding.Id, TextReporter.SeverityWord(finding.Severity), reported.Message, reported.DisplayPath,
                reported.StartLine, reported.StartColumn, reported.EndLine, reported.EndColumn, finding.IsSuppressed,
                suppression == null ? null : suppression.Kind == Plimsoll.Analysis.Suppression.SuppressionKind.Baseline ? "baseline" : "inSource",
                suppression?.Justification,
                finding.Fix == null ? null : Fix(finding.Fix, reported.File.Text),
                PeerAttribution.Read(finding.Diagnostic));
        });

    private static JsonReportFix Fix(Plimsoll.Analysis.CodeFix fix, SourceText text)
        => new(fix.Title, fix.Changes.Select(change =>
        {
            // A fix span past the end of the text would be a rule bug; clamp rather than throw.
            int start = Math.Min(change.Span.Start, text.Length), end = Math.Min(change.Span.End, text.Length);
            var span = text.Lines.GetLinePositionSpan(TextSpan.FromBounds(start, Math.Max(start, end)));
            return new JsonReportEdit(span.Start.Line + 1, span.Start.Character + 1, span.End.Line + 1, span.End.Character + 1, change.NewText ?? "");
        }).ToList());
}
