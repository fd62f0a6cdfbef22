using System.Collections.Concurrent;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Workspace.FileSystems;

/// <summary>
/// Files held in memory, nothing on disk: for tests, and for hosts whose inputs are already in memory (a Roslyn
/// analyzer's AdditionalFiles). Directories exist implicitly above every file. Thread-safe.
/// </summary>
public sealed class InMemoryFileSystem : IFileSystem
{
    private readonly ConcurrentDictionary<string, SourceText> _files = new(FilePaths.Comparer);

    public InMemoryFileSystem()
    {
    }

    public InMemoryFileSystem(IEnumerable<KeyValuePair<string, string>> files)
    {
        foreach (var file in files) SetFile(file.Key, file.Value);
    }

    /// <summary>Adds or replaces a file.</summary>
    public void SetFile(string path, string text) => SetFile(path, SourceText.From(text));

    public void SetFile(string path, SourceText text) => _files[FilePaths.Normalize(path)] = text;

    /// <summary>True when the file was there.</summary>
    public bool RemoveFile(string path) => _files.TryRemove(FilePaths.Normalize(path), out _);

    public IReadOnlyCollection<string> Paths => _files.Keys.ToList();

    public FileReadResult ReadFile(string path)
    {
        string full = FilePaths.Normalize(path);
        if (_files.TryGetValue(full, out var text)) return FileReadResult.Ok(new SourceFileContent(full, text, Encoding.UTF8));
        return DirectoryExists(full)
            ? FileReadResult.Failed(FileReadStatus.NotARegularFile, "is a directory")
            : FileReadResult.Failed(FileReadStatus.NotFound, "no such file");
    }

    public bool FileExists(string path) => _files.ContainsKey(FilePaths.Normalize(path));

    public bool DirectoryExists(string path)
    {
        string prefix = FilePaths.AsDirectoryPrefix(FilePaths.Normalize(path));
        return _files.Keys.Any(f => f.StartsWith(prefix, FilePaths.Comparison));
    }

    public DirectoryListing ListDirectory(string path)
    {
        string prefix = FilePaths.AsDirectoryPrefix(FilePaths.Normalize(path));
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var directories = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in _files.Keys)
        {
            if (!file.StartsWith(prefix, FilePaths.Comparison)) continue;
            int slash = file.IndexOf('/', prefix.Length);
            if (slash < 0) files.Add(file);
            else directories.Add(file.Substring(0, slash));
        }
        return files.Count == 0 && directories.Count == 0
            ? DirectoryListing.Failed("no such directory")
            : new DirectoryListing(files.ToList(), directories.ToList(), null);
    }
}
