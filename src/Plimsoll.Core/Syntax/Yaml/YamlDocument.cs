using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// One document of a YAML stream: optional directives and <c>---</c>, a root node, an optional <c>...</c>.
/// Comments before the first node and after the last one belong to the tree, between documents.
/// </summary>
public sealed class YamlDocument : YamlSyntaxElement
{
    internal YamlDocument(YamlSyntaxTree tree, int index, TextSpan span)
        : base(tree, span)
    {
        Index = index;
    }

    /// <summary>0-based position of the document in the file.</summary>
    public int Index { get; }

    /// <summary>The root node; for an empty document, an empty plain scalar.</summary>
    public YamlNode Root { get; internal set; } = null!;

    public bool HasExplicitStart { get; internal set; }

    public bool HasExplicitEnd { get; internal set; }

    /// <summary>Whether the document has an alias (<c>*name</c>): without one, no node stands for another.</summary>
    public bool HasAliases { get; internal set; }

    /// <summary>Directives, markers, the root node and the trivia between them, in text order.</summary>
    public ImmutableArray<YamlSyntaxElement> ChildElements { get; internal set; } = ImmutableArray<YamlSyntaxElement>.Empty;
}
