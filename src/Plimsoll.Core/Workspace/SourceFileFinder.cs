namespace Plimsoll.Workspace;

/// <summary>Finds the Dockerfiles and compose files under a set of paths.</summary>
public static class SourceFileFinder
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "node_modules", "bin", "obj" };

    /// <summary>
    /// Files named on the command line are taken whatever their name (with <paramref name="forcedKind"/> or the
    /// kind their name implies); directories are walked recursively and only recognised names are taken,
    /// unless a kind is forced, which takes every file.
    /// Paths that do not exist are returned in <paramref name="missing"/>.
    /// </summary>
    public static IReadOnlyList<(string Path, SourceFileKind Kind)> Find(IEnumerable<string> paths, SourceFileKind? forcedKind, List<string> missing)
    {
        var found = new List<(string, SourceFileKind)>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                found.Add((path, forcedKind ?? SourceFileKinds.FromPath(path)));
            }
            else if (Directory.Exists(path))
            {
                Walk(path, forcedKind, found);
            }
            else
            {
                missing.Add(path);
            }
        }
        return found;
    }

    private static void Walk(string directory, SourceFileKind? forcedKind, List<(string, SourceFileKind)> found)
    {
        IEnumerable<string> files, directories;
        try
        {
            files = Directory.EnumerateFiles(directory).OrderBy(f => f, StringComparer.Ordinal).ToList();
            directories = Directory.EnumerateDirectories(directory).OrderBy(d => d, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return; // unreadable directory: nothing to lint there
        }
        foreach (var file in files)
        {
            // A forced kind applies to every file found: `--kind dockerfile corpus/` reads all of them.
            var kind = forcedKind ?? SourceFileKinds.FromPath(file);
            if (kind == SourceFileKind.Unknown) continue;
            found.Add((file, kind));
        }
        foreach (var sub in directories)
        {
            if (SkippedDirectories.Contains(Path.GetFileName(sub))) continue;
            Walk(sub, forcedKind, found);
        }
    }
}
