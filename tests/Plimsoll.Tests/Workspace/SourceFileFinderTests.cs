using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Tests.Infrastructure;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Workspace;

/// <summary>The directory walk: ignore rules as git applies them, named paths, tracked files, links and unreadable folders.</summary>
public class SourceFileFinderTests
{
    private static SourceFileSearch Find(string directory, ITrackedFiles? tracked, params string[] paths)
        => new SourceFileFinder(PhysicalFileSystem.Instance, tracked).Find(paths.Select(p => Path.Combine(directory, p)), null);

    private static string[] Names(string root, SourceFileSearch search)
        => search.Files.Select(f => Path.GetRelativePath(root, f.Path).Replace('\\', '/')).OrderBy(p => p, StringComparer.Ordinal).ToArray();

    private static string Repository(params (string Path, string Text)[] files)
    {
        var root = TempDirectory.Create();
        Git(root, "init", "-q");
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), text);
        }
        return root;
    }

    [Fact]
    public void Found_files_are_shown_as_the_named_folder_joined_with_the_rest_however_the_folder_is_written()
    {
        var root = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(root, "app", "sub"));
        File.WriteAllText(Path.Combine(root, "app", "Dockerfile"), "FROM x\n");
        File.WriteAllText(Path.Combine(root, "app", "sub", "compose.yaml"), "services: {}\n");
        // Relative names are relative to the working folder, which a test must not change (tests run in parallel).
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(root, "app"));
        string full = Path.Combine(root, "app");
        // Full, with a trailing separator, relative, dotted, and through a parent.
        foreach (var named in new[] { full, full + "/", full + "/.", relative, relative + "/", "./" + relative, Path.Combine(relative, "..", "app") })
        {
            var found = new SourceFileFinder(new PhysicalFileSystem(remembersListings: true)).Find(new[] { named }, null).Files;
            Assert.Equal(
                new[] { Path.Combine(named, "Dockerfile"), Path.Combine(Path.Combine(named, "sub"), "compose.yaml") },
                found.Select(f => f.Path).ToArray());
        }
    }

    [Fact]
    public void A_named_folder_is_walked_even_when_it_or_a_folder_above_is_ignored_but_rules_for_names_below_still_apply()
    {
        var root = Repository(
            (".gitignore", "gen/\nout/**\n*.tmp.Dockerfile\nbuild/\n"),
            ("gen/Dockerfile", "FROM x\n"),
            ("gen/sub/Dockerfile", "FROM x\n"),
            ("gen/a.tmp.Dockerfile", "FROM x\n"),
            ("gen/build/Dockerfile", "FROM x\n"),
            ("out/deep/compose.yaml", "services: {}\n"),
            ("src/Dockerfile", "FROM x\n"));
        Assert.Equal(new[] { "src/Dockerfile" }, Names(root, Find(root, null, ".")));
        Assert.Equal(new[] { "gen/Dockerfile", "gen/sub/Dockerfile" }, Names(root, Find(root, null, "gen")));
        Assert.Equal(new[] { "gen/sub/Dockerfile" }, Names(root, Find(root, null, "gen/sub")));
        Assert.Equal(new[] { "out/deep/compose.yaml" }, Names(root, Find(root, null, "out")));
        // A named file is taken whatever the ignore files say.
        Assert.Equal(new[] { "gen/a.tmp.Dockerfile" }, Names(root, Find(root, null, "gen/a.tmp.Dockerfile")));
    }

    [Fact]
    public void Ignore_rules_inside_a_named_folder_apply_below_it_with_negation_and_precedence()
    {
        var root = Repository(
            (".gitignore", "*.Dockerfile\n"),
            ("app/.gitignore", "!keep.Dockerfile\nvendor/\n"),
            ("app/keep.Dockerfile", "FROM x\n"),
            ("app/drop.Dockerfile", "FROM x\n"),
            ("app/vendor/Dockerfile", "FROM x\n"),
            ("app/Dockerfile", "FROM x\n"));
        Assert.Equal(new[] { "app/Dockerfile", "app/keep.Dockerfile" }, Names(root, Find(root, null, "app")));
        Assert.Equal(new[] { "app/Dockerfile", "app/keep.Dockerfile" }, Names(root, Find(root, null, ".")));
    }

    [Fact]
    public void Files_git_tracks_are_linted_under_an_ignored_folder_and_untracked_ones_are_not()
    {
        var root = Repository(
            (".gitignore", "vendor/\nsecret.Dockerfile\n"),
            ("vendor/lib/Dockerfile", "FROM x\n"),
            ("vendor/lib/other/Dockerfile", "FROM x\n"),
            ("vendor/untracked/Dockerfile", "FROM x\n"),
            ("secret.Dockerfile", "FROM x\n"),
            ("Dockerfile", "FROM x\n"));
        Git(root, "add", "-f", "vendor/lib/Dockerfile", "secret.Dockerfile");
        var tracked = new GitLsFiles();
        Assert.Equal(new[] { "Dockerfile", "secret.Dockerfile", "vendor/lib/Dockerfile" }, Names(root, Find(root, tracked, ".")));
        // Without knowing what git tracks, ignore rules apply to every file.
        Assert.Equal(new[] { "Dockerfile" }, Names(root, Find(root, null, ".")));
    }

    [Fact]
    public void Info_exclude_applies_and_folder_links_are_not_followed()
    {
        var root = Repository(("a/Dockerfile", "FROM x\n"), ("skipped/Dockerfile", "FROM x\n"));
        File.WriteAllText(Path.Combine(root, ".git", "info", "exclude"), "skipped\n");
        File.CreateSymbolicLink(Path.Combine(root, "a", "self"), ".");
        File.CreateSymbolicLink(Path.Combine(root, "a", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(root, "a", "Dockerfile.prod"), "Dockerfile");
        Assert.Equal(new[] { "a/Dockerfile", "a/Dockerfile.prod" }, Names(root, Find(root, null, ".")));
        // A named link is followed.
        Assert.Equal(new[] { "a/self/Dockerfile", "a/self/Dockerfile.prod" }, Names(root, Find(root, null, "a/self")));
    }

    [Fact]
    public void A_folder_that_cannot_be_listed_is_reported_not_skipped()
    {
        var fileSystem = new UnlistableFolder(PhysicalFileSystem.Instance, "locked");
        var root = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(root, "locked"));
        File.WriteAllText(Path.Combine(root, "Dockerfile"), "FROM x\n");
        var search = new SourceFileFinder(fileSystem).Find(new[] { root }, null);
        Assert.Single(search.Files);
        var (path, message) = Assert.Single(search.Unreadable);
        Assert.Equal(Path.Combine(root, "locked"), path);
        Assert.Contains("Permission denied", message);
    }

    [Fact]
    public void Overlapping_named_paths_find_each_file_once_and_missing_ones_are_listed()
    {
        var root = Repository(("a/Dockerfile", "FROM x\n"));
        var search = Find(root, null, ".", "a", "a/Dockerfile", "nope");
        Assert.Single(search.Files);
        Assert.Equal(new[] { Path.Combine(root, "nope") }, search.Missing);
    }

    /// <summary>Random trees of folders, files and links (to parents, to themselves, to siblings): each real file once, in linear work.</summary>
    [Property(MaxTest = 40)]
    public Property Random_trees_with_links_find_each_real_file_exactly_once()
        => Prop.ForAll(TreeShapes(), shape =>
        {
            var root = TempDirectory.Create();
            var folders = new List<string> { root };
            int expected = 0, index = 0;
            foreach (var (kind, parent, name) in shape)
            {
                string where = folders[parent % folders.Count];
                string path = Path.Combine(where, name + index++);
                switch (kind)
                {
                    case 0:
                        Directory.CreateDirectory(path);
                        folders.Add(path);
                        break;
                    case 1:
                        File.WriteAllText(path + ".Dockerfile", "FROM x\n");
                        expected++;
                        break;
                    default:
                        File.CreateSymbolicLink(path, Path.GetRelativePath(where, folders[(parent * 7 + kind) % folders.Count]));
                        break;
                }
            }
            var search = new SourceFileFinder(PhysicalFileSystem.Instance).Find(new[] { root }, null);
            Assert.Equal(expected, search.Files.Count);
            Assert.Equal(search.Files.Count, search.Files.Select(f => Path.GetFullPath(f.Path)).Distinct().Count());
            Assert.Empty(search.Unreadable);
        });

    private static Arbitrary<(int Kind, int Parent, string Name)[]> TreeShapes()
        => Gen.ArrayOf(from kind in Gen.Choose(0, 3) from parent in Gen.Choose(0, 50) from name in Gen.Elements("d", "e", "p", "self")
                       select (kind, parent, name)).Select(a => a.Take(40).ToArray()).ToArbitrary();

    private sealed class GitLsFiles : ITrackedFiles
    {
        public IReadOnlyCollection<string>? ListTracked(string repositoryRoot)
            => Git(repositoryRoot, "ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The disk, except one folder name whose listing fails as an unreadable folder's does (tests run as root, where chmod 000 does not stop reads).</summary>
    private sealed class UnlistableFolder : IFileSystem
    {
        private readonly IFileSystem _inner;
        private readonly string _name;

        public UnlistableFolder(IFileSystem inner, string name) => (_inner, _name) = (inner, name);

        public FileReadResult ReadFile(string path) => _inner.ReadFile(path);
        public bool FileExists(string path) => _inner.FileExists(path);
        public bool DirectoryExists(string path) => _inner.DirectoryExists(path);
        public DirectoryListing ListDirectory(string path)
            => Path.GetFileName(path) == _name ? DirectoryListing.Failed($"Access to the path '{path}' is denied: Permission denied") : _inner.ListDirectory(path);
    }

    private static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "git " + string.Join(" ", args) + ": " + error.Result);
        return output;
    }
}
