using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Cli.Pinning;

/// <summary>
/// A unified diff (<c>diff -u</c>, three lines of context) of two texts with the same line count — what <c>pin</c>
/// makes, since it only inserts within a line. Lines are shown without their terminators.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string path, SourceText before, SourceText after)
    {
        var oldLines = LinesOf(before);
        var newLines = LinesOf(after);
        if (oldLines.Count != newLines.Count) throw new ArgumentException("pin edits never add or remove lines");
        var changed = Enumerable.Range(0, oldLines.Count).Where(i => oldLines[i] != newLines[i]).ToList();
        var output = new StringBuilder();
        if (changed.Count == 0) return "";
        output.Append("--- a/").Append(path).Append('\n').Append("+++ b/").Append(path).Append('\n');
        int index = 0;
        while (index < changed.Count)
        {
            int start = Math.Max(0, changed[index] - Context);
            int last = changed[index];
            while (index + 1 < changed.Count && changed[index + 1] - last <= 2 * Context) last = changed[++index];
            int end = Math.Min(oldLines.Count - 1, last + Context);
            int count = end - start + 1;
            output.Append($"@@ -{start + 1},{count} +{start + 1},{count} @@\n");
            for (int i = start; i <= end; i++)
            {
                if (oldLines[i] == newLines[i]) output.Append(' ').Append(oldLines[i]).Append('\n');
                else output.Append('-').Append(oldLines[i]).Append('\n').Append('+').Append(newLines[i]).Append('\n');
            }
            index++;
        }
        return output.ToString();
    }

    /// <summary>The lines without terminators; a final line break starts no line of its own.</summary>
    private static List<string> LinesOf(SourceText text)
    {
        var lines = text.Lines.Select(l => text.ToString(l.Span)).ToList();
        if (lines.Count > 1 && text.Lines[^1].Span.IsEmpty) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
