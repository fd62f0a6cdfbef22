using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

public enum YamlNodeKind
{
    Scalar,
    Mapping,
    Sequence,
    Alias,
}

/// <summary>Block (indentation) or flow (<c>[...]</c>, <c>{...}</c>) layout of a collection.</summary>
public enum YamlCollectionStyle
{
    Block,
    Flow,
}

/// <summary>
/// A YAML node. <see cref="YamlSyntaxElement.Span"/> runs from its first property (anchor or tag) or first
/// character of content to the end of its content; comments and line breaks after it belong to its parent.
/// </summary>
public abstract class YamlNode : YamlSyntaxElement
{
    private protected YamlNode(YamlSyntaxTree tree, YamlDocument document, YamlNode? parent, TextSpan span)
        : base(tree, span)
    {
        Document = document;
        Parent = parent;
    }

    public abstract YamlNodeKind Kind { get; }

    public YamlDocument Document { get; }

    /// <summary>The mapping or sequence that holds this node; null for a document's root.</summary>
    public YamlNode? Parent { get; }

    /// <summary>The anchor name without <c>&amp;</c>, or null.</summary>
    public string? Anchor { get; internal set; }

    /// <summary>The resolved tag (<c>!reset</c>, <c>!override</c>, <c>tag:yaml.org,2002:str</c> for <c>!!str</c>), or null.</summary>
    public string? Tag { get; internal set; }

    public TextSpan? AnchorSpan { get; internal set; }

    public TextSpan? TagSpan { get; internal set; }

    /// <summary>Child nodes and tokens in text order; together they cover <see cref="YamlSyntaxElement.Span"/> exactly.</summary>
    public ImmutableArray<YamlSyntaxElement> ChildElements { get; internal set; } = ImmutableArray<YamlSyntaxElement>.Empty;

    /// <summary>Follows an alias to the node it names; any other node is returned as is. Null for an undefined alias.</summary>
    public YamlNode? Resolve() => this is YamlAliasNode alias ? alias.Target : this;

    /// <summary>The nodes directly inside this one (keys and values of a mapping, items of a sequence), in order.</summary>
    public abstract IEnumerable<YamlNode> ChildNodes();

    /// <summary>
    /// How many nodes <see cref="ChildNodes"/> yields. With <see cref="ChildAt"/>, for the walks over every node of a
    /// tree (assembly, document checks), which would otherwise make an enumerator per node.
    /// </summary>
    internal virtual int ChildCount => 0;

    /// <summary>The <paramref name="index"/>th node <see cref="ChildNodes"/> yields.</summary>
    internal virtual YamlNode ChildAt(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}
