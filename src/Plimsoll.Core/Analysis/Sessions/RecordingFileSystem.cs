using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis.Sessions;

/// <summary>
/// Passes reads through and remembers every path asked for, found or not: what one document's result depends on
/// (a file asked for but missing matters too: creating it changes the result).
/// </summary>
internal sealed class RecordingFileSystem : IFileSystem
{
    private readonly IFileSystem _inner;
    // One per linted document, for a handful of paths: a set under a lock, not a concurrent dictionary (its buckets and
    // locks were most of what recording cost on a corpus run).
    private readonly HashSet<string> _paths = new(FilePaths.Comparer);

    public RecordingFileSystem(IFileSystem inner) => _inner = inner;

    public IReadOnlyCollection<string> Paths
    {
        get
        {
            lock (_paths) return _paths.ToList();
        }
    }

    public FileReadResult ReadFile(string path) => _inner.ReadFile(Record(path));

    public bool FileExists(string path) => _inner.FileExists(Record(path));

    public bool DirectoryExists(string path) => _inner.DirectoryExists(Record(path));

    public DirectoryListing ListDirectory(string path) => _inner.ListDirectory(Record(path));

    private string Record(string path)
    {
        string normalized = FilePaths.Normalize(path);
        lock (_paths) _paths.Add(normalized);
        return path;
    }
}
