using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;

namespace Plimsoll.Cli.Linting;

/// <summary>
/// How many findings a run made, by severity: all that the summary line and the exit code need. Counted from each
/// file's whole result on the thread that linted it, so that a report which has already written a file's findings
/// need not keep them to the end (a corpus run's findings are most of what it would otherwise hold).
/// </summary>
internal readonly record struct FindingCounts(int Errors, int Warnings, int Notes, int Hidden, int Suppressed)
{
    /// <summary>Unsuppressed findings that people see: errors, warnings and notes (hidden ones are not shown).</summary>
    public int Shown => Errors + Warnings + Notes;

    public static FindingCounts Of(IEnumerable<Finding> findings)
    {
        int errors = 0, warnings = 0, notes = 0, hidden = 0, suppressed = 0;
        foreach (var finding in findings)
        {
            if (finding.IsSuppressed) { suppressed++; continue; }
            switch (finding.Severity)
            {
                case DiagnosticSeverity.Error: errors++; break;
                case DiagnosticSeverity.Warning: warnings++; break;
                case DiagnosticSeverity.Info: notes++; break;
                default: hidden++; break;
            }
        }
        return new FindingCounts(errors, warnings, notes, hidden, suppressed);
    }

    public static FindingCounts operator +(FindingCounts a, FindingCounts b)
        => new(a.Errors + b.Errors, a.Warnings + b.Warnings, a.Notes + b.Notes, a.Hidden + b.Hidden, a.Suppressed + b.Suppressed);

    /// <summary>True when an unsuppressed finding reaches <paramref name="threshold"/>: the run fails (as <see cref="LintSession.Fails"/> says of one finding).</summary>
    public bool Reach(SeverityThreshold threshold)
        => (Errors > 0 && SeverityThresholds.Reaches(DiagnosticSeverity.Error, threshold))
        || (Warnings > 0 && SeverityThresholds.Reaches(DiagnosticSeverity.Warning, threshold))
        || (Notes > 0 && SeverityThresholds.Reaches(DiagnosticSeverity.Info, threshold))
        || (Hidden > 0 && SeverityThresholds.Reaches(DiagnosticSeverity.Hidden, threshold));
}
