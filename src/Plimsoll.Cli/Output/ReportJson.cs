using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plimsoll.Cli.Output;

// The JSON documents Plimsoll writes, serialized by System.Text.Json's source generator (no reflection: Native AOT safe).
// Property order is declaration order; names are camelCase unless a format says otherwise.

/// <summary><c>--format json</c>: see docs/output-formats.md.</summary>
internal sealed record JsonReport(string Version, JsonReportTool Tool, IReadOnlyList<JsonReportFinding> Findings, IReadOnlyList<JsonReportNotification> Notifications);

internal sealed record JsonReportTool(string Name, string Version);

internal sealed record JsonReportFinding(
    string RuleId, string Severity, string Message, string Path, int StartLine, int StartColumn, int EndLine, int EndColumn, bool Suppressed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SuppressionKind,
    string? Justification,
    JsonReportFix? Fix,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<string>>? PeerRules = null);

internal sealed record JsonReportFix(string Title, IReadOnlyList<JsonReportEdit> Edits);

internal sealed record JsonReportEdit(int StartLine, int StartColumn, int EndLine, int EndColumn, string NewText);

internal sealed record JsonReportNotification(string Level, string? Path, string Message);

/// <summary><c>--format gitlab</c>: one GitLab Code Quality issue.</summary>
internal sealed record GitLabIssue(string Type, string Description, [property: JsonPropertyName("check_name")] string CheckName, string Fingerprint, string Severity, GitLabLocation Location);

internal sealed record GitLabLocation(string Path, GitLabLines Lines);

internal sealed record GitLabLines(int Begin, int End);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JsonReport))]
[JsonSerializable(typeof(IReadOnlyList<GitLabIssue>))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
    /// <summary>Reports keep messages readable: non-ASCII text, quotes in code and '&lt;' are written as they are.</summary>
    public static ReportJsonContext Reports { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
