using Microsoft.CodeAnalysis;

namespace Plimsoll.Analysis.Configuration;

/// <summary>The severity words of .editorconfig (Roslyn's set) and their <see cref="ReportDiagnostic"/>.</summary>
internal static class SeverityNames
{
    public const string Allowed = "none, silent, suggestion, warning, error or default";

    public static bool TryParse(string value, out ReportDiagnostic severity)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "default": severity = ReportDiagnostic.Default; return true;
            case "none": severity = ReportDiagnostic.Suppress; return true;
            // Roslyn accepts "refactoring" as a synonym of "silent"; so do we.
            case "silent":
            case "refactoring": severity = ReportDiagnostic.Hidden; return true;
            case "suggestion": severity = ReportDiagnostic.Info; return true;
            case "warning": severity = ReportDiagnostic.Warn; return true;
            case "error": severity = ReportDiagnostic.Error; return true;
            default: severity = ReportDiagnostic.Default; return false;
        }
    }
}
