using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// <c>*name</c>: a reference to the node anchored <c>&amp;name</c> earlier in the same document. The tree never
/// copies the target; code that walks through aliases must bound its work (see <see cref="YamlAliasBudget"/>).
/// </summary>
public sealed class YamlAliasNode : YamlNode
{
    internal YamlAliasNode(YamlSyntaxTree tree, YamlDocument document, YamlNode? parent, TextSpan span, string name)
        : base(tree, document, parent, span)
    {
        Name = name;
    }

    public override YamlNodeKind Kind => YamlNodeKind.Alias;

    /// <summary>The anchor name, without <c>*</c>.</summary>
    public string Name { get; }

    /// <summary>The anchored node, or null when no anchor of that name precedes the alias.</summary>
    public YamlNode? Target { get; internal set; }

    public override IEnumerable<YamlNode> ChildNodes() => Array.Empty<YamlNode>();
}
