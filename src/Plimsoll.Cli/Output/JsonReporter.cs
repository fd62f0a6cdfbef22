using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
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
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("version", SchemaVersion);
        json.WriteStartObject("tool");
        json.WriteString("name", "plimsoll");
        json.WriteString("version", Program.Version);
        json.WriteEndObject();

        json.WriteStartArray("findings");
        foreach (var reported in ReportedFinding.From(run, includeSuppressed: true))
        {
            var finding = reported.Finding;
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Id);
            json.WriteString("severity", TextReporter.SeverityWord(finding.Severity));
            json.WriteString("message", reported.Message);
            json.WriteString("path", reported.DisplayPath);
            json.WriteNumber("startLine", reported.StartLine);
            json.WriteNumber("startColumn", reported.StartColumn);
            json.WriteNumber("endLine", reported.EndLine);
            json.WriteNumber("endColumn", reported.EndColumn);
            json.WriteBoolean("suppressed", finding.IsSuppressed);
            if (finding.Suppression != null)
            {
                json.WriteString("suppressionKind", finding.Suppression.Kind == Plimsoll.Analysis.Suppression.SuppressionKind.Baseline ? "baseline" : "inSource");
                json.WriteString("justification", finding.Suppression.Justification);
            }
            else
            {
                json.WriteNull("justification");
            }
            if (finding.Fix != null) WriteFix(json, finding.Fix, reported.File.Text);
            else json.WriteNull("fix");
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("notifications");
        foreach (var notification in run.AllNotifications)
        {
            json.WriteStartObject();
            json.WriteString("level", notification.Level.ToString().ToLowerInvariant());
            if (notification.Path == null) json.WriteNull("path");
            else json.WriteString("path", DisplayPaths.For(notification.Path));
            json.WriteString("message", notification.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFix(Utf8JsonWriter json, Plimsoll.Analysis.CodeFix fix, SourceText text)
    {
        json.WriteStartObject("fix");
        json.WriteString("title", fix.Title);
        json.WriteStartArray("edits");
        foreach (var change in fix.Changes)
        {
            // A fix span past the end of the text would be a rule bug; clamp rather than throw.
            int start = Math.Min(change.Span.Start, text.Length), end = Math.Min(change.Span.End, text.Length);
            var span = text.Lines.GetLinePositionSpan(TextSpan.FromBounds(start, Math.Max(start, end)));
            json.WriteStartObject();
            json.WriteNumber("startLine", span.Start.Line + 1);
            json.WriteNumber("startColumn", span.Start.Character + 1);
            json.WriteNumber("endLine", span.End.Line + 1);
            json.WriteNumber("endColumn", span.End.Character + 1);
            json.WriteString("newText", change.NewText ?? "");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
