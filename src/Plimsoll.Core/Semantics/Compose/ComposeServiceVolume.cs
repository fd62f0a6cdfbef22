using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>An entry of a service's <c>volumes</c>: short syntax <c>[SOURCE:]TARGET[:MODE]</c>, or the long mapping form.</summary>
public sealed class ComposeServiceVolume
{
    internal ComposeServiceVolume(YamlNode node, bool isShortSyntax)
    {
        Node = node;
        IsShortSyntax = isShortSyntax;
    }

    public YamlNode Node { get; }

    public bool IsShortSyntax { get; }

    /// <summary><c>bind</c>, <c>volume</c>, <c>tmpfs</c>, <c>npipe</c>, <c>image</c>, <c>cluster</c>; for short syntax, inferred from the source.</summary>
    public string? Type { get; internal set; }

    /// <summary>Host path or volume name; null for an anonymous volume. Short syntax: the span is that of the part.</summary>
    public ComposeValue? Source { get; internal set; }

    public ComposeValue? Target { get; internal set; }

    /// <summary>Short syntax access mode and options (<c>ro</c>, <c>rw</c>, <c>z</c>, ...), as written.</summary>
    public ComposeValue? Mode { get; internal set; }

    /// <summary>Long syntax <c>read_only</c>, as written.</summary>
    public ComposeScalar? ReadOnlyValue { get; internal set; }

    /// <summary>Long syntax <c>bind.propagation</c>.</summary>
    public ComposeScalar? BindPropagation { get; internal set; }

    /// <summary>True when mounted read-only (<c>:ro</c>, or <c>read_only: true</c>).</summary>
    public bool IsReadOnly { get; internal set; }

    public bool IsBind => Type == "bind";
}
