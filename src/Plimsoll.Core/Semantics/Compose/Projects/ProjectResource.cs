using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

public enum ComposeResourceKind
{
    Network,
    Volume,
    Secret,
    Config,
}

/// <summary>A top-level network, volume, secret or config of the merged project.</summary>
public sealed class ProjectResource
{
    internal ProjectResource(ComposeResourceKind kind, string name, YamlNode keyNode, ProjectNode value)
    {
        Kind = kind;
        Name = name;
        KeyNode = keyNode;
        Value = value;
        Mapping = value as ProjectMapping;
    }

    public ComposeResourceKind Kind { get; }

    public string Name { get; }

    public YamlNode KeyNode { get; }

    /// <summary>The definition (often a null scalar for a network or volume with defaults).</summary>
    public ProjectNode Value { get; }

    public ProjectMapping? Mapping { get; }

    public ProjectNode? Get(string key) => Mapping?[key];

    public ProjectScalar? Driver => Mapping?.Scalar("driver");

    /// <summary><c>external</c>: a boolean, or (legacy) a mapping with <c>name</c>.</summary>
    public ProjectNode? External => Mapping?["external"];

    public bool IsExternal => External is ProjectMapping || (External as ProjectScalar)?.AsBoolean() == true;

    /// <summary>Legacy <c>external: {name: ...}</c>.</summary>
    public ProjectScalar? ExternalName => (External as ProjectMapping)?.Scalar("name");

    public ProjectMapping? DriverOpts => Mapping?["driver_opts"] as ProjectMapping;

    /// <summary>The platform <c>name</c>, when set.</summary>
    public ProjectScalar? PlatformName => Mapping?.Scalar("name");

    /// <summary>Secrets and configs: <c>file</c>.</summary>
    public ProjectScalar? File => Mapping?.Scalar("file");

    /// <summary>Secrets and configs: <c>environment</c>.</summary>
    public ProjectScalar? Environment => Mapping?.Scalar("environment");

    /// <summary>Configs: inline <c>content</c>.</summary>
    public ProjectScalar? Content => Mapping?.Scalar("content");

    public override string ToString() => Name;
}
