using Plimsoll.Semantics.Compose;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis;

/// <summary>A compose file or swarm stack file with its model; values can be read interpolated.</summary>
public class ComposeProjectAnalysisContext : FileAnalysisContext
{
    private readonly ComposeInterpolator _interpolator;
    private readonly Lazy<ComposeProject> _project;

    internal ComposeProjectAnalysisContext(ComposeFile file, bool isStack, ComposeInterpolator interpolator, Lazy<ComposeProject> project, IFileSystem fileSystem, IRuleOptions options, FindingSink sink)
        : base(file.Tree.Path, file.Tree.Text, options, sink)
    {
        FileSystem = fileSystem;
        File = file;
        IsStack = isStack;
        _interpolator = interpolator;
        _project = project;
    }

    /// <summary>
    /// The merged project this file belongs to (with its override file, extends and includes), loaded on first
    /// use: for judgements that depend on other files, such as whether a secret is defined anywhere.
    /// </summary>
    public ComposeProject Project => _project.Value;

    internal Lazy<ComposeProject> ProjectLoader => _project;

    public ComposeFile File { get; }

    /// <summary>Where files the compose file names (secret and config files) are looked up: never the disk directly.</summary>
    public IFileSystem FileSystem { get; }
    public YamlSyntaxTree Tree => File.Tree;

    /// <summary>True for a swarm stack file (<c>docker stack deploy</c> input): swarm ignores some keys and reads no .env.</summary>
    public bool IsStack { get; }

    /// <summary>The value after variable interpolation, with where it came from (or that it is unknown).</summary>
    public InterpolatedValue Interpolate(ComposeScalar scalar) => _interpolator.Interpolate(scalar.Value);

    /// <summary>The interpolated text, or null when it is unknown (unset variable, error) or not a scalar.</summary>
    public string? KnownValue(ComposeScalar? scalar)
    {
        if (scalar?.Value == null) return null;
        var value = Interpolate(scalar);
        return value.IsUnknown || value.HasError ? null : value.Text;
    }
}

public sealed class ComposeServiceAnalysisContext : ComposeProjectAnalysisContext
{
    internal ComposeServiceAnalysisContext(ComposeProjectAnalysisContext project, ComposeService service, ComposeInterpolator interpolator, IRuleOptions options, FindingSink sink)
        : base(project.File, project.IsStack, interpolator, project.ProjectLoader, project.FileSystem, options, sink) => Service = service;

    public ComposeService Service { get; }
}

public sealed class ComposeNetworkAnalysisContext : ComposeProjectAnalysisContext
{
    internal ComposeNetworkAnalysisContext(ComposeProjectAnalysisContext project, ComposeNetwork network, ComposeInterpolator interpolator, IRuleOptions options, FindingSink sink)
        : base(project.File, project.IsStack, interpolator, project.ProjectLoader, project.FileSystem, options, sink) => Network = network;

    public ComposeNetwork Network { get; }
}

/// <summary>A top-level secret or config (<see cref="ComposeSecret"/> or <see cref="ComposeConfig"/>).</summary>
public sealed class ComposeSecretAnalysisContext : ComposeProjectAnalysisContext
{
    internal ComposeSecretAnalysisContext(ComposeProjectAnalysisContext project, ComposeResource secret, ComposeInterpolator interpolator, IRuleOptions options, FindingSink sink)
        : base(project.File, project.IsStack, interpolator, project.ProjectLoader, project.FileSystem, options, sink) => Secret = secret;

    public ComposeResource Secret { get; }
    public bool IsConfig => Secret is ComposeConfig;
}
