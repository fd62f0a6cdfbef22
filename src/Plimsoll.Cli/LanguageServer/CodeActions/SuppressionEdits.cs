using Microsoft.CodeAnalysis.Text;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.LanguageServer.CodeActions;

/// <summary>Where a suppression comment goes, and its text.</summary>
internal static class SuppressionEdits
{
    /// <summary>
    /// The line a <c>disable-next-line</c> comment goes above: the first line of the Dockerfile instruction the finding is
    /// in (a comment inside a continued instruction would split it), or the finding's own line in YAML.
    /// </summary>
    public static int LineFor(OpenDocument document, int findingLine)
    {
        if (document.Kind != SourceFileKind.Dockerfile || findingLine >= document.Text.Lines.Count) return findingLine;
        int offset = document.Text.Lines[findingLine].Start;
        var tree = DockerfileSyntaxTree.Parse(document.Text, document.Path);
        foreach (var instruction in tree.Root.Instructions)
        {
            if (instruction.Span.Start <= offset && offset <= instruction.Span.End)
                return document.Text.Lines.GetLineFromPosition(instruction.Span.Start).LineNumber;
        }
        return findingLine;
    }

    /// <summary>The first line after a Dockerfile's parser directives (a comment above them would turn them into comments).</summary>
    public static int FileCommentLine(OpenDocument document)
    {
        if (document.Kind != SourceFileKind.Dockerfile) return 0;
        var tree = DockerfileSyntaxTree.Parse(document.Text, document.Path);
        if (tree.Root.Directives.Length == 0) return 0;
        var last = tree.Root.Directives[^1];
        return document.Text.Lines.GetLineFromPosition(last.Span.End).LineNumber + 1;
    }

    /// <summary>The leading blanks of a line, so the comment lines up with the code below it.</summary>
    public static string IndentationOf(SourceText text, int line)
    {
        if (line >= text.Lines.Count) return "";
        var span = text.Lines[line];
        int i = span.Start;
        while (i < span.End && (text[i] == ' ' || text[i] == '\t')) i++;
        return text.ToString(TextSpan.FromBounds(span.Start, i));
    }

    public static string NextLineComment(string ruleId) => $"# plimsoll disable-next-line {ruleId} -- ";

    public static string FileComment(string ruleId) => $"# plimsoll disable {ruleId} -- ";
}
