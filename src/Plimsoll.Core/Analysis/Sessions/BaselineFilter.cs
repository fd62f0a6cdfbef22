using System.Collections.Immutable;
using Plimsoll.Analysis.Suppression;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;

namespace Plimsoll.Analysis.Sessions;

/// <summary>
/// Marks findings that the baseline already had as suppressed (kind: baseline), so they stay visible in
/// SARIF but neither print as problems nor fail the run: only new findings count.
/// </summary>
internal static class BaselineFilter
{
    public static FileAnalysisResult Apply(FileAnalysisResult file, SarifBaseline baseline)
    {
        var hashes = PrimaryLocationLineHash.Compute(file.Text);
        var consumed = new HashSet<int>();
        var findings = file.Findings.Select(finding =>
        {
            if (finding.IsSuppressed || !baseline.Contains(finding.Diagnostic, file.Text, hashes, consumed)) return finding;
            var diagnostic = SuppressionProperties.Suppress(finding.Diagnostic, SuppressionProperties.Baseline, "present in the baseline");
            return finding with { Diagnostic = diagnostic, Suppression = new SuppressionInfo(SuppressionKind.Baseline, "present in the baseline") };
        }).ToImmutableArray();
        return file with { Findings = findings };
    }
}
