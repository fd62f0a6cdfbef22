namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>The outcome of expanding one word the way BuildKit does (<c>Lex.ProcessWord</c>).</summary>
public sealed class WordExpansion
{
    public WordExpansion(string? result, string? error, IReadOnlyCollection<string> matched, IReadOnlyCollection<string> unmatched, bool limitExceeded = false)
    {
        LimitExceeded = limitExceeded;
        Result = result;
        Error = error;
        Matched = matched;
        Unmatched = unmatched;
    }

    /// <summary>The expanded word; null when <see cref="Error"/> is set.</summary>
    public string? Result { get; }

    /// <summary>BuildKit's error text (e.g. <c>failed to process "${A:?}": A: is not allowed to be unset</c>); null on success.</summary>
    public string? Error { get; }

    /// <summary>Names that were looked up and found set (also when the expansion later failed).</summary>
    public IReadOnlyCollection<string> Matched { get; }

    /// <summary>Names that were looked up and found unset.</summary>
    public IReadOnlyCollection<string> Unmatched { get; }

    public bool Succeeded => Error is null;

    /// <summary>
    /// The expansion failed at a limit of the lexer (longer than <see cref="WordLexer.MaxLength"/>, or substitutions nested
    /// more than 128 levels), not because BuildKit would reject the word.
    /// </summary>
    public bool LimitExceeded { get; }
}
