using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>How a project is loaded: which variables interpolate it, where its files are read from, what is cached.</summary>
public sealed class ComposeProjectOptions
{
    /// <summary>
    /// Where variables come from. Null: <see cref="ComposeVariablesOptions.Compose"/> for compose projects (the
    /// <c>.env</c> beside the first file), <see cref="ComposeVariablesOptions.ForStack"/> for stacks (no <c>.env</c>).
    /// </summary>
    public ComposeVariablesOptions? Variables { get; init; }

    /// <summary>Variables to use as they are, instead of loading them from <see cref="Variables"/>.</summary>
    public IVariableSource? VariableSource { get; init; }

    /// <summary>Every read of the project (compose, override, include, extends and env files) goes through it.</summary>
    public IFileSystem FileSystem { get; init; } = PhysicalFileSystem.Instance;

    /// <summary>Parsed files kept between loads (a long-lived session re-parses only what changed); null parses every file.</summary>
    public IComposeFileCache? Cache { get; init; }

    /// <summary>Each file's model as read, kept between loads by tree and variables' content; null reads every file.</summary>
    public ComposeSummaryCache? Summaries { get; init; }

    /// <summary>What one project may cost before loading stops with a PL9002 (include bombs, huge generated projects).</summary>
    public ComposeProjectLimits Limits { get; init; } = ComposeProjectLimits.Default;

    /// <summary>Checked between files and services: a host that no longer wants the project stops the load.</summary>
    public CancellationToken CancellationToken { get; init; }

    public static ComposeProjectOptions Default { get; } = new();
}

/// <summary>
/// Bounds on loading one project. Every file is read and resolved once per project, so the work is polynomial in
/// the input; these bounds keep even that small. Reaching one is reported (PL9002 at the include or extends that hit it).
/// </summary>
public sealed record ComposeProjectLimits(int MaxFiles, int MaxIncludeDepth, int MaxExtendsDepth, int MaxMergedEntries)
{
    public static ComposeProjectLimits Default { get; } = new(MaxFiles: 256, MaxIncludeDepth: 32, MaxExtendsDepth: 64, MaxMergedEntries: 200_000);
}
