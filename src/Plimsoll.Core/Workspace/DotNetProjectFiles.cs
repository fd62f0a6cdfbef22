using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Workspace;

/// <summary>
/// Which lint targets are .NET solutions or projects (<c>plimsoll lint App.sln</c>): decided from names only, so a
/// host can tell without MSBuild (the Native AOT tool hands such runs to its JIT build).
/// </summary>
public static class DotNetProjectFiles
{
    public static readonly IReadOnlyList<string> SolutionExtensions = new[] { ".sln", ".slnx" };

    public static readonly IReadOnlyList<string> ProjectExtensions = new[] { ".csproj", ".fsproj", ".vbproj", ".dcproj" };

    public static bool IsSolution(string path) => HasExtension(path, SolutionExtensions);

    public static bool IsProject(string path) => HasExtension(path, ProjectExtensions);

    /// <summary>
    /// The solution or project file <paramref name="target"/> names: the file itself, or for a folder the one solution
    /// or project file directly in it (as <c>dotnet build DIR</c> picks it); null when there is none or more than one.
    /// </summary>
    public static string? Resolve(string target, IFileSystem fileSystem)
    {
        if (IsSolution(target) || IsProject(target)) return fileSystem.FileExists(target) ? target : null;
        if (!fileSystem.DirectoryExists(target)) return null;
        string? found = null;
        foreach (var file in fileSystem.ListDirectory(target).Files)
        {
            if (!IsSolution(file) && !IsProject(file)) continue;
            if (found != null) return null;
            found = file;
        }
        return found;
    }

    // A loop, not a lambda: a folder named on the command line has each of its files asked about.
    private static bool HasExtension(string path, IReadOnlyList<string> extensions)
    {
        for (int i = 0; i < extensions.Count; i++)
            if (path.EndsWith(extensions[i], StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
