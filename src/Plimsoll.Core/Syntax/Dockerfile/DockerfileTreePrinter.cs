using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>Prints a tree for people writing and debugging rules: kind, line:column range, span and text.</summary>
public static class DockerfileTreePrinter
{
    public static string Print(DockerfileSyntaxTree tree, bool includeTrivia = false)
    {
        var builder = new StringBuilder();
        PrintNode(tree, tree.Root, 0, includeTrivia, builder);
        foreach (var diagnostic in tree.Diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            builder.Append("diagnostic ").Append(diagnostic.Id).Append(' ')
                .Append(span.StartLinePosition.Line + 1).Append(':').Append(span.StartLinePosition.Character + 1)
                .Append(' ').Append(diagnostic.GetMessage()).Append('\n');
        }
        return builder.ToString();
    }

    private static void PrintNode(DockerfileSyntaxTree tree, DockerfileNode node, int depth, bool includeTrivia, StringBuilder builder)
    {
        Indent(builder, depth).Append(node.Kind).Append(' ').Append(Position(tree.Text, node.Span)).Append('\n');
        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.IsNode)
            {
                PrintNode(tree, child.AsNode!, depth + 1, includeTrivia, builder);
                continue;
            }
            var token = child.AsToken;
            if (includeTrivia)
            {
                foreach (var trivia in token.LeadingTrivia)
                    Indent(builder, depth + 1).Append(trivia.Kind).Append(' ').Append(Position(tree.Text, trivia.Span)).Append(' ').Append(Quote(trivia.Text)).Append('\n');
            }
            Indent(builder, depth + 1).Append(token.Kind).Append(' ').Append(Position(tree.Text, token.Span)).Append(' ').Append(Quote(token.Text));
            if (token.Value != token.Text) builder.Append(" value=").Append(Quote(token.Value));
            builder.Append('\n');
        }
    }

    private static StringBuilder Indent(StringBuilder builder, int depth) => builder.Append(' ', depth * 2);

    private static string Position(SourceText text, TextSpan span)
    {
        var lines = text.Lines.GetLinePositionSpan(span);
        return $"{lines.Start.Line + 1}:{lines.Start.Character + 1}-{lines.End.Line + 1}:{lines.End.Character + 1} [{span.Start}..{span.End})";
    }

    private static string Quote(string s) => Plimsoll.Text.PrintableText.Quote(s);
}
