using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>A node of the immutable Dockerfile syntax tree; tokens are its leaves.</summary>
public abstract class DockerfileNode
{
    private TextSpan? _fullSpan;
    private TextSpan? _span;

    protected DockerfileNode(DockerfileSyntaxKind kind) => Kind = kind;

    public DockerfileSyntaxKind Kind { get; }
    public DockerfileNode? Parent { get; private set; }

    /// <summary>The tree this node belongs to.</summary>
    public DockerfileSyntaxTree? SyntaxTree
    {
        get
        {
            DockerfileNode node = this;
            while (node.Parent != null) node = node.Parent;
            return (node as DockerfileSyntax)?.Tree;
        }
    }

    /// <summary>Children in document order.</summary>
    public IReadOnlyList<DockerfileNodeOrToken> ChildNodesAndTokens()
    {
        var list = new List<DockerfileNodeOrToken>();
        CollectChildren(list);
        return list;
    }

    public IEnumerable<DockerfileNode> ChildNodes()
    {
        foreach (var child in ChildNodesAndTokens())
            if (child.IsNode) yield return child.AsNode!;
    }

    public IEnumerable<DockerfileNode> DescendantNodes()
    {
        foreach (var child in ChildNodes())
        {
            yield return child;
            foreach (var grandchild in child.DescendantNodes()) yield return grandchild;
        }
    }

    public IEnumerable<DockerfileToken> DescendantTokens()
    {
        foreach (var child in ChildNodesAndTokens())
        {
            if (child.IsNode)
            {
                foreach (var token in child.AsNode!.DescendantTokens()) yield return token;
            }
            else if (child.AsToken.IsPresent)
            {
                yield return child.AsToken;
            }
        }
    }

    /// <summary>The span from the first token's text to the last token's end, without leading trivia.</summary>
    public TextSpan Span => _span ??= ComputeSpan(includeTrivia: false);

    /// <summary>The span including the first token's leading trivia.</summary>
    public TextSpan FullSpan => _fullSpan ??= ComputeSpan(includeTrivia: true);

    /// <summary>The exact source text of the node with its leading trivia, rebuilt from its tokens.</summary>
    public string ToFullString()
    {
        var builder = new StringBuilder();
        foreach (var token in DescendantTokens()) builder.Append(token.ToFullString());
        return builder.ToString();
    }

    public override string ToString()
    {
        var tree = SyntaxTree;
        return tree == null ? ToFullString() : tree.Text.ToString(Span);
    }

    internal abstract void CollectChildren(List<DockerfileNodeOrToken> children);

    internal void AdoptChildren()
    {
        foreach (var child in ChildNodesAndTokens())
        {
            if (child.IsNode) child.AsNode!.Parent = this;
        }
    }

    private TextSpan ComputeSpan(bool includeTrivia)
    {
        int start = -1, end = -1;
        foreach (var token in DescendantTokens())
        {
            if (start < 0) start = includeTrivia ? token.FullStart : token.Start;
            end = token.End;
        }
        return start < 0 ? default : TextSpan.FromBounds(start, end);
    }
}

/// <summary>Either a node or a token.</summary>
public readonly struct DockerfileNodeOrToken
{
    private readonly DockerfileToken _token;

    public DockerfileNodeOrToken(DockerfileNode node)
    {
        AsNode = node;
        _token = default;
    }

    public DockerfileNodeOrToken(DockerfileToken token)
    {
        AsNode = null;
        _token = token;
    }

    public bool IsNode => AsNode != null;
    public DockerfileNode? AsNode { get; }
    public DockerfileToken AsToken => _token;
    public DockerfileSyntaxKind Kind => AsNode?.Kind ?? _token.Kind;

    public static implicit operator DockerfileNodeOrToken(DockerfileNode node) => new(node);
    public static implicit operator DockerfileNodeOrToken(DockerfileToken token) => new(token);
}
