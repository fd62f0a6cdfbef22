using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Build.Construction;
using Microsoft.Build.Definition;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Locator;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.DotNet;
using Plimsoll.Workspace;

namespace Plimsoll.DotNet;

/// <summary>
/// Evaluates a solution's projects (or one project) with MSBuild's own evaluation, the SDK's copy found by
/// Microsoft.Build.Locator: properties, items and imports exactly as <c>dotnet build</c> would see them, without
/// running a build. A project that cannot be evaluated (broken XML, missing SDK) becomes an error notification at
/// the place MSBuild names; the other projects are still evaluated.
/// </summary>
public static class MSBuildProjectEvaluator
{
    private static readonly object RegistrationLock = new();

    /// <summary>Evaluates what <paramref name="solutionOrProject"/> (a full path to a .sln/.slnx or project file) holds.</summary>
    public static DotNetTargetEvaluation Evaluate(string solutionOrProject)
    {
        // The SDK's MSBuild must be registered before any method that uses MSBuild types is compiled.
        lock (RegistrationLock)
        {
            if (!MSBuildLocator.IsRegistered)
            {
                try
                {
                    MSBuildLocator.RegisterDefaults();
                }
                catch (InvalidOperationException e)
                {
                    return Failed(solutionOrProject, "Cannot evaluate .NET projects: no .NET SDK was found (" + e.Message + ")");
                }
            }
        }
        return EvaluateWithMSBuild(solutionOrProject);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DotNetTargetEvaluation EvaluateWithMSBuild(string target)
    {
        var notifications = ImmutableArray.CreateBuilder<ToolNotification>();
        var projects = ImmutableArray.CreateBuilder<DotNetProjectContents>();
        IEnumerable<string> projectPaths;
        if (DotNetProjectFiles.IsSolution(target))
        {
            try
            {
                projectPaths = SolutionFile.Parse(target).ProjectsInOrder
                    .Where(p => p.ProjectType != SolutionProjectType.SolutionFolder && DotNetProjectFiles.IsProject(p.AbsolutePath))
                    .Select(p => p.AbsolutePath)
                    .ToList();
            }
            catch (InvalidProjectFileException e)
            {
                return new DotNetTargetEvaluation(ImmutableArray<DotNetProjectContents>.Empty, ImmutableArray.Create(Located(e, target, "Cannot read the solution")));
            }
        }
        else
        {
            projectPaths = new[] { target };
        }

        using var collection = new ProjectCollection();
        foreach (var path in projectPaths)
        {
            if (!File.Exists(path))
            {
                notifications.Add(new ToolNotification(target, $"The solution names the project '{path}', which does not exist.", ToolNotificationLevel.Error));
                continue;
            }
            try
            {
                projects.Add(Describe(Load(path, collection), notifications));
            }
            catch (InvalidProjectFileException e)
            {
                notifications.Add(Located(e, path, "Cannot evaluate the project"));
            }
            finally
            {
                collection.UnloadAllProjects();
            }
        }
        return new DotNetTargetEvaluation(projects.ToImmutable(), notifications.ToImmutable());
    }

    private static Project Load(string path, ProjectCollection collection)
    {
        // A .dcproj's SDK (Microsoft.Docker.Sdk) ships with Visual Studio only: its own items and properties are
        // what matter here, so an SDK or import that cannot be found is skipped for it (and only for it).
        var settings = path.EndsWith(".dcproj", StringComparison.OrdinalIgnoreCase)
            ? ProjectLoadSettings.IgnoreMissingImports | ProjectLoadSettings.IgnoreInvalidImports | ProjectLoadSettings.IgnoreEmptyImports
            : ProjectLoadSettings.Default;
        return Project.FromFile(path, new ProjectOptions { ProjectCollection = collection, LoadSettings = settings });
    }

    private static DotNetProjectContents Describe(Project project, ImmutableArray<ToolNotification>.Builder notifications)
    {
        string path = project.FullPath;
        string directory = project.DirectoryPath;
        var sdkFolders = new[] { "NetCoreRoot", "MSBuildExtensionsPath", "MSBuildSDKsPath", "NuGetPackageRoot", "MSBuildBinPath" }
            .Select(project.GetPropertyValue)
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => Path.TrimEndingDirectorySeparator(Path.GetFullPath(v)) + Path.DirectorySeparatorChar)
            .ToArray();
        // Only what the user's files write: the SDK's own defaults are not the user's settings.
        bool IsUsers(string file) => !sdkFolders.Any(folder => file.StartsWith(folder, StringComparison.Ordinal));

        var properties = ImmutableArray.CreateBuilder<ContainerSetting>();
        foreach (var name in ContainerSettings.PropertyNames)
        {
            var property = project.GetProperty(name);
            if (property?.Xml == null || property.IsEnvironmentProperty || property.IsGlobalProperty) continue;
            var location = property.Xml.Location;
            if (!IsUsers(location.File)) continue;
            properties.Add(new ContainerSetting(name, property.EvaluatedValue, new MSBuildElementLocation(location.File, location.Line, location.Column)));
        }
        var items = ImmutableArray.CreateBuilder<ContainerSetting>();
        foreach (var name in ContainerSettings.ItemNames)
        {
            foreach (var item in project.GetItems(name))
            {
                var location = item.Xml.Location;
                if (!IsUsers(location.File)) continue;
                var metadata = item.Metadata.ToImmutableDictionary(m => m.Name, m => m.UnevaluatedValue, StringComparer.OrdinalIgnoreCase);
                items.Add(new ContainerSetting(name, item.EvaluatedInclude, new MSBuildElementLocation(location.File, location.Line, location.Column), metadata));
            }
        }

        var dockerfiles = ImmutableArray.CreateBuilder<string>();
        var named = project.GetProperty("DockerfileFile");
        if (named?.Xml != null && IsUsers(named.Xml.Location.File) && named.EvaluatedValue.Length > 0)
        {
            string file = Path.GetFullPath(Path.Combine(directory, named.EvaluatedValue));
            if (File.Exists(file)) dockerfiles.Add(file);
            else notifications.Add(new ToolNotification(named.Xml.Location.File,
                $"line {named.Xml.Location.Line}, column {named.Xml.Location.Column}: DockerfileFile names '{named.EvaluatedValue}', which does not exist ({file}).",
                ToolNotificationLevel.Error));
        }
        else if (File.Exists(Path.Combine(directory, "Dockerfile")))
        {
            dockerfiles.Add(Path.Combine(directory, "Dockerfile"));
        }

        var composeFiles = ImmutableArray.CreateBuilder<string>();
        if (path.EndsWith(".dcproj", StringComparison.OrdinalIgnoreCase))
        {
            // The compose project's files: DockerComposeBaseFilePath (default docker-compose) with its override file,
            // and every compose file the project lists (docker-compose.vs.debug.yml and the like).
            string baseName = project.GetPropertyValue("DockerComposeBaseFilePath") is { Length: > 0 } b ? b : "docker-compose";
            var candidates = new[] { baseName + ".yml", baseName + ".override.yml" }
                .Select(f => Path.GetFullPath(Path.Combine(directory, f)))
                .Concat(project.GetItems("None").Concat(project.GetItems("Content"))
                    .Select(i => Path.GetFullPath(Path.Combine(directory, i.EvaluatedInclude))));
            foreach (var file in candidates.Distinct(StringComparer.Ordinal))
                if (SourceFileKinds.Classify(file).IsComposeFamily() && File.Exists(file)) composeFiles.Add(file);
        }

        var settings = new ContainerSettings(path, properties.ToImmutable(), items.ToImmutable());
        return new DotNetProjectContents(path, dockerfiles.ToImmutable(), composeFiles.ToImmutable(), settings);
    }

