namespace Plimsoll.Analysis.Suppression;

/// <summary>Why a suppression comment is (partly) ineffective.</summary>
public enum SuppressionProblemKind
{
    /// <summary>A rule id that no Plimsoll rule has.</summary>
    UnknownRuleId,

    /// <summary>A hadolint id that no Plimsoll rule replaces.</summary>
    UnmappedHadolintRule,

    /// <summary>A directive without rule ids (write <c>all</c> to mean every rule).</summary>
    MissingRuleIds,

    /// <summary><c># plimsoll disble…</c>: looks like a directive but is not one.</summary>
    UnknownDirective,

    /// <summary>A directive where it cannot apply (an own-line <c>disable-line</c>; <c>disable-next-line</c> with no code after it).</summary>
    MisplacedDirective,
}
