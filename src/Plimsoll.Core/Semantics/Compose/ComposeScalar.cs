using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>
/// A value read from a Compose file, raw (no interpolation), with the node that wrote it — so a rule can
/// report on its exact span, even when the value came through a merge key or an alias.
/// </summary>
public sealed class ComposeScalar
{
    internal ComposeScalar(YamlNode node, YamlNode? key)
    {
        Node = node;
        Key = key;
        Resolved = node.Resolve();
        Value = Resolved is YamlScalarNode { IsNull: false } scalar ? scalar.Value : null;
    }

    /// <summary>The value as YAML resolves it; null for a YAML null or for a mapping/list written where a scalar was expected.</summary>
    public string? Value { get; }

    /// <summary>The value node as written (possibly an alias).</summary>
    public YamlNode Node { get; }

    /// <summary>The node the value resolves to (the alias target for an alias); null for an undefined alias.</summary>
    public YamlNode? Resolved { get; }

    /// <summary>The key that holds the value, or null for a list item.</summary>
    public YamlNode? Key { get; }

    public TextSpan Span => Node.Span;

    /// <summary>True when a scalar was written (not a mapping or list).</summary>
    public bool IsScalar => Resolved is YamlScalarNode;

    /// <summary>The value as a boolean, with the spellings Compose accepts (YAML booleans, and strings such as "true", "1", "f").</summary>
    public bool? AsBoolean() => Value switch
    {
        "1" or "t" or "T" or "true" or "True" or "TRUE" => true,
        "0" or "f" or "F" or "false" or "False" or "FALSE" => false,
        _ => null,
    };

    /// <summary>
    /// The span of <paramref name="length"/> characters at <paramref name="start"/> in <see cref="Value"/>, when
    /// the value is written verbatim (plain, or quoted without escapes); otherwise the whole value's span.
    /// </summary>
    public TextSpan SpanOf(int start, int length)
    {
        if (Node is YamlScalarNode scalar && Value != null && start >= 0 && start + length <= Value.Length)
        {
            var raw = scalar.RawText;
            int offset = scalar.Style is YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted ? 1 : 0;
            if (scalar.Style is YamlScalarStyle.Plain or YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted
                && raw.Length >= Value.Length + 2 * offset
                && string.CompareOrdinal(raw, offset, Value, 0, Value.Length) == 0)
            {
                return new TextSpan(scalar.ValueSpan.Start + offset + start, length);
            }
        }
        return Span;
    }

    public override string ToString() => Value ?? "";
}
