using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>
/// One instruction's text as BuildKit reads it: physical lines joined at line continuations, with
/// comment lines and empty lines inside the continuation left out. It keeps a map from every logical
/// position back to the source, so tokens found in the logical text get exact source spans.
/// </summary>
internal sealed class LogicalLine
{
    private readonly int[] _logicalStarts;
    private readonly int[] _sourceStarts;

    public LogicalLine(string text, int[] logicalStarts, int[] sourceStarts)
    {
        Text = text;
        _logicalStarts = logicalStarts;
        _sourceStarts = sourceStarts;
    }

    public string Text { get; }

    /// <summary>The source position of a logical position (0..Text.Length).</summary>
    public int ToSource(int logicalIndex)
    {
        int segment = FindSegment(logicalIndex);
        return _sourceStarts[segment] + (logicalIndex - _logicalStarts[segment]);
    }

    /// <summary>The source span covering logical [start, end): from the first char to just after the last.</summary>
    public TextSpan ToSourceSpan(int start, int end)
    {
        if (end <= start)
        {
            int at = ToSource(start);
            return new TextSpan(at, 0);
        }
        return TextSpan.FromBounds(ToSource(start), ToSource(end - 1) + 1);
    }

    private int FindSegment(int logicalIndex)
    {
        // Segments are few (one per physical line); the last one whose start is <= index wins.
        int lo = 0, hi = _logicalStarts.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_logicalStarts[mid] <= logicalIndex) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
