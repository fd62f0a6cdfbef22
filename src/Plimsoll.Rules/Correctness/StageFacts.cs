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
    public static bool SetsWorkdir(BuildStage stage, InstructionSyntax? before)
    {
        foreach (var instruction in stage.Instructions)
        {
            if (instruction == before) break;
            if (instruction.Kind == DockerfileSyntaxKind.WorkdirInstruction) return true;
        }
        foreach (var ancestor in Ancestors(stage))
            if (ancestor.Instructions.Any(i => i.Kind == DockerfileSyntaxKind.WorkdirInstruction)) return true;
        return false;
    }

    /// <summary>A <c>--from</c> value that is plainly an image reference: it has a registry, a path, a tag or a digest.</summary>
    public static bool LooksLikeImageReference(string reference)
        => reference.IndexOfAny(new[] { ':', '/', '@' }) >= 0;

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment).</summary>
    public static int EditDistance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>The closest of <paramref name="candidates"/> to <paramref name="name"/> when it looks like a typo of it, or null (see <see cref="TypoSuggester"/>).</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        var suggester = new TypoSuggester();
        foreach (var candidate in candidates) suggester.Add(candidate);
        return suggester.Suggest(name);
    }
}
