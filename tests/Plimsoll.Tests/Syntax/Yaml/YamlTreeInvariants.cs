using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Tests.Syntax.Yaml;

/// <summary>Structural checks every tree must pass, whatever the input.</summary>
public static class YamlTreeInvariants
{
    public static void AssertLossless(YamlSyntaxTree tree, string input)
    {
        Assert.Equal(input, tree.ToFullString());

        // The pieces tile the text: each starts where the previous ended, none is empty.
        int position = 0;
        foreach (var token in tree.GetTokens())
        {
            Assert.Equal(position, token.Span.Start);
            Assert.True(token.Span.Length > 0, "empty token " + token.Kind + " at " + token.Span.Start);
            position = token.Span.End;
        }
        Assert.Equal(input.Length, position);
    }

    /// <summary>Every node's children lie inside it, in order, and its child elements cover it exactly.</summary>
    public static void AssertNested(YamlSyntaxTree tree)
    {
        foreach (var document in tree.Documents)
        {
            AssertCovers(document.Span, document.ChildElements);
            foreach (var node in Descendants(document.Root))
            {
                AssertCovers(node.Span, node.ChildElements);
                int previousEnd = node.Span.Start;
                foreach (var child in node.ChildNodes())
                {
                    Assert.True(child.Span.Start >= previousEnd && child.Span.End <= node.Span.End, "child " + child.Span + " outside " + node.Span);
                    Assert.Same(node, child.Parent);
                    previousEnd = child.Span.End;
                }
            }
        }
    }

    private static void AssertCovers(Microsoft.CodeAnalysis.Text.TextSpan span, System.Collections.Immutable.ImmutableArray<YamlSyntaxElement> pieces)
    {
        int position = span.Start;
        foreach (var piece in pieces)
        {
            Assert.Equal(position, piece.Span.Start);
            position = piece.Span.End;
        }
        Assert.Equal(span.End, position);
    }

    public static IEnumerable<YamlNode> Descendants(YamlNode root)
    {
        var stack = new Stack<YamlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.ChildNodes().Reverse()) stack.Push(child);
        }
    }
}
