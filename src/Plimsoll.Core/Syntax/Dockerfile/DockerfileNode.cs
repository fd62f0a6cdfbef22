using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>A node of the immutable Dockerfile syntax tree; tokens are its leaves.</summary>
public abstract class DockerfileNode
{
    private int _fullStart = -1;
    private int _start;
    private int _end;

    protected DockerfileNode(DockerfileSyntaxKind kind) => Kind = kind;

    public DockerfileSyntaxKind Kind { get; }
    public DockerfileNode? Parent { get; internal set; }

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
        int count = SlotCount;
        var list = new List<DockerfileNodeOrToken>(count);
        for (int i = 0; i < count; i++)
        {
            var slot = GetSlot(i);
            if (slot.IsNode || slot.AsToken.IsPresent) list.Add(slot);
        }
        return list;
    }

    /// <summary>Number of child slots; a slot may hold an absent token (skipped by enumeration).</summary>
    internal abstract int SlotCount { get; }

    internal abstract DockerfileNodeOrToken GetSlot(int index);

    public IEnumerable<DockerfileNode> ChildNodes()
    {
        int count = SlotCount;
        for (int i = 0; i < count; i++)
        {
            var slot = GetSlot(i);
            if (slot.IsNode) yield return slot.AsNode!;
        }
    }

    // The walks below use one explicit stack of (node, next slot) instead of nested iterators: a nested
    // `yield` costs an iterator and a child list per node, and every file's comments are found this way.
    public IEnumerable<DockerfileNode> DescendantNodes()
    {
        var stack = new Stack<(DockerfileNode Node, int Next)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next >= node.SlotCount) continue;
            stack.Push((node, next + 1));
            var slot = node.GetSlot(next);
            if (!slot.IsNode) continue;
            yield return slot.AsNode!;
            stack.Push((slot.AsNode!, 0));
        }
    }

    public IEnumerable<DockerfileToken> DescendantTokens()
    {
        var stack = new Stack<(DockerfileNode Node, int Next)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next >= node.SlotCount) continue;
            stack.Push((node, next + 1));
            var slot = node.GetSlot(next);
            if (slot.IsNode) stack.Push((slot.AsNode!, 0));
            else if (slot.AsToken.IsPresent) yield return slot.AsToken;
        }
    }

    /// <summary>
    /// Adds the comments in the leading trivia of this node's tokens, in document order, without an iterator
    /// (see <see cref="DockerfileToken.AddLeadingComments"/>). Recursive: a Dockerfile tree is a few levels deep.
    /// </summary>
    internal void AddLeadingComments(List<DockerfileTrivia> comments)
    {
        int count = SlotCount;
        for (int i = 0; i < count; i++)
        {
            var slot = GetSlot(i);
            if (slot.IsNode) slot.AsNode!.AddLeadingComments(comments);
            else slot.AsToken.AddLeadingComments(comments);
        }
    }

    /// <summary>The span from the first token's text to the last token's end, without leading trivia.</summary>
    public TextSpan Span
    {
        get
        {
            EnsureSpan();
            return TextSpan.FromBounds(_start, _end);
        }
    }

    /// <summary>The span including the first token's leading trivia.</summary>
    public TextSpan FullSpan
    {
        get
        {
            EnsureSpan();
            return TextSpan.FromBounds(_fullStart, _end);
        }
    }

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

    private void EnsureSpan()
    {
        if (_fullStart >= 0) return;
        if (TryGetEdgeToken(this, first: true, out var first) && TryGetEdgeToken(this, first: false, out var last))
        {
            _start = first.Start;
            _end = last.End;
            _fullStart = first.FullStart;
        }
        else
        {
            _fullStart = _start = _end = 0;
        }
    }

    // The first (or last) present token under a node, found through slots without allocating.
    private static bool TryGetEdgeToken(DockerfileNode node, bool first, out DockerfileToken token)
    {
        int count = node.SlotCount;
        for (int k = 0; k < count; k++)
        {
            var slot = node.GetSlot(first ? k : count - 1 - k);
            if (slot.IsNode)
            {
                if (TryGetEdgeToken(slot.AsNode!, first, out token)) return true;
            }
            else if (slot.AsToken.IsPresent)
            {
                token = slot.AsToken;
                return true;
            }
        }
        token = default;
        return false;
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
