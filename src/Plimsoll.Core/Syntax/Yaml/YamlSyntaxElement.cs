using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// A piece of a YAML syntax tree: a node, a document, or a token/trivia. Pieces never overlap, and the
/// pieces of a tree cover its text exactly, in order, so concatenating them gives the input back.
/// </summary>
public abstract class YamlSyntaxElement
{
    private protected YamlSyntaxElement(YamlSyntaxTree tree, TextSpan span)
    {
        Tree = tree;
        Span = span;
    }

    public YamlSyntaxTree Tree { get; }

    /// <summary>The characters of the input this element covers.</summary>
    public TextSpan Span { get; internal set; }

    /// <summary>The text this element covers (for a node, including the text of its children).</summary>
    public override string ToString() => Tree.Text.ToString(Span);

    /// <summary>Line and column (both 0-based) of <see cref="Span"/>.</summary>
    public LinePositionSpan LineSpan => Tree.Text.Lines.GetLinePositionSpan(Span);
}
