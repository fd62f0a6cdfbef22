using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.Suppression;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Analysis;

/// <summary>The comments of a file and the line extent of its constructs, as the suppression index reads them.</summary>
internal static class SourceComments
{
    public static SuppressionIndex ForDockerfile(DockerfileSyntaxTree tree, AnalyzerRegistry registry)
    {
        var text = tree.Text;
        var comments = new List<SourceComment>();
        foreach (var token in tree.Root.DescendantTokens().Append(tree.Root.EndOfFile))
        {
            if (token.FullSpan.Start == token.Span.Start) continue; // no trivia, nothing to lex
            foreach (var trivia in token.LeadingTrivia)
                if (trivia.Kind == DockerfileSyntaxKind.CommentTrivia) comments.Add(Comment(text, trivia.Span, trivia.Text));
        }
        if (comments.Count == 0) return SuppressionIndex.Empty;

        var lastLine = new Dictionary<int, int>();
        foreach (var instruction in tree.Root.Instructions)
        {
            var lines = text.Lines.GetLinePositionSpan(instruction.Span);
            lastLine[lines.Start.Line] = lines.End.Line;
        }
        return Build(comments, text, registry, line => lastLine.TryGetValue(line, out int end) ? end : line);
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
            IsKnownRuleId = id => registry.FindRule(id) != null || id == "PL9001" || id == "PL9002",
            MapHadolintRule = id => registry.RulesForHadolintId(id),
        });

    private static SourceComment Comment(SourceText text, TextSpan span, string commentText)
    {
        var line = text.Lines.GetLineFromPosition(span.Start);
        bool ownLine = text.ToString(TextSpan.FromBounds(line.Start, span.Start)).Trim().Length == 0;
        return new SourceComment(line.LineNumber, span, commentText, ownLine);
    }
}
