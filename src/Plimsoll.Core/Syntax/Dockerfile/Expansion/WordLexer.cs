using System.Text;

namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>
/// Expands variables, quotes and escapes in one word of a Dockerfile instruction with the semantics of
/// BuildKit's shell lexer (<c>frontend/dockerfile/shell</c>): <c>$VAR</c>, <c>${VAR}</c>, the
/// <c>:- - :+ + :? ? # ## % %% / //</c> modifiers with nested expansions, single and double quotes, and the
/// escape character chosen by the <c># escape=</c> directive. Never throws on any input; errors are returned
/// with BuildKit's wording. Instances are immutable and may be shared across threads.
/// </summary>
public sealed class WordLexer
{
    public WordLexer(char escapeToken = '\\')
    {
        EscapeToken = escapeToken;
    }

    /// <summary>The escape character: <c>\</c>, or <c>`</c> under <c># escape=`</c>.</summary>
    public char EscapeToken { get; }

    /// <summary>Keep quote characters in the result (BuildKit uses this for instructions whose quotes matter later).</summary>
    public bool RawQuotes { get; init; }

    /// <summary>Keep escape characters in the result.</summary>
    public bool RawEscapes { get; init; }

    /// <summary>Leave references to unset variables as written instead of expanding them to empty.</summary>
    public bool SkipUnsetEnv { get; init; }

    /// <summary>Treat quote characters as ordinary characters.</summary>
    public bool SkipProcessQuotes { get; init; }

    /// <summary>
    /// The longest expansion allowed (BuildKit has no limit): beyond it the expansion fails with
    /// <see cref="WordExpansion.LimitExceeded"/>, so <c>ARG B=$A$A</c> chains cannot grow exponentially.
    /// </summary>
    public int MaxLength { get; init; } = int.MaxValue;

    /// <summary>Expands <paramref name="word"/>.</summary>
    /// <param name="word">The word as written (null is read as empty).</param>
    /// <param name="lookup">Value of a variable, null when it is unset, "" when set but empty. Null means nothing is set.</param>
    public WordExpansion ProcessWord(string word, Func<string, string?> lookup)
    {
        word ??= string.Empty;
        var core = WordLexerCore.Rent();
        var result = core.RentBuilder();
        try
        {
            core.Configure(word, 0, word.Length, this, lookup ?? NothingSet, references: null);
            var ok = core.Run(result, words: null);
            return new WordExpansion(ok ? result.ToString() : null, core.Error, core.TakeMatched(), core.TakeUnmatched(), core.LengthLimitReached);
        }
        finally
        {
            core.ReturnBuilder(result);
            WordLexerCore.Return(core);
        }
    }

    /// <summary>Expands <paramref name="word"/> and splits it into words.</summary>
    /// <param name="word">The word as written (null is read as empty).</param>
    /// <param name="lookup">Value of a variable, null when it is unset, "" when set but empty. Null means nothing is set.</param>
    public WordsExpansion ProcessWords(string word, Func<string, string?> lookup)
    {
        word ??= string.Empty;
        var core = WordLexerCore.Rent();
        var result = core.RentBuilder();
        var words = new WordSplitter();
        try
        {
            core.Configure(word, 0, word.Length, this, lookup ?? NothingSet, references: null);
            var ok = core.Run(result, words);
            return ok ? new WordsExpansion(words.Finish(), null) : new WordsExpansion(null, core.Error);
        }
        finally
        {
            core.ReturnBuilder(result);
            WordLexerCore.Return(core);
        }
    }

    private static string? NothingSet(string name) => null;
}
