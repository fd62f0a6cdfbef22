using System.Collections.Immutable;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// A service of the merged project: <c>extends</c> applied, every file merged, values interpolated. Each value is
/// the node of the file that set it last (its <see cref="ProjectNode.Path"/> and span), so a finding lands there.
/// Keys not modelled here are reachable through <see cref="Get"/>. In a swarm stack the keys <c>docker stack
/// deploy</c> does not apply (<see cref="SwarmSupport.IsIgnoredBySwarm"/>) read as absent: rules need not know swarm.
/// </summary>
public sealed class ProjectService
{
    internal ProjectService(string name, YamlNode keyNode, ProjectNode value, bool isStack)
    {
        Name = name;
        IsStack = isStack;
        KeyNode = keyNode;
        Value = value;
        Mapping = value as ProjectMapping;
        Networks = (Get("networks") as ProjectMapping)?.Entries.Select(e => new ProjectServiceNetwork(e.Key, e.KeyNode, e.Value as ProjectMapping)).ToImmutableArray()
            ?? ImmutableArray<ProjectServiceNetwork>.Empty;
        Environment = (Get("environment") as ProjectMapping)?.Entries.Select(e => new ProjectEnvironmentVariable(e.Key, e.KeyNode, e.Value as ProjectScalar)).ToImmutableArray()
            ?? ImmutableArray<ProjectEnvironmentVariable>.Empty;
        Secrets = Items("secrets").Select(i => new ProjectServiceReference(i)).ToImmutableArray();
        Configs = Items("configs").Select(i => new ProjectServiceReference(i)).ToImmutableArray();
        Volumes = Items("volumes").Select(i => new ProjectServiceVolume(i)).ToImmutableArray();
    }

    /// <summary>A service of a swarm stack: what swarm ignores is not applied.</summary>
    public bool IsStack { get; }

    public string Name { get; }

    /// <summary>The service's key in the first file that defines it.</summary>
    public YamlNode KeyNode { get; }

    public ProjectNode Value { get; }

    /// <summary>The merged service; null when the service is not a mapping.</summary>
    public ProjectMapping? Mapping { get; }

    /// <summary>The value that takes effect: null when unset, or when a stack sets a key swarm does not apply.</summary>
    public ProjectNode? Get(string key) => IsStack && SwarmSupport.IsIgnoredBySwarm(key) ? null : Mapping?[key];

    /// <summary>The value as written, whether or not it takes effect (for checks of the file itself).</summary>
    public ProjectNode? GetWritten(string key) => Mapping?[key];

    public ProjectScalar? Scalar(string key) => Get(key) as ProjectScalar;

    public ProjectScalar? Image => Scalar("image");
    public ProjectScalar? User => Scalar("user");
    public ProjectScalar? Privileged => Scalar("privileged");
    public ProjectScalar? ReadOnly => Scalar("read_only");
    public ProjectScalar? NetworkMode => Scalar("network_mode");
    public ProjectScalar? Pid => Scalar("pid");
    public ProjectScalar? Ipc => Scalar("ipc");
    public ProjectScalar? Uts => Scalar("uts");
    public ProjectScalar? UsernsMode => Scalar("userns_mode");
    public ProjectScalar? Cgroup => Scalar("cgroup");
    public ProjectScalar? CgroupParent => Scalar("cgroup_parent");
    public ProjectScalar? ContainerName => Scalar("container_name");
    public ProjectScalar? Restart => Scalar("restart");
    public ProjectScalar? Init => Scalar("init");
    public ProjectScalar? PullPolicy => Scalar("pull_policy");
    public ProjectScalar? Platform => Scalar("platform");

    /// <summary><c>build</c>: a context string or a mapping.</summary>
    public ProjectNode? Build => Get("build");

    public ProjectNode? Healthcheck => Get("healthcheck");
    public ProjectNode? Command => Get("command");
    public ProjectNode? Entrypoint => Get("entrypoint");

