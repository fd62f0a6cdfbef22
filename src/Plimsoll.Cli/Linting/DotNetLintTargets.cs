using System.Collections.Immutable;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.DotNet;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Cli.Linting;

/// <summary>What the .NET solutions and projects on the command line add to a run: files to lint, container settings, notifications.</summary>
internal sealed record DotNetLintWork(IReadOnlyList<string> Files, IReadOnlyList<ContainerSettings> ContainerSettings, IReadOnlyList<ToolNotification> Notifications);

/// <summary>
/// <c>plimsoll lint App.sln</c> (or a project file, or a folder holding exactly one of them): each project is
/// evaluated by MSBuild (Plimsoll.DotNet) and what belongs to it is linted: its Dockerfiles, a <c>.dcproj</c>'s
/// compose files, its SDK container settings. A folder is still searched as any folder is; its project adds to it.
/// </summary>
internal static class DotNetLintTargets
{
    /// <summary>The solution or project file a command-line path names, or null when it names none.</summary>
    public static string? Resolve(string path, IFileSystem fileSystem)
        => path == "-" ? null : DotNetProjectFiles.Resolve(Path.GetFullPath(path), fileSystem);

    /// <summary>True when a command-line path is a solution or project file itself (not a folder that also gets searched).</summary>
    public static bool IsProjectFile(string path) => DotNetProjectFiles.IsSolution(path) || DotNetProjectFiles.IsProject(path);

    public static DotNetLintWork Evaluate(IEnumerable<string> solutionsOrProjects)
    {
        var files = new List<string>();
        var settings = new List<ContainerSettings>();
        var notifications = new List<ToolNotification>();
        foreach (var target in solutionsOrProjects.Distinct(StringComparer.Ordinal))
        {
#if MSBUILD_EVALUATION
            var evaluation = Plimsoll.DotNet.MSBuildProjectEvaluator.Evaluate(target);
            notifications.AddRange(evaluation.Notifications.Select(n => n with { Path = n.Path == null ? null : DisplayPath(n.Path) }));
            foreach (var project in evaluation.Projects)
            {
                files.AddRange(project.Dockerfiles.Concat(project.ComposeFiles).Select(DisplayPath));
                if (!project.ContainerSettings.IsEmpty) settings.Add(WithDisplayPaths(project.ContainerSettings));
            }
#else
            notifications.Add(new ToolNotification(DisplayPath(target), "Linting .NET solutions and projects needs MSBuild, which this build of plimsoll cannot load.", ToolNotificationLevel.Error));
#endif
        }
        return new DotNetLintWork(files.Distinct(StringComparer.Ordinal).ToList(), settings, notifications);
    }

    // Paths as the rest of the run shows them: relative to the current folder when inside it.
    private static string DisplayPath(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static ContainerSettings WithDisplayPaths(ContainerSettings settings)
    {
        ContainerSetting Map(ContainerSetting s) => s with { Location = s.Location with { Path = DisplayPath(s.Location.Path) } };
        return settings with
        {
            ProjectPath = DisplayPath(settings.ProjectPath),
            Properties = settings.Properties.Select(Map).ToImmutableArray(),
            Items = settings.Items.Select(Map).ToImmutableArray(),
        };
    }
}
