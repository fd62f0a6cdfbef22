using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

public sealed class YamlSequenceNode : YamlNode
{
    internal YamlSequenceNode(YamlSyntaxTree tree, YamlDocument document, YamlNode? parent, TextSpan span, YamlCollectionStyle style)
        : base(tree, document, parent, span)
    {
        Style = style;
    }

    public override YamlNodeKind Kind => YamlNodeKind.Sequence;

    public YamlCollectionStyle Style { get; }

    public ImmutableArray<YamlNode> Items { get; internal set; } = ImmutableArray<YamlNode>.Empty;

    public override IEnumerable<YamlNode> ChildNodes() => Items;

    internal override int ChildCount => Items.Length;

    internal override YamlNode ChildAt(int index) => Items[index];
}
