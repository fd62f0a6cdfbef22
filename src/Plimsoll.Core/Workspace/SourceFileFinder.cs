using Plimsoll.Workspace.FileSystems;
using Plimsoll.Workspace.Ignore;

namespace Plimsoll.Workspace;

/// <summary>A file a search found, with the path as the user named it (the named folder joined with the rest).</summary>
public sealed record FoundSourceFile(string Path, SourceFileKind Kind);

/// <summary>
/// The outcome of a search: the files, the named paths that do not exist, the folders that could not be listed
/// (errors: part of the tree was not searched), and ignore files that could not be read (warnings).
/// Messages are sentences for people.
/// </summary>
public sealed record SourceFileSearch(
    IReadOnlyList<FoundSourceFile> Files,
    IReadOnlyList<string> Missing,
    IReadOnlyList<(string Path, string Message)> Unreadable,
    IReadOnlyList<(string Path, string Message)> IgnoreFileProblems);

/// <summary>
/// The files git tracks in a repository, so that ignore rules skip only untracked files as git does. A host asks git
/// (the CLI runs <c>git ls-files</c>); null when that cannot be known (no git), and then ignore rules apply to all files.
/// </summary>
public interface ITrackedFiles
{
    /// <summary>Paths relative to <paramref name="repositoryRoot"/>, '/'-separated; or null when unknown.</summary>
    IReadOnlyCollection<string>? ListTracked(string repositoryRoot);
}

