using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis.Suppression;

/// <summary>
/// One suppression comment: which rules, which lines, and why. It is what
/// <see cref="SuppressionIndex.TryGetSuppression"/> returns for a suppressed finding, so that a SARIF
/// writer can emit <c>suppressions: [{ kind: "inSource", justification, location }]</c>.
/// </summary>
public sealed class Suppression
{
    private int _used;
    private readonly int[] _usedIds;

    internal Suppression(SourceComment comment, SuppressionSyntax syntax, SuppressionScope scope,
        IReadOnlyList<string> ruleIds, bool allRules, string justification, int firstLine, int lastLine)
    {
        Comment = comment;
        Syntax = syntax;
        Scope = scope;
        RuleIds = ruleIds;
        AppliesToAllRules = allRules;
        Justification = justification;
        FirstLine = firstLine;
        LastLine = lastLine;
        _usedIds = new int[ruleIds.Count];
    }

    public SuppressionKind Kind => SuppressionKind.InSource;
    public SuppressionSyntax Syntax { get; }
    public SuppressionScope Scope { get; }

    /// <summary>The comment that holds the suppression.</summary>
    public SourceComment Comment { get; }

    /// <summary>0-based line of the comment.</summary>
    public int Line => Comment.Line;

    /// <summary>Span of the comment.</summary>
    public TextSpan Span => Comment.Span;

    /// <summary>The Plimsoll rule ids covered (upper case; hadolint ids already mapped). Empty when <see cref="AppliesToAllRules"/>.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>True for <c>all</c>.</summary>
    public bool AppliesToAllRules { get; }

    /// <summary>The reason after <c>--</c> (or after a second '#' in a hadolint pragma); "" when none was given.</summary>
    public string Justification { get; }

    public bool HasJustification => Justification.Length > 0;

    /// <summary>First covered line (0-based); for <see cref="SuppressionScope.File"/>, 0.</summary>
    public int FirstLine { get; }

    /// <summary>Last covered line (0-based); for <see cref="SuppressionScope.File"/>, <see cref="int.MaxValue"/>.</summary>
    public int LastLine { get; }

    /// <summary>Whether a finding has been suppressed by it (set by <see cref="SuppressionIndex.TryGetSuppression"/>).</summary>
    public bool IsUsed => Volatile.Read(ref _used) != 0;

    /// <summary>
    /// The listed ids that never suppressed a finding, e.g. PL1002 in <c>disable-next-line PL1001, PL1002</c>
    /// when only PL1001 fired. For a hadolint pragma these are the mapped Plimsoll ids.
    /// </summary>
    public IReadOnlyList<string> UnusedRuleIds => RuleIds.Where((_, i) => Volatile.Read(ref _usedIds[i]) == 0).ToArray();

    internal void MarkUsed(string ruleId)
    {
        Volatile.Write(ref _used, 1);
        int i = IndexOf(ruleId);
        if (i >= 0) Volatile.Write(ref _usedIds[i], 1);
    }

    internal bool Covers(string ruleId) => AppliesToAllRules || IndexOf(ruleId) >= 0;

    private int IndexOf(string ruleId)
    {
        for (int i = 0; i < RuleIds.Count; i++)
        {
            if (string.Equals(RuleIds[i], ruleId, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}
