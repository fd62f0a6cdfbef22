using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Cli.Linting;

namespace Plimsoll.Cli.Output;

/// <summary>
/// Plimsoll's own JSON report (schema in docs/output-formats.md). <see cref="SchemaVersion"/> changes only when a
/// field changes meaning or goes away; new fields may appear without a new version.
/// </summary>
internal static class JsonReporter
{
    public const string SchemaVersion = "1";

    public static void Write(LintRun run, Stream output)
    {
        var findings = ReportedFinding.From(run, includeSuppressed: true).Select(reported =>
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
        }).ToList();
        var notifications = run.AllNotifications
            .Select(n => new JsonReportNotification(n.Level.ToString().ToLowerInvariant(), n.Path == null ? null : DisplayPaths.For(n.Path), n.Message))
            .ToList();
        var report = new JsonReport(SchemaVersion, new JsonReportTool("plimsoll", Program.Version), findings, notifications);
        JsonSerializer.Serialize(output, report, ReportJsonContext.Reports.JsonReport);
    }

    private static JsonReportFix Fix(Plimsoll.Analysis.CodeFix fix, SourceText text)
        => new(fix.Title, fix.Changes.Select(change =>
        {
            // A fix span past the end of the text would be a rule bug; clamp rather than throw.
            int start = Math.Min(change.Span.Start, text.Length), end = Math.Min(change.Span.End, text.Length);
            var span = text.Lines.GetLinePositionSpan(TextSpan.FromBounds(start, Math.Max(start, end)));
            return new JsonReportEdit(span.Start.Line + 1, span.Start.Character + 1, span.End.Line + 1, span.End.Character + 1, change.NewText ?? "");
        }).ToList());
}
