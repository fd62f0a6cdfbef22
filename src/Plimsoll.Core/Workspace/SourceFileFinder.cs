using MAB.DotIgnore;

namespace Plimsoll.Workspace;

/// <summary>Finds the Dockerfiles and compose files under a set of paths, respecting .gitignore files.</summary>
public static class SourceFileFinder
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "node_modules" };

    /// <summary>
    /// Files named on the command line are taken whatever their name (with <paramref name="forcedKind"/> or the
    /// kind their name implies); directories are walked recursively and only recognised names are taken,
    /// unless a kind is forced, which takes every file. Files and directories matched by a .gitignore (in the
    /// walked directories or above them up to the repository root) are skipped when <paramref name="respectGitIgnore"/> is set.
    /// Paths that do not exist are returned in <paramref name="missing"/>.
    /// </summary>
    public static IReadOnlyList<(string Path, SourceFileKind Kind)> Find(IEnumerable<string> paths, SourceFileKind? forcedKind, List<string> missing, bool respectGitIgnore = false)
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
                var ignores = respectGitIgnore ? AncestorIgnores(path) : new List<(string, IgnoreList)>();
                Walk(path, forcedKind, found, ignores, respectGitIgnore);
            }
            else
            {
                missing.Add(path);
            }
        }
        return found;
    }

    private static void Walk(string directory, SourceFileKind? forcedKind, List<(string, SourceFileKind)> found, List<(string BaseDir, IgnoreList List)> ignores, bool respectGitIgnore)
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
        int pushed = 0;
        if (respectGitIgnore && TryLoadIgnore(directory) is { } local)
        {
            ignores.Add((Path.GetFullPath(directory), local));
            pushed = 1;
        }
        foreach (var file in files)
        {
            if (IsIgnored(ignores, file, isDirectory: false)) continue;
            // A forced kind applies to every file found: `--kind dockerfile corpus/` reads all of them.
            var kind = forcedKind ?? SourceFileKinds.FromPath(file);
            if (kind == SourceFileKind.Unknown) continue;
            found.Add((file, kind));
        }
        foreach (var sub in directories)
        {
            if (SkippedDirectories.Contains(Path.GetFileName(sub)) || IsIgnored(ignores, sub, isDirectory: true)) continue;
            Walk(sub, forcedKind, found, ignores, respectGitIgnore);
        }
        if (pushed == 1) ignores.RemoveAt(ignores.Count - 1);
    }

    private static bool IsIgnored(List<(string BaseDir, IgnoreList List)> ignores, string path, bool isDirectory)
    {
        if (ignores.Count == 0) return false;
        string full = Path.GetFullPath(path);
        foreach (var (baseDir, list) in ignores)
        {
            if (!full.StartsWith(baseDir, StringComparison.Ordinal)) continue;
            string relative = full.Substring(baseDir.Length).TrimStart(Path.DirectorySeparatorChar).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.Length > 0 && list.IsIgnored(relative, isDirectory)) return true;
        }
        return false;
    }

    // .gitignore files of the directories above the walked one, up to the repository root (the folder with .git).
    private static List<(string, IgnoreList)> AncestorIgnores(string directory)
    {
        var result = new List<(string, IgnoreList)>();
        var chain = new List<DirectoryInfo>();
        for (var d = new DirectoryInfo(Path.GetFullPath(directory)); d != null; d = d.Parent)
        {
            chain.Add(d);
            if (Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git"))) break;
            if (d.Parent == null) { chain.Clear(); break; } // not in a repository: only the walked tree's own files count
        }
        for (int i = chain.Count - 1; i >= 1; i--)
            if (TryLoadIgnore(chain[i].FullName) is { } list) result.Add((chain[i].FullName, list));
        return result;
    }

    private static IgnoreList? TryLoadIgnore(string directory)
    {
        string file = Path.Combine(directory, ".gitignore");
        if (!File.Exists(file)) return null;
        try
        {
            var list = new IgnoreList();
            list.AddRules(File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)), MatchFlags.PATHNAME);
            return list;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
        {
            return null;
        }
    }
}
