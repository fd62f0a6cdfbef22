namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>
/// The outcome of expanding a word and splitting it on unquoted white space the way BuildKit does
/// (<c>Lex.ProcessWords</c>): white space that came from a variable splits too, quoted text never does.
/// </summary>
public sealed class WordsExpansion
{
    public WordsExpansion(IReadOnlyList<string>? words, string? error)
    {
        Words = words;
        Error = error;
    }

    /// <summary>The words; null when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<string>? Words { get; }

    /// <summary>BuildKit's error text; null on success.</summary>
    public string? Error { get; }

    public bool Succeeded => Error is null;
}
