using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

public enum YamlScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// <summary><c>|</c> block scalar.</summary>
    Literal,
    /// <summary><c>&gt;</c> block scalar.</summary>
    Folded,
}

/// <summary>A scalar: its value as YAML resolves it (quotes, escapes, folding and chomping applied), and where it was written.</summary>
public sealed class YamlScalarNode : YamlNode
{
    internal YamlScalarNode(YamlSyntaxTree tree, YamlDocument document, YamlNode? parent, TextSpan span, string value, YamlScalarStyle style)
        : base(tree, document, parent, span)
    {
        Value = value;
        Style = style;
    }

    public override YamlNodeKind Kind => YamlNodeKind.Scalar;

    public string Value { get; }

    public YamlScalarStyle Style { get; }

    /// <summary>The content as written (quotes and block header included, anchor and tag excluded). Empty for an omitted value.</summary>
    public TextSpan ValueSpan { get; internal set; }

    public string RawText => Tree.Text.ToString(ValueSpan);

    /// <summary>True when nothing was written (<c>key:</c> with no value), not even properties.</summary>
    public bool IsEmpty => ValueSpan.IsEmpty && Style == YamlScalarStyle.Plain;

    /// <summary>True for a plain untagged null: nothing, <c>~</c>, <c>null</c>, <c>Null</c>, <c>NULL</c>.</summary>
    public bool IsNull => Style == YamlScalarStyle.Plain && Tag == null
        && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    public override IEnumerable<YamlNode> ChildNodes() => Array.Empty<YamlNode>();
}
