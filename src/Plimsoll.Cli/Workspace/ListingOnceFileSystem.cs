using System.Collections.Concurrent;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Cli.Workspace;

/// <summary>
/// The disk as one command-line run sees it: each folder is listed once (looking for a .NET solution or project in a
/// named folder, then walking it, would otherwise list and stat the same folder twice), and a file looked for in a
/// folder already listed is known to be missing without asking the system again (every Dockerfile's
/// <c>&lt;name&gt;.dockerignore</c> and <c>.dockerignore</c>). A snapshot: a file created during the run is not seen.
/// </summary>
internal sealed class ListingOnceFileSystem : IFileSystem
{
    private readonly IFileSystem _inner;
    private readonly ConcurrentDictionary<string, Listed> _listings = new(FilePaths.Comparer);

    public ListingOnceFileSystem(IFileSystem inner) => _inner = inner;

    public FileReadResult ReadFile(string path)
        => IsKnownMissing(path) ? FileReadResult.Failed(FileReadStatus.NotFound, "no such file") : _inner.ReadFile(path);

    public bool FileExists(string path) => !IsKnownMissing(path) && _inner.FileExists(path);

    public bool DirectoryExists(string path) => _inner.DirectoryExists(path);

    // Listings name entries by absolute path: a folder named relatively and absolutely is one folder.
    public DirectoryListing ListDirectory(string path) => _listings.GetOrAdd(Key(path), _ => new Listed(_inner.ListDirectory(path))).Listing;

    private bool IsKnownMissing(string path)
    {
        string full = Key(path);
        return Path.GetDirectoryName(full) is { } folder && _listings.TryGetValue(folder, out var listed) && listed.Listing.Error == null && !listed.Names.Contains(full);
    }

    private static string Key(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    /// <summary>A listing and every entry it names (files, folders, links), for lookups.</summary>
    private sealed class Listed
    {
        public Listed(DirectoryListing listing)
        {
            Listing = listing;
            Names = new HashSet<string>(listing.Files.Concat(listing.Directories).Concat(listing.Links ?? Array.Empty<string>()), FilePaths.Comparer);
        }

        public DirectoryListing Listing { get; }
        public HashSet<string> Names { get; }
    }
}
