using Microsoft.CodeAnalysis;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Linting;

/// <summary>What the user asked `plimsoll lint` to do.</summary>
internal sealed record LintRequest(
    IReadOnlyList<string> Paths,
    SourceFileKind? ForcedKind,
    string Format,
    string? OutputPath,
    SeverityThreshold Threshold,
    string? ConfigPath,
    string? BaselinePath,
    IReadOnlyList<string> RulePacks,
    bool NoColor,
    bool Quiet,
    string? StdinFileName,
    string? ComposeSchemaPath = null,
    bool AllowEmpty = false);

/// <summary>The lowest severity that makes the run fail (exit 1).</summary>
internal enum SeverityThreshold
{
    None,
    Note,
    Warning,
    Error,
}

internal static class SeverityThresholds
{
    public static bool Reaches(DiagnosticSeverity severity, SeverityThreshold threshold) => threshold switch
    {
        SeverityThreshold.None => false,
        SeverityThreshold.Note => severity >= DiagnosticSeverity.Info,
        SeverityThreshold.Warning => severity >= DiagnosticSeverity.Warning,
        _ => severity >= DiagnosticSeverity.Error,
    };
}
