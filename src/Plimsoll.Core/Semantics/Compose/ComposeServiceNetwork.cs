using System.Collections.Immutable;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>A network a service joins: an item of the list form, or a key of the mapping form.</summary>
public sealed class ComposeServiceNetwork
{
    internal ComposeServiceNetwork(string name, YamlNode nameNode, YamlNode? settings)
    {
        Name = name;
        NameNode = nameNode;
        Settings = settings;
    }

    public string Name { get; }

    public YamlNode NameNode { get; }

    /// <summary>The mapping of per-network settings (mapping form), or null.</summary>
    public YamlNode? Settings { get; }

    public ImmutableArray<ComposeScalar> Aliases { get; internal set; } = ImmutableArray<ComposeScalar>.Empty;

    public ComposeScalar? Ipv4Address { get; internal set; }

    public ComposeScalar? Ipv6Address { get; internal set; }
}
