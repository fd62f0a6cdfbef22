using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis.Fixes;

/// <summary>Small text facts fixes need so that they keep the file's own conventions.</summary>
public static class FixText
{
    /// <summary>The line break the file uses at <paramref name="position"/> (that line's, else the file's first; "\n" when it has none).</summary>
    public static string NewLineAt(SourceText text, int position)
    {
        var lines = text.Lines;
        if (lines.Count == 0) return "\n";
        var line = lines.GetLineFromPosition(Math.Min(Math.Max(position, 0), text.Length));
        int breakLength = line.EndIncludingLineBreak - line.End;
        if (breakLength > 0) return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
        foreach (var other in lines)
            if (other.EndIncludingLineBreak > other.End) return text.ToString(TextSpan.FromBounds(other.End, other.EndIncludingLineBreak));
        return "\n";
    }

    /// <summary>The whitespace that starts the line holding <paramref name="position"/>.</summary>
    public static string IndentationAt(SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        int i = line.Start;
        while (i < line.End && (text[i] == ' ' || text[i] == '\t')) i++;
        return text.ToString(TextSpan.FromBounds(line.Start, i));
    }
}
