using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>
/// One instruction's text as BuildKit reads it: physical lines joined at line continuations, with
/// comment lines and empty lines inside the continuation left out. It is stored as segments of the
/// source (no copy), maps every logical position back to the source, and builds its string only when
/// someone asks for a value.
/// </summary>
internal sealed class LogicalLine
{
    private readonly DockerfileSource _source;
    private readonly int[]? _logicalStarts; // null when the instruction is one physical line
    private readonly int[]? _sourceStarts;
    private readonly int _singleSourceStart;
    private string? _text;

    public LogicalLine(DockerfileSource source, int sourceStart, int length)
    {
        _source = source;
        _singleSourceStart = sourceStart;
        Length = length;
    }

    public LogicalLine(DockerfileSource source, int[] logicalStarts, int[] sourceStarts, int length)
    {
        _source = source;
        _logicalStarts = logicalStarts;
        _sourceStarts = sourceStarts;
        _singleSourceStart = sourceStarts[0];
        Length = length;
    }

    public int Length { get; }

    /// <summary>The joined text (built once, on first use).</summary>
    public string Text => _text ??= BuildText();

    /// <summary>The source position of a logical position (0..Length).</summary>
    public int ToSource(int logicalIndex)
    {
        if (_logicalStarts == null) return _singleSourceStart + logicalIndex;
        int segment = FindSegment(logicalIndex);
        return _sourceStarts![segment] + (logicalIndex - _logicalStarts[segment]);
    }

    /// <summary>The source span covering logical [start, end): from the first char to just after the last.</summary>
    public TextSpan ToSourceSpan(int start, int end)
    {
        if (end <= start) return new TextSpan(ToSource(start), 0);
        return TextSpan.FromBounds(ToSource(start), ToSource(end - 1) + 1);
    }

    /// <summary>Copies the logical text into <paramref name="buffer"/> (for parsing without allocating).</summary>
    public void CopyTo(char[] buffer)
    {
        if (_logicalStarts == null)
        {
            _source.Text.CopyTo(_singleSourceStart, buffer, 0, Length);
            return;
        }
        for (int i = 0; i < _logicalStarts.Length; i++)
        {
            int end = i + 1 < _logicalStarts.Length ? _logicalStarts[i + 1] : Length;
            _source.Text.CopyTo(_sourceStarts![i], buffer, _logicalStarts[i], end - _logicalStarts[i]);
        }
    }

    /// <summary>
    /// The logical text [start, start+length), the same as <c>Text.Substring(start, length)</c>, copied straight from the
    /// source when the joined text was not built: a token's value (a RUN's script) then costs one string, not two.
    /// </summary>
    public string Substring(int start, int length)
    {
        if (_text != null) return _text.Substring(start, length);
        if (_logicalStarts == null) return _source.Text.Substring(_singleSourceStart + start, length);
        if (start < 0 || length < 0 || start + length > Length) throw new ArgumentOutOfRangeException(nameof(start));
        if (length == 0) return "";
        return CreateLogical(start, length);
    }

    // One string of logical [start, start + length), filled in place where the runtime allows it.
    private string CreateLogical(int start, int length)
    {
#if NET
        return string.Create(length, (Line: this, Start: start), static (span, state) => state.Line.CopyLogical(state.Start, span));
#else
        var buffer = new char[length];
        CopyLogical(start, buffer);
        return new string(buffer);
#endif
    }

    // Copies logical [start, start + destination.Length) from the source segments.
    private void CopyLogical(int start, Span<char> destination)
    {
        var starts = _logicalStarts!;
        int end = start + destination.Length;
        for (int i = FindSegment(start); i < starts.Length && starts[i] < end; i++)
        {
            int segmentEnd = i + 1 < starts.Length ? starts[i + 1] : Length;
            int from = Math.Max(start, starts[i]);
            int to = Math.Min(end, segmentEnd);
            _source.Text.AsSpan(_sourceStarts![i] + (from - starts[i]), to - from).CopyTo(destination.Slice(from - start));
        }
    }

    private string BuildText()
    {
        if (_logicalStarts == null) return _source.Text.Substring(_singleSourceStart, Length);
        return Length == 0 ? "" : CreateLogical(0, Length);
    }

    private int FindSegment(int logicalIndex)
    {
        // The last segment whose start is <= index; segments are few (one per physical line).
        var starts = _logicalStarts!;
        int lo = 0, hi = starts.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= logicalIndex) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
