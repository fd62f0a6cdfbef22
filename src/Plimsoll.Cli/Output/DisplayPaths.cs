using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Cli.Output;

/// <summary>Paths as users want to read them: relative to the current directory when inside it, with forward slashes.</summary>
internal static class DisplayPaths
{
    // The tool never changes its current directory: asked once, not once per file (a system call each time).
    private static readonly Lazy<string> Current = new(() => Directory.GetCurrentDirectory().TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);

    private static string CurrentDirectory => Current.Value;

    public static string For(string path)
    {
        if (path == "-" || !Path.IsPathRooted(path) && !path.Contains(".."))
        {
            string relative = path.Replace('\\', '/');
            while (relative.StartsWith("./", StringComparison.Ordinal)) relative = relative.Substring(2);
            return relative;
        }
        string full = FilePaths.GetFullPath(path);
        string cwd = CurrentDirectory;
        return (full.StartsWith(cwd, StringComparison.Ordinal) ? full.Substring(cwd.Length) : full).Replace('\\', '/');
    }

    /// <summary>The repository root (the nearest folder above the current one with .git), else the current directory.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
