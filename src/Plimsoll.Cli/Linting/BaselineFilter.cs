using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;

namespace Plimsoll.Cli.Linting;

/// <summary>
/// Marks findings that the baseline already had as suppressed (kind: baseline), so they stay visible in
/// SARIF but neither print as problems nor fail the run: only new findings count.
/// </summary>
internal static class BaselineFilter
{
    public static LintRun Apply(LintRun run, SarifBaseline baseline)
    {
        var files = run.Files.Select(file =>
        {
            var hashes = PrimaryLocationLineHash.Compute(file.Text);
            var findings = file.Findings.Select(finding =>
            {
                if (finding.IsSuppressed || !baseline.Contains(finding.Diagnostic, file.Text, hashes)) return finding;
                var diagnostic = SuppressionProperties.Suppress(finding.Diagnostic, SuppressionProperties.Baseline, "present in the baseline");
                return finding with { Diagnostic = diagnostic, Suppression = new SuppressionInfo(Plimsoll.Analysis.Suppression.SuppressionKind.Baseline, "present in the baseline") };
            }).ToImmutableArray();
            return file with { Findings = findings };
        }).ToImmutableArray();
        return run with { Files = files };
    }
}
