using System.Collections.Immutable;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>A named top-level object of a Compose file: a network, volume, secret or config.</summary>
public abstract class ComposeResource
{
    private protected ComposeResource(string name, YamlNode keyNode, YamlNode node)
    {
        Name = name;
        KeyNode = keyNode;
        Node = node;
    }

    /// <summary>The key under <c>networks</c>/<c>volumes</c>/<c>secrets</c>/<c>configs</c>.</summary>
    public string Name { get; }

    public YamlNode KeyNode { get; }

    /// <summary>The definition as written (often null for a network or volume with defaults).</summary>
    public YamlNode Node { get; }

    /// <summary><c>external</c> as written: a boolean, or (legacy) a mapping with <c>name</c>.</summary>
    public ComposeScalar? External { get; internal set; }

    /// <summary>Legacy <c>external: {name: ...}</c>.</summary>
    public ComposeScalar? ExternalName { get; internal set; }

    public bool IsExternal => External?.AsBoolean() == true || External?.Resolved is YamlMappingNode;

    /// <summary>The <c>name</c> key: the platform name, when it differs from <see cref="Name"/>.</summary>
    public ComposeScalar? PlatformName { get; internal set; }

    public override string ToString() => Name;
}

public sealed class ComposeNetwork : ComposeResource
{
    internal ComposeNetwork(string name, YamlNode keyNode, YamlNode node) : base(name, keyNode, node) { }

    public ComposeScalar? Driver { get; internal set; }
    public ImmutableDictionary<string, ComposeScalar> DriverOpts { get; internal set; } = ImmutableDictionary<string, ComposeScalar>.Empty;
    public ComposeScalar? Internal { get; internal set; }
    public ComposeScalar? Attachable { get; internal set; }
}

public sealed class ComposeVolume : ComposeResource
{
    internal ComposeVolume(string name, YamlNode keyNode, YamlNode node) : base(name, keyNode, node) { }

    public ComposeScalar? Driver { get; internal set; }
    public ImmutableDictionary<string, ComposeScalar> DriverOpts { get; internal set; } = ImmutableDictionary<string, ComposeScalar>.Empty;
}

/// <summary>A top-level secret: its content comes from a <c>file</c>, an <c>environment</c> variable, or is <c>external</c>.</summary>
public sealed class ComposeSecret : ComposeResource
{
    internal ComposeSecret(string name, YamlNode keyNode, YamlNode node) : base(name, keyNode, node) { }

    public ComposeScalar? File { get; internal set; }
    public ComposeScalar? Environment { get; internal set; }
}

/// <summary>A top-level config: <c>file</c>, <c>environment</c>, inline <c>content</c>, or <c>external</c>.</summary>
public sealed class ComposeConfig : ComposeResource
{
    internal ComposeConfig(string name, YamlNode keyNode, YamlNode node) : base(name, keyNode, node) { }

    public ComposeScalar? File { get; internal set; }
    public ComposeScalar? Environment { get; internal set; }
    public ComposeScalar? Content { get; internal set; }
}
