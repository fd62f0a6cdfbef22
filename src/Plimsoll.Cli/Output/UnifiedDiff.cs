using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Plimsoll.Cli.Output;

/// <summary>A unified diff (<c>diff -u</c>, three lines of context) of one file's text before and after a change (<c>lint --diff</c>, <c>pin --dry-run</c>); line differences from DiffPlex.</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string path, string before, string after)
    {
        // Lines keep their own line breaks, so a diff never hides a CRLF/LF difference and never invents one.
        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new LineEndingsPreservingChunker());
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var output = new StringBuilder();
        if (diff.DiffBlocks.Count == 0) return "";
        output.Append("--- a/").Append(path).Append('\n');
        output.Append("+++ b/").Append(path).Append('\n');

        int index = 0;
        var blocks = diff.DiffBlocks;
        while (index < blocks.Count)
        {
            // A hunk takes blocks while the unchanged gap between them is at most twice the context.
            int last = index;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * Context) last++;
            var first = blocks[index];
            var end = blocks[last];
            int startA = Math.Max(0, first.DeleteStartA - Context);
            int endA = Math.Min(a.Count, end.DeleteStartA + end.DeleteCountA + Context);
            int startB = first.InsertStartB - (first.DeleteStartA - startA);
            int endB = end.InsertStartB + end.InsertCountB + (endA - (end.DeleteStartA + end.DeleteCountA));
            output.Append("@@ -").Append(Range(startA, endA - startA)).Append(" +").Append(Range(startB, endB - startB)).Append(" @@\n");
            int lineA = startA;
            for (int i = index; i <= last; i++)
            {
                var block = blocks[i];
                for (; lineA < block.DeleteStartA; lineA++) Line(output, ' ', a[lineA]);
                for (int k = 0; k < block.DeleteCountA; k++) Line(output, '-', a[block.DeleteStartA + k]);
                for (int k = 0; k < block.InsertCountB; k++) Line(output, '+', b[block.InsertStartB + k]);
                lineA = block.DeleteStartA + block.DeleteCountA;
            }
            for (; lineA < endA; lineA++) Line(output, ' ', a[lineA]);
            index = last + 1;
        }
        return output.ToString();
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    private static void Line(StringBuilder output, char marker, string line)
    {
        output.Append(marker);
        if (line.EndsWith("\n", StringComparison.Ordinal)) output.Append(line);
        else output.Append(line).Append("\n\\ No newline at end of file\n");
    }
}
