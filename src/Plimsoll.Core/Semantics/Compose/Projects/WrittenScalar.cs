using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// A scalar as one file writes it, raw (no interpolation), with its node: what <see cref="ProjectReader"/> reads a
/// <see cref="ProjectScalar"/> from, and how spans of parts of a value (<c>KEY=value</c>, <c>source:target</c>) are found.
/// </summary>
internal sealed class WrittenScalar
{
    internal WrittenScalar(YamlNode node, YamlNode? key)
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
