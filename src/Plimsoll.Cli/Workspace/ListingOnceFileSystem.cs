using System.Collections.Concurrent;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Cli.Workspace;

/// <summary>
/// A file system that lists each directory once, for the search that starts a command-line run: looking for a
/// .NET solution or project in a named folder, then walking it, would otherwise list (and stat every entry of) the same
/// folder twice. Only for one search: a listing is not refreshed.
/// </summary>
internal sealed class ListingOnceFileSystem : IFileSystem
{
    private readonly IFileSystem _inner;
    private readonly ConcurrentDictionary<string, DirectoryListing> _listings = new(FilePaths.Comparer);

    public ListingOnceFileSystem(IFileSystem inner) => _inner = inner;

    public FileReadResult ReadFile(string path) => _inner.ReadFile(path);

    public bool FileExists(string path) => _inner.FileExists(path);

    public bool DirectoryExists(string path) => _inner.DirectoryExists(path);

    // A folder named relatively and absolutely is one folder.
    public DirectoryListing ListDirectory(string path) => _listings.GetOrAdd(FilePaths.Normalize(path), _ => _inner.ListDirectory(path));
}
