using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// The merged, interpolated model of a set of compose files (or a swarm stack): services and top-level networks,
/// volumes, secrets and configs, each value keeping the node of the file that set it. Load it with
/// <see cref="ComposeProjectLoader"/>. It is the one compose model: every value is a <see cref="ProjectNode"/> that
/// knows the file and span that wrote it, so the view of one file is the values whose <see cref="ProjectNode.Path"/> is that file.
/// </summary>
public sealed class ComposeProject
{
    internal ComposeProject(ImmutableArray<string> files, bool isStack, IVariableSource variables, ProjectMapping? root,
        ImmutableArray<YamlSyntaxTree> trees, ImmutableArray<YamlSyntaxTree> allTrees, ImmutableArray<Diagnostic> diagnostics)
    {
        AllTrees = allTrees;
        Files = files;
        IsStack = isStack;
        Variables = variables;
        Root = root;
        Trees = trees;
        Services = Section("services").Select(e => new ProjectService(e.Key, e.KeyNode, e.Value, isStack)).ToImmutableArray();
        Networks = Resources("networks", ComposeResourceKind.Network);
        Volumes = Resources("volumes", ComposeResourceKind.Volume);
        Secrets = Resources("secrets", ComposeResourceKind.Secret);
        Configs = Resources("configs", ComposeResourceKind.Config);
        var all = diagnostics.ToBuilder();
        if (isStack) all.AddRange(SwarmSupport.Check(this));
        Diagnostics = all.Distinct().ToImmutableArray();
    }

    private ComposeProject(ComposeProject other, ImmutableArray<Diagnostic> diagnostics)
    {
        Files = other.Files;
        IsStack = other.IsStack;
        Variables = other.Variables;
        Root = other.Root;
        Trees = other.Trees;
        AllTrees = other.AllTrees;
        Services = other.Services;
        Networks = other.Networks;
        Volumes = other.Volumes;
        Secrets = other.Secrets;
        Configs = other.Configs;
        Diagnostics = diagnostics;
    }

    /// <summary>The files given or discovered, full paths, in merge order (included and extended files are not listed).</summary>
    public ImmutableArray<string> Files { get; }

    /// <summary>The syntax trees of <see cref="Files"/> that could be read.</summary>
    public ImmutableArray<YamlSyntaxTree> Trees { get; }

    /// <summary>Every compose file the project read, in reading order: <see cref="Trees"/> and the included and extended files.</summary>
    public ImmutableArray<YamlSyntaxTree> AllTrees { get; }

    /// <summary>The text of a file the project read (a compose file or an env file), for showing a diagnostic located there.</summary>
    public SourceText? GetText(string path)
    {
        foreach (var tree in AllTrees)
            if (tree.Path == path) return tree.Text;
        if (Variables is ComposeVariables chain)
            foreach (var envFile in chain.EnvFiles)
                if (envFile.Path == path) return envFile.Text;
        return null;
    }

    /// <summary>Loaded as a swarm stack (<c>docker stack deploy</c>): stack interpolation, swarm rules.</summary>
    public bool IsStack { get; }

    public InterpolationDialect Dialect => IsStack ? InterpolationDialect.Stack : InterpolationDialect.Compose;

    /// <summary>The variables the project was interpolated with.</summary>
    public IVariableSource Variables { get; }

    /// <summary>The whole merged model (any key, including <c>x-</c> extensions); null when no file had a mapping.</summary>
    public ProjectMapping? Root { get; }

    public ImmutableArray<ProjectService> Services { get; }
    public ImmutableArray<ProjectResource> Networks { get; }
    public ImmutableArray<ProjectResource> Volumes { get; }
    public ImmutableArray<ProjectResource> Secrets { get; }
    public ImmutableArray<ProjectResource> Configs { get; }

    /// <summary>
    /// PL9002: YAML errors of every file read, interpolation errors at the value, unreadable files, <c>extends</c> and
    /// <c>include</c> cycles (with both locations), and, for stacks, what <c>docker stack</c> rejects.
    /// </summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The project name: the <c>name</c> key as interpolated, if set.</summary>
    public ProjectScalar? Name => Root?.Scalar("name");

    // Rules look a name up for every reference (each service's secrets, networks, depends_on): a project of thousands
    // of services stays linear.
    public ProjectService? GetService(string name) => FirstByKey.Find(ref _servicesByName, Services, static s => s.Name, name);
    public ProjectResource? GetNetwork(string name) => FirstByKey.Find(ref _networksByName, Networks, static r => r.Name, name);
    public ProjectResource? GetVolume(string name) => FirstByKey.Find(ref _volumesByName, Volumes, static r => r.Name, name);
    public ProjectResource? GetSecret(string name) => FirstByKey.Find(ref _secretsByName, Secrets, static r => r.Name, name);
    public ProjectResource? GetConfig(string name) => FirstByKey.Find(ref _configsByName, Configs, static r => r.Name, name);

    private Dictionary<string, ProjectService>? _servicesByName;
    private Dictionary<string, ProjectResource>? _networksByName, _volumesByName, _secretsByName, _configsByName;

    /// <summary>True when <c>docker stack deploy</c> ignores (or rejects) the service key: see <see cref="SwarmSupport"/>.</summary>
    public static bool IsIgnoredBySwarm(string serviceKey) => SwarmSupport.IsIgnoredBySwarm(serviceKey);

    internal ComposeProject WithDiagnostic(Diagnostic diagnostic) => new(this, Diagnostics.Add(diagnostic));

    private IEnumerable<ProjectEntry> Section(string key)
        => (Root?[key] as ProjectMapping)?.Entries ?? Enumerable.Empty<ProjectEntry>();

    private ImmutableArray<ProjectResource> Resources(string key, ComposeResourceKind kind)
        => Section(key).Select(e => new ProjectResource(kind, e.Key, e.KeyNode, e.Value)).ToImmutableArray();
}
