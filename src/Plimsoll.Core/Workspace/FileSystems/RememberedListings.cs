using System.Collections.Concurrent;

namespace Plimsoll.Workspace.FileSystems;

/// <summary>What a remembered listing showed of a path.</summary>
internal enum ListedEntry
{
    Absent,
    RegularFile,
    Directory,
    /// <summary>A link, FIFO, device or socket, or a file whose kind the listing could not tell: the disk answers.</summary>
    Other,
}

/// <summary>
/// The directory listings of one command-line run, kept for the whole run (see
/// <see cref="PhysicalFileSystem(long, bool)"/>): each directory is listed once, however it is named, and a question
/// about a path in a listed directory is answered from the listing.
/// </summary>
internal sealed class RememberedListings
{
    private readonly ConcurrentDictionary<string, Listed> _listings = new(FilePaths.Comparer);

    public DirectoryListing GetOrList(string path, Func<string, DirectoryListing> list)
        => _listings.GetOrAdd(FilePaths.Normalize(path), _ => new Listed(list(path))).Listing;

    /// <summary>What the listing of <paramref name="path"/>'s folder showed of it; false when that folder was not listed (or could not be).</summary>
    public bool TryLookup(string path, out ListedEntry entry)
    {
        entry = ListedEntry.Other;
        string normalized = FilePaths.Normalize(path);
        int slash = normalized.LastIndexOf('/');
        if (slash < 0 || slash == normalized.Length - 1) return false;
        // Every read and existence check of a run asks: the folder and the name are looked up as spans of the path.
#if NET
        var folder = slash == 0 ? "/".AsSpan() : normalized.AsSpan(0, slash);
        if (!_listings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(folder, out var listed)) return false;
        var entries = listed.Entries;
        if (entries == null) return false;
        entry = entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(normalized.AsSpan(slash + 1), out var found) ? found : ListedEntry.Absent;
#else
        string folder = slash == 0 ? "/" : normalized.Substring(0, slash);
        if (!_listings.TryGetValue(folder, out var listed)) return false;
        var entries = listed.Entries;
        if (entries == null) return false;
        entry = entries.TryGetValue(normalized.Substring(slash + 1), out var found) ? found : ListedEntry.Absent;
#endif
        return true;
    }

    /// <summary>A folder's listing and, made on the first question about a path in it, its entries by name.</summary>
    private sealed class Listed
    {
        private readonly Lazy<Dictionary<string, ListedEntry>?> _entries;

        public Listed(DirectoryListing listing)
        {
            Listing = listing;
            _entries = new Lazy<Dictionary<string, ListedEntry>?>(() => EntriesOf(listing));
        }

        public DirectoryListing Listing { get; }

        /// <summary>Null when the listing failed or could not tell regular files from others (then only absence could be told, not worth a table).</summary>
        public Dictionary<string, ListedEntry>? Entries => _entries.Value;
    }

    private static Dictionary<string, ListedEntry>? EntriesOf(DirectoryListing listing)
    {
        if (listing.Error != null || listing.RegularFiles == null) return null;
        var entries = new Dictionary<string, ListedEntry>(FilePaths.Comparer);
        foreach (var file in listing.Files) entries[Path.GetFileName(file)] = ListedEntry.Other;
        foreach (var file in listing.RegularFiles) entries[Path.GetFileName(file)] = ListedEntry.RegularFile;
        foreach (var directory in listing.Directories) entries[Path.GetFileName(directory)] = ListedEntry.Directory;
        foreach (var link in listing.Links ?? Array.Empty<string>()) entries[Path.GetFileName(link)] = ListedEntry.Other;
        return entries;
    }
}
