using System.Collections.Immutable;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>
/// A service of a Compose file, with merge keys applied. Every value keeps its node; values are raw
/// (variables such as <c>${TAG}</c> are not interpolated). Keys not modelled here are reachable through <see cref="Get"/>.
/// </summary>
public sealed class ComposeService
{
    internal ComposeService(string name, YamlNode keyNode, YamlNode node, YamlEffectiveMapping? entries)
    {
        Name = name;
        KeyNode = keyNode;
        Node = node;
        Entries = entries;
    }

    public string Name { get; }

    /// <summary>The service's name as written (the key under <c>services</c>).</summary>
    public YamlNode KeyNode { get; }

    /// <summary>The service's value as written: normally a mapping (possibly an alias of one).</summary>
    public YamlNode Node { get; }

    /// <summary>The service's keys with merge keys applied; null when the service is not a mapping.</summary>
    public YamlEffectiveMapping? Entries { get; }

    /// <summary>Any key of the service, merge keys applied.</summary>
    public ComposeScalar? Get(string key)
        => Entries?[key] is { } entry ? new ComposeScalar(entry.Value, entry.KeyNode) : null;

    public ComposeScalar? Image { get; internal set; }
    public ComposeScalar? User { get; internal set; }
    public ComposeScalar? Privileged { get; internal set; }
    public ComposeScalar? ReadOnly { get; internal set; }
    public ComposeScalar? NetworkMode { get; internal set; }
    public ComposeScalar? Pid { get; internal set; }
    public ComposeScalar? Ipc { get; internal set; }
    public ComposeScalar? Uts { get; internal set; }
    public ComposeScalar? UsernsMode { get; internal set; }
    public ComposeScalar? Cgroup { get; internal set; }
    public ComposeScalar? CgroupParent { get; internal set; }
    public ComposeScalar? ContainerName { get; internal set; }
    public ComposeScalar? Restart { get; internal set; }
    public ComposeScalar? Init { get; internal set; }
    public ComposeScalar? PullPolicy { get; internal set; }
    public ComposeScalar? Platform { get; internal set; }

    /// <summary>The <c>build</c> value as written (a context string or a mapping), or null.</summary>
    public ComposeScalar? Build { get; internal set; }

    /// <summary>The <c>healthcheck</c> mapping as written, or null.</summary>
    public ComposeScalar? Healthcheck { get; internal set; }

    public ImmutableArray<ComposeScalar> CapAdd { get; internal set; } = ImmutableArray<ComposeScalar>.Empty;
    public ImmutableArray<ComposeScalar> CapDrop { get; internal set; } = ImmutableArray<ComposeScalar>.Empty;
    public ImmutableArray<ComposeScalar> SecurityOpt { get; internal set; } = ImmutableArray<ComposeScalar>.Empty;

    /// <summary><c>devices</c> items as written (strings, or mappings in the long form).</summary>
    public ImmutableArray<ComposeScalar> Devices { get; internal set; } = ImmutableArray<ComposeScalar>.Empty;

    /// <summary><c>ports</c> items as written (numbers, strings, or mappings in the long form).</summary>
    public ImmutableArray<ComposeScalar> Ports { get; internal set; } = ImmutableArray<ComposeScalar>.Empty;

    public ImmutableArray<ComposeServiceNetwork> Networks { get; internal set; } = ImmutableArray<ComposeServiceNetwork>.Empty;
    public ImmutableArray<ComposeServiceVolume> Volumes { get; internal set; } = ImmutableArray<ComposeServiceVolume>.Empty;
    public ImmutableArray<ComposeServiceReference> Secrets { get; internal set; } = ImmutableArray<ComposeServiceReference>.Empty;
    public ImmutableArray<ComposeServiceReference> Configs { get; internal set; } = ImmutableArray<ComposeServiceReference>.Empty;
    public ImmutableArray<ComposeEnvironmentVariable> Environment { get; internal set; } = ImmutableArray<ComposeEnvironmentVariable>.Empty;

    public override string ToString() => Name;
}
