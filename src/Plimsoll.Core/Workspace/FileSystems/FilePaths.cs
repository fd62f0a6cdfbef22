namespace Plimsoll.Workspace.FileSystems;

/// <summary>How the in-memory file systems name files: full paths, '/' separators, compared as the platform does.</summary>
public static class FilePaths
{
    // Windows and macOS file systems are usually case-insensitive; Linux is not.
    private static readonly bool IgnoreCase = System.IO.Path.DirectorySeparatorChar == '\\'
        || System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX);

    public static StringComparer Comparer { get; } = IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public static StringComparison Comparison { get; } = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The full path with '/' separators and no trailing '/'; the path itself when it is not a valid path.</summary>
    public static string Normalize(string path)
    {
        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            full = path;
        }
        full = full.Replace('\\', '/');
        return full.Length > 1 && full.EndsWith("/", StringComparison.Ordinal) && !full.EndsWith(":/", StringComparison.Ordinal)
            ? full.Substring(0, full.Length - 1)
            : full;
    }

    internal static string AsDirectoryPrefix(string normalizedDirectory)
        => normalizedDirectory.EndsWith("/", StringComparison.Ordinal) ? normalizedDirectory : normalizedDirectory + "/";
}