/// <summary>
/// Finds the Dockerfiles and compose files under a set of paths, through an <see cref="IFileSystem"/>.
/// <list type="bullet">
/// <item>A named file is taken whatever its name and whatever ignore files say; a named directory is walked and only
/// recognised names are taken (every file when a kind is forced).</item>
/// <item>Ignore rules are git's: the .gitignore files of the walked folders and of the folders above them up to the
/// repository root, and <c>.git/info/exclude</c>; but only untracked files are ignored (tracked ones are linted, as
/// git would still see them), and a named folder is walked even when a rule above it excludes it or all of its
/// contents — rules above it that pick out particular names below it (<c>*.tmp</c>, <c>build/</c>) still apply.</item>
/// <item>Links to folders met in a walk are not followed (as git and ripgrep do): each real folder is walked at most
/// once, and no walk leaves the named tree. Links to files are linted under their own name (their target may be
/// anywhere; reading it is hardened like any read). A named path that is a link is followed.</item>
/// <item>A folder that cannot be listed is reported in <see cref="SourceFileSearch.Unreadable"/>, never skipped silently.</item>
/// </list>
/// </summary>
public sealed class SourceFileFinder
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "node_modules" };

    // A name no ignore rule would spell out: a rule above a named folder that matches it matches everything there.
    private const string ProbeName = "\u0001plimsoll-probe";

    private readonly IFileSystem _fileSystem;
    private readonly ITrackedFiles? _trackedFiles;
    private readonly Dictionary<string, TrackedSet?> _trackedByRepository = new(StringComparer.Ordinal);

    public SourceFileFinder(IFileSystem fileSystem, ITrackedFiles? trackedFiles = null)
    {
        _fileSystem = fileSystem;
        _trackedFiles = trackedFiles;
    }

    /// <summary>False to take every recognised file regardless of ignore files (as <c>syntax --roundtrip</c> does).</summary>
    public bool RespectGitIgnore { get; init; } = true;

    /// <summary>
    /// Names a walk also takes, as <see cref="SourceFileKind.Unknown"/> files (<c>pin</c> takes MSBuild project files).
    /// </summary>
    public Func<string, bool>? AlsoTakeNamed { get; init; }

    public SourceFileSearch Find(IEnumerable<string> paths, SourceFileKind? forcedKind)
    {
        var search = new Search(forcedKind);
        foreach (var path in paths)
        {
            string full;
            try { full = Path.GetFullPath(path); }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                search.Missing.Add(path);
                continue;
            }
            if (_fileSystem.DirectoryExists(full)) WalkNamedDirectory(path, full, search);
            else if (_fileSystem.FileExists(full) || _fileSystem.ReadFile(full).Status != FileReadStatus.NotFound)
                search.Add(path, full, forcedKind ?? SourceFileKinds.FromPath(path)); // a FIFO named here is reported by the reader
            else search.Missing.Add(path);
        }
        return new SourceFileSearch(search.Files, search.Missing, search.Unreadable, search.IgnoreFileProblems);
    }

    private void WalkNamedDirectory(string named, string root, Search search)
    {
        var ignores = new List<IgnoreScope>();
        string? repository = null;
        if (RespectGitIgnore)
        {
            repository = FindRepositoryRoot(root);
            if (repository != null) ignores.AddRange(IgnoreFilesAbove(repository, root));
        }
        Walk(root, named, ignores, repository, trackedOnly: false, search);
    }

    private void Walk(string directory, string shown, List<IgnoreScope> ignores, string? repository, bool trackedOnly, Search search)
    {
        var listing = _fileSystem.ListDirectory(directory);
        if (listing.Error != null)
        {
            search.Unreadable.Add((shown, $"Cannot list the folder, so nothing in it was linted: {listing.Error}"));
            return;
        }
        bool pushed = false;
        if (RespectGitIgnore)
        {
            if (LoadIgnoreFile(directory, listing, out var local, out string? problem))
            {
                ignores.Add(new IgnoreScope(local!, null));
                pushed = true;
            }
            else if (problem != null)
            {
                search.IgnoreFileProblems.Add((Path.Combine(shown, ".gitignore"), problem));
            }
        }

        // A link to a file is read like the file (hardened: a link to /dev/zero is refused, not followed forever); a
        // link to a folder is not walked.
        var files = listing.Links is { Count: > 0 } links
            ? listing.Files.Concat(links.Where(link => !_fileSystem.DirectoryExists(link))).OrderBy(f => f, StringComparer.Ordinal)
            : (IEnumerable<string>)listing.Files;
        foreach (var file in files)
        {
            string name = Path.GetFileName(file);
            var kind = search.ForcedKind ?? SourceFileKinds.FromPath(name);
            if (kind == SourceFileKind.Unknown && AlsoTakeNamed?.Invoke(name) != true) continue;
            if ((trackedOnly || IsIgnored(ignores, file, isDirectory: false)) && !IsTracked(repository, file, directory: false)) continue;
            search.Add(ShownPath(shown, name, file), file, kind);
        }
        foreach (var sub in listing.Directories)
        {
            string name = Path.GetFileName(sub);
            if (SkippedDirectories.Contains(name)) continue;
            bool ignored = trackedOnly || IsIgnored(ignores, sub, isDirectory: true);
            // git does not look inside an ignored folder, but what it already tracks there stays tracked.
            if (ignored && !IsTracked(repository, sub, directory: true)) continue;
            Walk(sub, Path.Combine(shown, name), ignores, repository, trackedOnly: ignored, search);
        }
        if (pushed) ignores.RemoveAt(ignores.Count - 1);
    }

    // A file as the user would name it: the shown folder joined with its name. When that is the listed path itself (a
    // folder named by its full path), the listing's string is used rather than a copy: a corpus run holds every one.
    private static string ShownPath(string shown, string name, string listed)
    {
        if (shown.Length == 0) return name;
        char last = shown[shown.Length - 1];
        int separator = last == Path.DirectorySeparatorChar || last == Path.AltDirectorySeparatorChar ? 0 : 1;
        bool same = listed.Length == shown.Length + separator + name.Length
            && listed.StartsWith(shown, StringComparison.Ordinal)
            && (separator == 0 || listed[shown.Length] == Path.DirectorySeparatorChar)
            && listed.EndsWith(name, StringComparison.Ordinal);
        return same ? listed : Path.Combine(shown, name);
    }

    // Deepest ignore file first: the first one with a matching rule decides (git's precedence); .git/info/exclude last.
    private static bool IsIgnored(List<IgnoreScope> ignores, string fullPath, bool isDirectory)
    {
        for (int i = ignores.Count - 1; i >= 0; i--)
        {
            var scope = ignores[i];
            string? relative = RelativeTo(scope.File.Directory, fullPath);
            if (relative == null) continue;
            var verdict = scope.File.Match(relative, isDirectory, scope.RuleApplies);
            if (verdict != IgnoreVerdict.None) return verdict == IgnoreVerdict.Ignored;
        }
        return false;
    }

    // The ignore files that apply to a named folder from above it, with the rules that exclude the folder itself (or
    // everything in it) lifted: the user asked for this folder by name.
    private IEnumerable<IgnoreScope> IgnoreFilesAbove(string repository, string root)
    {
        var scopes = new List<IgnoreScope>();
        string? exclude = Path.Combine(repository, ".git", "info", "exclude");
        if (_fileSystem.FileExists(exclude) && _fileSystem.ReadFile(exclude) is { IsOk: true } excludeText)
            scopes.Add(Lifting(GitIgnoreFile.Parse(repository, excludeText.Content!.Text.ToString()), root));
        var chain = new List<string>();
        for (string? d = Path.GetDirectoryName(root); d != null && RelativeTo(repository, d) != null; d = Path.GetDirectoryName(d))
        {
            chain.Add(d);
            if (string.Equals(d, repository, StringComparison.Ordinal)) break;
        }
        chain.Reverse();
        foreach (var directory in chain)
        {
            string file = Path.Combine(directory, ".gitignore");
            if (!_fileSystem.FileExists(file)) continue;
            var read = _fileSystem.ReadFile(file);
            if (read.IsOk) scopes.Add(Lifting(GitIgnoreFile.Parse(directory, read.Content!.Text.ToString()), root));
        }
        return scopes;
    }

    private static IgnoreScope Lifting(GitIgnoreFile file, string root)
    {
        string rootRelative = RelativeTo(file.Directory, root) ?? "";
        var lifted = new HashSet<GitIgnoreRule>();
        foreach (var rule in file.Rules)
        {
            if (rule.Negated) continue;
            bool excludesRoot = false;
            // The named folder and each folder between it and the ignore file's directory.
            for (string part = rootRelative; part.Length > 0; part = part.LastIndexOf('/') is int slash and >= 0 ? part.Substring(0, slash) : "")
                excludesRoot |= rule.Matches(part, isDirectory: true);
            string probe = rootRelative.Length == 0 ? ProbeName : rootRelative + "/" + ProbeName;
            if (excludesRoot || rule.Matches(probe, isDirectory: false) || rule.Matches(probe, isDirectory: true)) lifted.Add(rule);
        }
        return new IgnoreScope(file, lifted.Count == 0 ? null : rule => !lifted.Contains(rule));
    }

    private bool LoadIgnoreFile(string directory, DirectoryListing listing, out GitIgnoreFile? file, out string? problem)
    {
        file = null;
        problem = null;
        string path = Path.Combine(directory, ".gitignore");
        if (!listing.Files.Contains(path, StringComparer.Ordinal)) return false;
        var read = _fileSystem.ReadFile(path);
        if (!read.IsOk)
        {
            // An ignore file that cannot be read would silently widen or narrow the run: say so.
            problem = $"The ignore file was not read, so its rules were not applied: it {read.Message}.";
            return false;
        }
        file = GitIgnoreFile.Parse(directory, read.Content!.Text.ToString());
        return true;
    }

    private string? FindRepositoryRoot(string directory)
    {
        for (string? d = directory; d != null; d = Path.GetDirectoryName(d))
        {
            string git = Path.Combine(d, ".git");
            if (_fileSystem.DirectoryExists(git) || _fileSystem.FileExists(git)) return d;
        }
        return null;
    }

    private bool IsTracked(string? repository, string fullPath, bool directory)
    {
        if (repository == null || _trackedFiles == null) return false;
        if (!_trackedByRepository.TryGetValue(repository, out var tracked))
        {
            var list = _trackedFiles.ListTracked(repository);
            _trackedByRepository[repository] = tracked = list == null ? null : new TrackedSet(list);
        }
        if (tracked == null) return false;
        string? relative = RelativeTo(repository, fullPath);
        return relative != null && (directory ? tracked.Directories.Contains(relative) : tracked.Files.Contains(relative));
    }

    // '/'-separated path of fullPath below directory ("" for the directory itself), or null when it is not below it.
    private static string? RelativeTo(string directory, string fullPath)
    {
        if (string.Equals(directory, fullPath, StringComparison.Ordinal)) return "";
        string prefix = directory.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? directory : directory + Path.DirectorySeparatorChar;
        if (!fullPath.StartsWith(prefix, StringComparison.Ordinal)) return null;
        return fullPath.Substring(prefix.Length).Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>An ignore file in force, and which of its rules apply (null: all).</summary>
    private sealed record IgnoreScope(GitIgnoreFile File, Func<GitIgnoreRule, bool>? RuleApplies);

    private sealed class TrackedSet
    {
        public TrackedSet(IEnumerable<string> files)
        {
            foreach (var file in files)
            {
                Files.Add(file);
                for (int slash = file.LastIndexOf('/'); slash > 0; slash = file.LastIndexOf('/', slash - 1))
                    if (!Directories.Add(file.Substring(0, slash))) break;
            }
        }

        public HashSet<string> Files { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Search
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public Search(SourceFileKind? forcedKind) => ForcedKind = forcedKind;

        public SourceFileKind? ForcedKind { get; }
        public List<FoundSourceFile> Files { get; } = new();
        public List<string> Missing { get; } = new();
        public List<(string, string)> Unreadable { get; } = new();
        public List<(string, string)> IgnoreFileProblems { get; } = new();

        // Overlapping named paths (`lint . sub`) find a file once.
        public void Add(string shown, string full, SourceFileKind kind)
        {
            if (_seen.Add(full)) Files.Add(new FoundSourceFile(shown, kind));
        }
    }
}
