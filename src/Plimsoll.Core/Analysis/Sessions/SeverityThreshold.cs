using Microsoft.CodeAnalysis;

namespace Plimsoll.Analysis.Sessions;

/// <summary>The lowest severity that makes a run fail (the CLI's exit 1).</summary>
public enum SeverityThreshold
{
    None,
    Note,
    Warning,
    Error,
}

public static class SeverityThresholds
{
    public static bool Reaches(DiagnosticSeverity severity, SeverityThreshold threshold) => threshold switch
    {
        SeverityThreshold.None => false,
        SeverityThreshold.Note => severity >= DiagnosticSeverity.Info,
        SeverityThreshold.Warning => severity >= DiagnosticSeverity.Warning,
        _ => severity >= DiagnosticSeverity.Error,
    };
}
