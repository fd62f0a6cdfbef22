using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis.Suppression;

/// <summary>What <see cref="SuppressionIndex.Build(IEnumerable{SourceComment}, SuppressionContext?)"/> needs to know about the file and the rule set. Every member is optional.</summary>
public sealed class SuppressionContext
{
    /// <summary>
    /// The file's text. With it, "the next line" of <c>disable-next-line</c> skips blank lines as well as
    /// comment lines; without it only comment lines are skipped.
    /// </summary>
    public SourceText? Text { get; init; }

    /// <summary>
    /// Line → last line of the construct that starts there (a Dockerfile instruction with continuations
    /// or heredocs, a YAML node). A next-line suppression then covers the whole construct. Without it,
    /// just the one line.
    /// </summary>
    public Func<int, int>? LastLineOfConstruct { get; init; }

    /// <summary>Whether a Plimsoll rule id exists; ids it rejects become problems. Null accepts any id.</summary>
    public Func<string, bool>? IsKnownRuleId { get; init; }

    /// <summary>hadolint id (upper case) → the Plimsoll rules that replace it. Null: hadolint pragmas map to nothing.</summary>
    public Func<string, IEnumerable<string>>? MapHadolintRule { get; init; }

    /// <summary>False to ignore <c># hadolint …</c> pragmas entirely (hadolint's <c>disable-ignore-pragma</c>).</summary>
    public bool HonourHadolintPragmas { get; init; } = true;
}