    public ImmutableArray<ProjectScalar> CapAdd => Scalars("cap_add");
    public ImmutableArray<ProjectScalar> CapDrop => Scalars("cap_drop");
    public ImmutableArray<ProjectScalar> SecurityOpt => Scalars("security_opt");

    /// <summary>Items as written: strings, or mappings in the long form.</summary>
    public ImmutableArray<ProjectNode> Devices => Items("devices");

    public ImmutableArray<ProjectNode> Ports => Items("ports");

    /// <summary>Short (<c>source:target[:mode]</c>) or long (mapping) volume items, merged by target.</summary>
    public ImmutableArray<ProjectServiceVolume> Volumes { get; }

    /// <summary>The networks the service joins (list and mapping forms alike).</summary>
    public ImmutableArray<ProjectServiceNetwork> Networks { get; }

    public ImmutableArray<ProjectServiceReference> Secrets { get; }

    public ImmutableArray<ProjectServiceReference> Configs { get; }

    /// <summary>The environment, list and mapping forms alike, merged by name across files.</summary>
    public ImmutableArray<ProjectEnvironmentVariable> Environment { get; }

    /// <summary>The labels as a merged mapping (list and mapping forms alike), or null.</summary>
    public ProjectMapping? Labels => Get("labels") as ProjectMapping;

    /// <summary>The service's keys that <c>docker stack deploy</c> ignores or rejects.</summary>
    public IEnumerable<ProjectEntry> KeysIgnoredBySwarm
        => Mapping?.Entries.Where(e => SwarmSupport.IsIgnoredBySwarm(e.Key)) ?? Enumerable.Empty<ProjectEntry>();

    private ImmutableArray<ProjectNode> Items(string key) => Get(key) switch
    {
        ProjectSequence list => list.Items,
        ProjectScalar { Text: not null } single => ImmutableArray.Create<ProjectNode>(single),
        _ => ImmutableArray<ProjectNode>.Empty,
    };

    private ImmutableArray<ProjectScalar> Scalars(string key) => Items(key).OfType<ProjectScalar>().ToImmutableArray();

    public override string ToString() => Name;
}

/// <summary>A network the service joins, with its per-network settings (mapping form) if any.</summary>
public sealed class ProjectServiceNetwork
{
    internal ProjectServiceNetwork(string name, YamlNode nameNode, ProjectMapping? settings)
    {
        Name = name;
        NameNode = nameNode;
        Settings = settings;
    }

    public string Name { get; }

    public YamlNode NameNode { get; }

    public ProjectMapping? Settings { get; }

    public ProjectNode? Aliases => Settings?["aliases"];

    public ProjectScalar? Ipv4Address => Settings?.Scalar("ipv4_address");

    public override string ToString() => Name;
}

/// <summary>One environment variable: <see cref="Value"/> null when listed without a value (taken from the shell).</summary>
public sealed class ProjectEnvironmentVariable
{
    internal ProjectEnvironmentVariable(string name, YamlNode nameNode, ProjectScalar? value)
    {
        Name = name;
        NameNode = nameNode;
        Value = value?.Raw == null ? null : value;
    }

    public string Name { get; }

    /// <summary>The key (mapping form) or the list item (list form).</summary>
    public YamlNode NameNode { get; }

    public ProjectScalar? Value { get; }

    public override string ToString() => Value == null ? Name : Name + "=" + Value.Text;
}

/// <summary>A service's use of a secret or config (short form: the name; long form: source, target, uid, gid, mode).</summary>
public sealed class ProjectServiceReference
{
    internal ProjectServiceReference(ProjectNode node)
    {
        Node = node;
        if (node is ProjectMapping m)
        {
            Source = m.Scalar("source");
            Target = m.Scalar("target");
            Mode = m.Scalar("mode");
        }
        else
        {
            Source = node as ProjectScalar;
        }
    }

    public ProjectNode Node { get; }

    public bool IsShortSyntax => Node is ProjectScalar;

    public ProjectScalar? Source { get; }

    public ProjectScalar? Target { get; }

    public ProjectScalar? Mode { get; }

    public override string ToString() => Source?.Text ?? "";
}
