using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>How <see cref="ComposeProjectLoader"/> finds variables and reads files.</summary>
public sealed class ComposeProjectOptions
{
    /// <summary>
    /// Where variables come from. Null: <see cref="ComposeVariablesOptions.Compose"/> for compose projects (the
    /// <c>.env</c> beside the first file), <see cref="ComposeVariablesOptions.ForStack"/> for stacks (no <c>.env</c>).
    /// </summary>
    public ComposeVariablesOptions? Variables { get; init; }

    /// <summary>Variables to use as they are, instead of loading them from <see cref="Variables"/>.</summary>
    public IVariableSource? VariableSource { get; init; }

    /// <summary>Where the project's files, includes, extends files and <c>.env</c> are read; null: the disk.</summary>
    public IFileSystem? FileSystem { get; init; }

    /// <summary>
    /// Parses one file's YAML (path, text); null parses afresh. A host that lints again and again hands a cache
    /// keyed by content here, so that only the files that changed are parsed again.
    /// </summary>
    public Func<string, SourceText, YamlSyntaxTree>? ParseYaml { get; init; }

    /// <summary>Checked between files and services: a host that no longer wants the project stops the load.</summary>
    public CancellationToken CancellationToken { get; init; }

    public static ComposeProjectOptions Default { get; } = new();
}
