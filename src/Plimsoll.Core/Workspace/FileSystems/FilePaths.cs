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
            full = GetFullPath(path);
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

    /// <summary>
    /// <see cref="System.IO.Path.GetFullPath(string)"/>, but a path that is already full and normal is returned as it is:
    /// asked several times per linted file, nearly always of such a path.
    /// </summary>
    public static string GetFullPath(string path)
    {
        if (IsNormalUnixPath(path)) return path;
        // A fully qualified path's full path does not depend on the current directory: the last one is kept per thread, as the
        // reader, the options and the rules ask it of the same path in turn (a folder named with "..", say).
        if (ReferenceEquals(path, t_lastFullyQualified)) return t_lastFullyQualifiedFull!;
        string full = System.IO.Path.GetFullPath(path);
        if (IsFullyQualified(path))
        {
            t_lastFullyQualified = path;
            t_lastFullyQualifiedFull = full;
        }
        return full;
    }

    private static bool IsFullyQualified(string path)
#if NET
        => System.IO.Path.IsPathFullyQualified(path);
#else
        => System.IO.Path.DirectorySeparatorChar == '/' && path.Length > 0 && path[0] == '/';
#endif

    [ThreadStatic] private static string? t_lastFullyQualified;
    [ThreadStatic] private static string? t_lastFullyQualifiedFull;

    // A rooted path that GetFullPath would return unchanged on Unix: no empty, '.' or '..' segment, no trailing '/',
    // nothing that Normalize rewrites ('\\') or GetFullPath refuses (NUL).
    private static bool IsNormalUnixPath(string path)
    {
        if (System.IO.Path.DirectorySeparatorChar != '/' || path.Length == 0 || path[0] != '/') return false;
        if (path.Length == 1) return true;
        if (path[path.Length - 1] == '/') return false;
        for (int i = 1; i < path.Length; i++)
        {
            char c = path[i];
            if (c == '\\' || c == '\0') return false;
            if (path[i - 1] != '/') continue;
            if (c == '/') return false;
            if (c == '.' && (i + 1 == path.Length || path[i + 1] == '/' || (path[i + 1] == '.' && (i + 2 == path.Length || path[i + 2] == '/')))) return false;
        }
        return true;
    }

    internal static string AsDirectoryPrefix(string normalizedDirectory)
        => normalizedDirectory.EndsWith("/", StringComparison.Ordinal) ? normalizedDirectory : normalizedDirectory + "/";
}
