using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis;

/// <summary>What the host tells the driver about a compose file's surroundings.</summary>
public sealed class ComposeAnalysisOptions
{
    /// <summary>Where the project's other files (override, include, extends, <c>.env</c>, secret files) are read.</summary>
    public IFileSystem FileSystem { get; init; } = PhysicalFileSystem.Instance;

    /// <summary>Parsed files kept between analyses (one per lint run or session); null parses every time.</summary>
    public IComposeFileCache? Cache { get; init; }

    /// <summary>Each project file's model as read, kept between analyses (a session); null reads every file each time.</summary>
    public ComposeSummaryCache? Summaries { get; init; }

    /// <summary>
    /// Full paths the host lints as files of their own. A project file among them reports its findings itself; any
    /// other project file (an included file, an unnamed override, an <c>.env</c>) is reported by each linted file
    /// that loads it. Null: only the analysed file is linted.
    /// </summary>
    public Func<string, bool>? LintedFiles { get; init; }

    /// <summary>Checked between files, services and rules: a host that no longer wants the result stops the analysis.</summary>
    public CancellationToken CancellationToken { get; init; }

    public bool IsLintedOnItsOwn(string fullPath) => LintedFiles?.Invoke(fullPath) ?? false;

    public static ComposeAnalysisOptions Default { get; } = new();
}
