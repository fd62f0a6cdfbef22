using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.Suppression;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Yaml;

using Plimsoll.Diagnostics;

namespace Plimsoll.Analysis;

/// <summary>The comments of a file and the line extent of its constructs, as the suppression index reads them.</summary>
internal static class SourceComments
{
    public static SuppressionIndex ForDockerfile(DockerfileSyntaxTree tree, AnalyzerRegistry registry)
    {
        var text = tree.Text;
        var trivia = new List<DockerfileTrivia>();
        // Only constructs with a '#' somewhere in their text can hold a comment: the others' tokens are not walked.
        string source = text.ToString();
        var root = tree.Root;
        AddComments(root.Directives, source, trivia);
        AddComments(root.Instructions, source, trivia);
        root.EndOfFile.AddLeadingComments(trivia); // the comments after the last instruction
        if (trivia.Count == 0) return SuppressionIndex.Empty;
        var comments = new List<SourceComment>(trivia.Count);
        foreach (var comment in trivia) comments.Add(Comment(text, comment.Span, comment.Text));

        // Line → last line of the instruction starting there; only disable-next-line asks, so built on first use.
        Dictionary<int, int>? lastLine = null;
        return Build(comments, text, registry, line => (lastLine ??= LastLineOfInstructions(tree)).TryGetValue(line, out int end) ? end : line);
    }

    // The nodes are in source order: one search for each next '#' finds the node holding it, and those before it are
    // passed over unread (a search per node cost more than the lexing it spared).
    private static void AddComments<T>(ImmutableArray<T> nodes, string source, List<DockerfileTrivia> trivia) where T : DockerfileNode
    {
        int hash = -1; // the next '#' at or after the current node's start, once searched for
        foreach (var node in nodes)
        {
            var span = node.FullSpan;
            if (hash < span.Start && (hash = source.IndexOf('#', span.Start)) < 0) return;
            if (hash >= span.End) continue;
            node.AddLeadingComments(trivia);
            hash = -1; // the next node starts after this one: search again from there
        }
    }

    private static Dictionary<int, int> LastLineOfInstructions(DockerfileSyntaxTree tree)
    {
        var lastLine = new Dictionary<int, int>();
        foreach (var instruction in tree.Root.Instructions)
        {
            var lines = tree.Text.Lines.GetLinePositionSpan(instruction.Span);
            lastLine[lines.Start.Line] = lines.End.Line;
        }
        return lastLine;
    }

    public static SuppressionIndex ForYaml(YamlSyntaxTree tree, AnalyzerRegistry registry)
    {
        if (tree.Comments.IsEmpty) return SuppressionIndex.Empty;
        var comments = tree.Comments.Select(c => Comment(tree.Text, c.Span, c.Text)).ToList();
        return Build(comments, tree.Text, registry, line => line);
    }

    private static SuppressionIndex Build(List<SourceComment> comments, SourceText text, AnalyzerRegistry registry, Func<int, int> lastLineOfConstruct)
        => SuppressionIndex.Build(comments, new SuppressionContext
        {
            Text = text,
            LastLineOfConstruct = lastLineOfConstruct,
            IsKnownRuleId = id => registry.FindRule(id) != null || SyntaxDiagnostics.Ids.Contains(id) || SubRules.IsSubRuleId(id),
            // hadolint reports ShellCheck's codes as its own: "# hadolint ignore=SC2086" names the code.
            MapHadolintRule = id => SubRules.IsSubRuleId(id) ? new[] { id } : registry.RulesForHadolintId(id),
        });

    private static SourceComment Comment(SourceText text, TextSpan span, string commentText)
    {
        var line = text.Lines.GetLineFromPosition(span.Start);
        bool ownLine = true;
        for (int i = line.Start; i < span.Start && ownLine; i++) ownLine = char.IsWhiteSpace(text[i]);
        return new SourceComment(line.LineNumber, span, commentText, ownLine);
    }
}
