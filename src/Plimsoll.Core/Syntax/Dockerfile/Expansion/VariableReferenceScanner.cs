namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>
/// Finds the variable references in a Dockerfile word without expanding them, following exactly the lexing
/// of <see cref="WordLexer"/>: nothing inside single quotes, nothing escaped, nested references in operands
/// too. References are returned in text order (an outer reference before the ones nested in its operand).
/// </summary>
/// <remarks>
/// Where BuildKit would reject the word, the scanner still returns what it can: a <c>${</c> with no valid
/// name (<c>${}</c>, <c>${:x}</c>, <c>${.}</c>) is skipped and scanning resumes after it; a reference with an
/// unsupported modifier is reported as <see cref="VariableOperator.Unsupported"/>; a missing closing brace
/// yields a reference with <see cref="VariableReference.IsTerminated"/> false that runs to the end of the range.
/// Whether <c>##</c>/<c>%%</c> is read as the longest-match form is decided from the text as written
/// (BuildKit decides after expanding the operand, so <c>${A#$B}</c> with B starting with <c>#</c> differs).
/// </remarks>
public static class VariableReferenceScanner
{
    /// <summary>Scans <paramref name="text"/>[<paramref name="start"/>, <paramref name="start"/>+<paramref name="length"/>).
    /// Out-of-range arguments are clamped; offsets in the result are offsets into <paramref name="text"/>.</summary>
    public static IReadOnlyList<VariableReference> Scan(string text, int start, int length, char escapeToken, bool skipProcessQuotes = false)
    {
        if (text is null) return Array.Empty<VariableReference>();
        if (start < 0) start = 0;
        if (start > text.Length) start = text.Length;
        if (length < 0) length = 0;
        if (length > text.Length - start) length = text.Length - start;
        if (text.IndexOf('$', start, length) < 0) return Array.Empty<VariableReference>();

        var references = new List<VariableReference>();
        var core = WordLexerCore.Rent();
        var sink = core.RentBuilder();
        try
        {
            core.ConfigureScan(text, start, start + length, escapeToken, skipProcessQuotes, references);
            core.Run(sink, words: null);
        }
        finally
        {
            core.ReturnBuilder(sink);
            WordLexerCore.Return(core);
        }
        return references;
    }

    /// <summary>Scans all of <paramref name="text"/>.</summary>
    public static IReadOnlyList<VariableReference> Scan(string text, char escapeToken = '\\')
        => Scan(text, 0, text?.Length ?? 0, escapeToken);
}
