using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Text;

/// <summary>
/// A <see cref="SourceText"/> whose lines are the lines of its file format (<see cref="LineBreakRule"/>) rather than
/// Roslyn's, which also break on U+0085, U+2028, U+2029 and (for Dockerfiles) a lone CR. A leading byte order mark
/// is kept in the text (the trees are lossless) but takes no column, as no parser counts it. Every position the tool
/// reports (diagnostics, suppressions, reporters, baselines) goes through <see cref="SourceText.Lines"/>, so wrapping
/// the text once, where it is parsed, makes them all count lines as the parser does.
/// </summary>
public sealed class FormatSourceText : SourceText
{
    private readonly SourceText _inner;

    private FormatSourceText(SourceText inner, LineBreakRule rule)
        : base(checksumAlgorithm: inner.ChecksumAlgorithm)
    {
        _inner = inner;
        Rule = rule;
    }

    /// <summary><paramref name="text"/> with lines counted by <paramref name="rule"/> (the same object when it already is).</summary>
    public static SourceText For(SourceText text, LineBreakRule rule)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (text is FormatSourceText formatted)
        {
            if (formatted.Rule == rule) return formatted;
            text = formatted._inner;
        }
        return new FormatSourceText(text, rule);
    }

    public LineBreakRule Rule { get; }

    /// <summary>1 when the text starts with U+FEFF: the characters of line 1 are counted from after it.</summary>
    internal int ByteOrderMarkLength => _inner.Length > 0 && _inner[0] == '\uFEFF' ? 1 : 0;

    public override Encoding? Encoding => _inner.Encoding;

    public override int Length => _inner.Length;

    public override char this[int position] => _inner[position];

    public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
        => _inner.CopyTo(sourceIndex, destination, destinationIndex, count);

    public override string ToString(TextSpan span) => _inner.ToString(span);

    protected override TextLineCollection GetLinesCore() => new FormatLines(this, LineStarts());

    /// <summary>The start of every line by <see cref="Rule"/>; a final line break opens one more (empty) line, as in Roslyn.</summary>
    /// <remarks>Two passes, counting then filling: one exact array rather than a list grown and copied (every linted file has one).</remarks>
    private int[] LineStarts()
    {
        string text = _inner.ToString();
        var starts = new int[VisitLineStarts(text, null) + 1];
        VisitLineStarts(text, starts);
        return starts;
    }

    // The number of line breaks; when `starts` is given, the start of each following line is stored from starts[1] on.
    // The search jumps from break to break (vectorized IndexOfAny) instead of testing every character.
    private int VisitLineStarts(string text, int[]? starts)
    {
        int count = 0;
        var rest = text.AsSpan();
        int offset = 0;
        while (true)
        {
            int found = Rule switch
            {
                LineBreakRule.LineFeed => rest.IndexOf('\n'),
                LineBreakRule.Yaml => rest.IndexOfAny('\r', '\n'),
                _ => rest.IndexOfAny(UnicodeBreaks),
            };
            if (found < 0) return count;
            int i = offset + found;
            // CRLF is one break (the LineFeed rule finds only the LF, which ends it anyway).
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            count++;
            if (starts != null) starts[count] = i + 1;
            offset = i + 1;
            rest = text.AsSpan(offset);
        }
    }

    private static readonly char[] UnicodeBreaksArray = { '\r', '\n', '\u0085', '\u2028', '\u2029' };

    private static ReadOnlySpan<char> UnicodeBreaks => UnicodeBreaksArray;

    private sealed class FormatLines : TextLineCollection
    {
        private readonly FormatSourceText _text;
        private readonly int[] _starts;

        public FormatLines(FormatSourceText text, int[] starts)
        {
            _text = text;
            _starts = starts;
        }

        public override int Count => _starts.Length;

        public override TextLine this[int index]
        {
            get
            {
                if (index < 0 || index >= _starts.Length) throw new ArgumentOutOfRangeException(nameof(index));
                int end = index + 1 < _starts.Length ? _starts[index + 1] : _text.Length;
                return TextLine.FromSpan(_text, TextSpan.FromBounds(_starts[index], end));
            }
        }

        public override int IndexOf(int position)
        {
            if (position < 0 || position > _text.Length) throw new ArgumentOutOfRangeException(nameof(position));
            int index = Array.BinarySearch(_starts, position);
            return index >= 0 ? index : ~index - 1;
        }

        public override LinePosition GetLinePosition(int position)
        {
            int line = IndexOf(position);
            int column = position - _starts[line];
            if (line == 0 && position > 0) column -= _text.ByteOrderMarkLength;
            return new LinePosition(line, column);
        }
    }
}
