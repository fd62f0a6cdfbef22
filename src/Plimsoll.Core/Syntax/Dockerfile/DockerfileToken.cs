using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>
/// A token: a piece of source text with a kind. Its leading trivia is the text between the previous
/// token and this one (<see cref="FullSpan"/> minus <see cref="Span"/>); tokens and their trivia tile
/// the whole input, which is what makes the tree lossless. A small struct: trees allocate no object per token.
/// </summary>
public readonly struct DockerfileToken
{
    private readonly DockerfileSource? _source;
    private readonly LogicalLine? _line;
    private readonly int _logicalStart;
    private readonly int _logicalEnd;

    internal DockerfileToken(DockerfileSource source, DockerfileSyntaxKind kind, int fullStart, TextSpan span, LogicalLine? line = null, int logicalStart = 0, int logicalEnd = 0)
    {
        _source = source;
        Kind = kind;
        FullStart = fullStart;
        Start = span.Start;
        End = span.End;
        _line = line;
        _logicalStart = logicalStart;
        _logicalEnd = logicalEnd;
    }

    public DockerfileSyntaxKind Kind { get; }
    internal int FullStart { get; }
    internal int Start { get; }
    internal int End { get; }

    /// <summary>False for the default value (a token that is not there, e.g. FROM without AS).</summary>
    public bool IsPresent => _source != null;

    public TextSpan Span => TextSpan.FromBounds(Start, End);
    public TextSpan FullSpan => TextSpan.FromBounds(FullStart, End);

    /// <summary>The source text of the token, continuations included.</summary>
    public string Text => _source == null ? "" : _source.Text.Substring(Start, End - Start);

    public string ToFullString() => _source == null ? "" : _source.Text.Substring(FullStart, End - FullStart);

    /// <summary>
    /// The text as BuildKit sees it: line continuations and comment lines inside it removed. For flags,
    /// quotes and escapes are processed; for JSON strings, the decoded string.
    /// </summary>
    public string Value
    {
        get
        {
            if (_source == null) return "";
            string logical = _line == null ? Text : _line.Substring(_logicalStart, _logicalEnd - _logicalStart);
            return Kind switch
            {
                DockerfileSyntaxKind.FlagToken => ArgumentSplitting.CookFlagWord(logical),
                DockerfileSyntaxKind.JsonStringToken => JsonArrayScanner.DecodeString(logical),
                _ => logical,
            };
        }
    }

    /// <summary>
    /// Whether the token's source text holds <paramref name="c"/>: a test that builds no string, for before reading a
    /// value. Comment lines inside a continuation are source text too, so true may still find nothing in the value.
    /// </summary>
    public bool MayContain(char c) => _source != null && _source.Text.AsSpan(Start, End - Start).IndexOf(c) >= 0;

    /// <summary>The raw logical text (continuations removed, nothing else processed).</summary>
    public string LogicalText => _source == null ? "" : _line == null ? Text : _line.Substring(_logicalStart, _logicalEnd - _logicalStart);

    /// <summary>
    /// The source span of [offset, offset+length) of <see cref="Value"/>'s logical text (for tokens whose value
    /// is their logical text, such as shell commands): continuations inside are spanned, not counted.
    /// </summary>
    public TextSpan MapLogicalSpan(int offset, int length)
    {
        if (_source == null) return default;
        int max = _line == null ? End - Start : _logicalEnd - _logicalStart;
        offset = Math.Max(0, Math.Min(offset, max));
        length = Math.Max(0, Math.Min(length, max - offset));
        if (_line == null) return new TextSpan(Start + offset, length);
        return _line.ToSourceSpan(_logicalStart + offset, _logicalStart + offset + length);
    }

    internal LogicalLine? Line => _line;
    internal int LogicalStart => _logicalStart;
    internal int LogicalEnd => _logicalEnd;

    /// <summary>The trivia before this token, lexed on demand (whitespace, comments, continuations, line ends).</summary>
    public IReadOnlyList<DockerfileTrivia> LeadingTrivia
        => _source == null ? Array.Empty<DockerfileTrivia>() : TriviaLexer.Lex(_source, FullStart, Start);

    /// <summary>
    /// Adds the comments of the leading trivia to <paramref name="comments"/>, the same pieces <see cref="LeadingTrivia"/>
    /// holds, without materialising the rest: most gaps are a blank or a line end, found with one scan for '#'.
    /// </summary>
    internal void AddLeadingComments(List<DockerfileTrivia> comments)
    {
        if (_source == null || FullStart >= Start || _source.Text.IndexOf('#', FullStart, Start - FullStart) < 0) return;
        TriviaLexer.AddComments(_source, FullStart, Start, comments);
    }

    public override string ToString() => Text;
}

/// <summary>A piece of trivia: text that is kept for fidelity but carries no meaning for the build.</summary>
public readonly struct DockerfileTrivia
{
    internal DockerfileTrivia(DockerfileSyntaxKind kind, TextSpan span, string text)
    {
        Kind = kind;
        Span = span;
        Text = text;
    }

    public DockerfileSyntaxKind Kind { get; }
    public TextSpan Span { get; }
    public string Text { get; }
    public override string ToString() => Text;
}

/// <summary>The text being parsed and the settings read from its parser directives.</summary>
internal sealed class DockerfileSource
{
    public DockerfileSource(string text) => Text = text;
    public string Text { get; }
    public char EscapeCharacter { get; set; } = '\\';
}
