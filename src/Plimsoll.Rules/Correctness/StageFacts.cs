using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>Facts about stages and paths that several Dockerfile structure rules share.</summary>
internal static class StageFacts
{
    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>The 1-based line of a position, as messages show it.</summary>
    public static int LineOf(SourceText text, int position) => text.Lines.GetLinePosition(position).Line + 1;

    /// <summary>
    /// An absolute path for Linux or Windows: <c>/x</c>, <c>\x</c>, or a drive letter (<c>C:\x</c>, <c>C:/x</c>, <c>C:</c>).
    /// </summary>
    public static bool IsAbsolutePath(string path)
    {
        if (path.Length == 0) return false;
        if (path[0] == '/' || path[0] == '\\') return true;
        return path.Length >= 2 && ((path[0] | 0x20) >= 'a' && (path[0] | 0x20) <= 'z') && path[1] == ':';
    }

    /// <summary>The stages <paramref name="stage"/> builds on (its FROM chain), nearest first, without cycles.</summary>
    public static IEnumerable<BuildStage> Ancestors(BuildStage stage)
        // Most stages build on an image, not a stage: they get no iterator (rules ask this of every stage).
        => stage.ParentStage is { } parent && parent.Index < stage.Index ? AncestorsOf(stage) : Array.Empty<BuildStage>();

    private static IEnumerable<BuildStage> AncestorsOf(BuildStage stage)
    {
        var current = stage.ParentStage;
        while (current != null && current.Index < stage.Index)
        {
            yield return current;
            stage = current;
            current = current.ParentStage;
        }
    }

    /// <summary>True when the stage or a stage it builds on has a WORKDIR before <paramref name="before"/> (null: anywhere).</summary>
    /// <remarks>Asked for every COPY: the stage's first WORKDIR is known, not searched for (a stage of many instructions stays linear).</remarks>
    public static bool SetsWorkdir(BuildStage stage, InstructionSyntax? before)
    {
        if (stage.FirstWorkdir is { } first && (before == null || first.Span.Start < before.Span.Start)) return true;
        foreach (var ancestor in Ancestors(stage))
            if (ancestor.FirstWorkdir != null) return true;
        return false;
    }

    /// <summary>A <c>--from</c> value that is plainly an image reference: it has a registry, a path, a tag or a digest.</summary>
    public static bool LooksLikeImageReference(string reference)
        => reference.IndexOfAny(new[] { ':', '/', '@' }) >= 0;

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment).</summary>
    public static int EditDistance(string a, string b) => EditDistance(a.ToLowerInvariant(), b.ToLowerInvariant(), int.MaxValue);

    /// <summary>
    /// The optimal-string-alignment distance of <paramref name="a"/> and <paramref name="b"/> as written (no case
    /// folding), or any number above <paramref name="max"/> once it is certain to exceed it. Three rows, no allocation
    /// for names up to 256 letters: typo suggestions compare many names.
    /// </summary>
    public static int EditDistance(string a, string b, int max)
    {
        int width = b.Length + 1;
        Span<int> rows = width <= 257 ? stackalloc int[3 * width] : new int[3 * width];
        Span<int> before = rows.Slice(0, width), previous = rows.Slice(width, width), current = rows.Slice(2 * width, width);
        for (int j = 0; j < width; j++) previous[j] = j;
        int previousMin = 0;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int currentMin = i;
            for (int j = 1; j < width; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, before[j - 2] + 1);
                current[j] = d;
                if (d < currentMin) currentMin = d;
            }
            // A row is never below both rows above it (less one for a swap): past the limit in two rows, it stays past.
            if (currentMin > max && previousMin > max) return max + 1;
            previousMin = currentMin;
            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[b.Length];
    }

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="name"/> when it looks like a typo of it, or null (see <see cref="TypoSuggester"/>).</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        var suggester = new TypoSuggester();
        foreach (var candidate in candidates) suggester.Add(candidate);
        return suggester.Suggest(name);
    }
}
