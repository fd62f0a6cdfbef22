using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis.Fixes;

/// <summary>
/// Applies the fixes of one file's findings, host-neutral: the CLI writes the result (or prints a diff), a language
/// server would send it as edits. A pass applies every fix at or above the wanted applicability whose edits do not
/// overlap an edit already taken (a fix is all its edits or none); the text is analysed again and the next pass runs,
/// until a pass changes nothing or the pass limit is reached (a fix that keeps re-creating work is not allowed to loop).
/// </summary>
public static class SourceFixer
{
    /// <summary>Ruff's limit too: real fix chains settle in two or three passes.</summary>
    public const int DefaultMaxPasses = 10;

    /// <param name="analyze">The findings of the file as it reads with the given text (the host runs its driver).</param>
    public static FixResult FixUntilStable(SourceText text, Func<SourceText, IReadOnlyList<Finding>> analyze, FixApplicability minimum, int maxPasses = DefaultMaxPasses)
    {
        if (maxPasses < 1) throw new ArgumentOutOfRangeException(nameof(maxPasses));
        var applied = new List<AppliedFix>();
        var current = text;
        var findings = analyze(current);
        for (int pass = 1; pass <= maxPasses; pass++)
        {
            var step = ApplyOnce(current, findings, minimum);
            if (step.Applied.IsEmpty)
                return new FixResult(text, current, applied.ToImmutableArray(), step.Skipped, Stable: true, Passes: pass, Remaining: findings);
            applied.AddRange(step.Applied);
            current = step.Fixed;
            findings = analyze(current);
        }
        // Out of passes: what is still fixable now is reported as skipped, not applied half-way.
        var outstanding = Fixable(findings, minimum)
            .Select(f => new SkippedFix(f, $"not applied: the fixes did not settle within {maxPasses} passes"))
            .ToImmutableArray();
        return new FixResult(text, current, applied.ToImmutableArray(), outstanding, Stable: outstanding.IsEmpty, Passes: maxPasses, Remaining: findings);
    }

    /// <summary>
    /// One pass: the fixable findings in file order, each taken when none of its edits overlaps an edit already taken;
    /// the others are skipped with the reason (the next pass, on the fixed text, usually takes them).
    /// </summary>
    public static FixStep ApplyOnce(SourceText text, IEnumerable<Finding> findings, FixApplicability minimum)
    {
        var taken = new List<TextChange>();
        var applied = ImmutableArray.CreateBuilder<AppliedFix>();
        var skipped = ImmutableArray.CreateBuilder<SkippedFix>();
        var candidates = Fixable(findings, minimum)
            .OrderBy(f => f.Fix!.Changes.Min(c => c.Span.Start))
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var finding in candidates)
        {
            var fix = finding.Fix!;
            var changes = fix.Changes.OrderBy(c => c.Span.Start).ToList();
            if (changes.Any(c => c.Span.End > text.Length) || OverlapAmongThemselves(changes))
            {
                skipped.Add(new SkippedFix(finding, "not applied: its edits are malformed (outside the file or overlapping each other)"));
                continue;
            }
            // The same edit offered twice (two findings, one fix) is applied once.
            if (changes.All(c => taken.Contains(c))) continue;
            var conflict = taken.FirstOrDefault(t => changes.Any(c => Overlap(c, t)));
            if (conflict != default)
            {
                skipped.Add(new SkippedFix(finding, $"skipped: its edit conflicts with another fix at offset {conflict.Span.Start}"));
                continue;
            }
            taken.AddRange(changes);
            applied.Add(new AppliedFix(finding.Id, fix.Title, fix.EffectiveApplicability, finding.LineSpan.StartLinePosition.Line + 1));
        }
        var fixedText = taken.Count == 0 ? text : text.WithChanges(taken.OrderBy(c => c.Span.Start));
        return new FixStep(fixedText, applied.ToImmutable(), skipped.ToImmutable());
    }

    private static IEnumerable<Finding> Fixable(IEnumerable<Finding> findings, FixApplicability minimum)
        => findings.Where(f => !f.IsSuppressed && f.Fix is { } fix && !fix.Changes.IsDefaultOrEmpty && fix.EffectiveApplicability >= minimum
                               && fix.EffectiveApplicability != FixApplicability.DisplayOnly);

    private static bool OverlapAmongThemselves(List<TextChange> ordered)
    {
        for (int i = 1; i < ordered.Count; i++)
            if (Overlap(ordered[i - 1], ordered[i])) return true;
        return false;
    }

    /// <summary>Two edits overlap when their spans share a character, or both insert at the same point (their order would be a guess).</summary>
    private static bool Overlap(TextChange a, TextChange b)
    {
        if (a.Span.IsEmpty && b.Span.IsEmpty) return a.Span.Start == b.Span.Start;
        if (a.Span.IsEmpty) return a.Span.Start > b.Span.Start && a.Span.Start < b.Span.End;
        if (b.Span.IsEmpty) return b.Span.Start > a.Span.Start && b.Span.Start < a.Span.End;
        return a.Span.OverlapsWith(b.Span);
    }
}

/// <summary>A fix that was applied: its rule, title, applicability and the 1-based line of its finding.</summary>
public sealed record AppliedFix(string RuleId, string Title, FixApplicability Applicability, int Line);

/// <summary>A fix that was not applied, and why.</summary>
public sealed record SkippedFix(Finding Finding, string Reason);

/// <summary>One pass of <see cref="SourceFixer.ApplyOnce"/>.</summary>
public sealed record FixStep(SourceText Fixed, ImmutableArray<AppliedFix> Applied, ImmutableArray<SkippedFix> Skipped);

/// <summary>
/// The outcome for one file: the fixed text, what was applied and skipped, whether it settled, and the findings of
/// the fixed text (what a report after <c>--fix</c> shows).
/// </summary>
public sealed record FixResult(SourceText Original, SourceText Fixed, ImmutableArray<AppliedFix> Applied, ImmutableArray<SkippedFix> Skipped, bool Stable, int Passes, IReadOnlyList<Finding> Remaining)
{
    public bool Changed => Applied.Length > 0;
}