    private static ToolNotification Located(InvalidProjectFileException e, string fallbackPath, string what)
    {
        string file = string.IsNullOrEmpty(e.ProjectFile) ? fallbackPath : e.ProjectFile;
        var (line, column) = e.LineNumber > 0 ? (e.LineNumber, e.ColumnNumber) : ProjectElementPosition(file);
        string where = line > 0 ? $"line {line}, column {column}: " : "";
        return new ToolNotification(file, $"{where}{what}: {e.BaseMessage}", ToolNotificationLevel.Error);
    }

    /// <summary>
    /// Where a project-wide failure is shown when MSBuild names no position (an SDK that is not installed): the root
    /// element's <c>Sdk</c> attribute, else the root element; (0, 0) when the file cannot be read as XML.
    /// </summary>
    private static (int Line, int Column) ProjectElementPosition(string file)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(file, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
            var info = (System.Xml.IXmlLineInfo)reader;
            if (reader.MoveToContent() != System.Xml.XmlNodeType.Element) return (0, 0);
            if (reader.MoveToAttribute("Sdk")) return (info.LineNumber, info.LinePosition);
            return (info.LineNumber, Math.Max(1, info.LinePosition - 1)); // XmlReader points after the '<'
        }
        catch (Exception x) when (x is System.Xml.XmlException || x is IOException || x is UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }

    private static DotNetTargetEvaluation Failed(string path, string message)
        => new(ImmutableArray<DotNetProjectContents>.Empty, ImmutableArray.Create(new ToolNotification(path, message, ToolNotificationLevel.Error)));
}
