// The one place in Core and Rules that touches the disk; RS1035 (no file I/O in analyzers) guards everything else.
#pragma warning disable RS1035
namespace Plimsoll.Workspace.FileSystems;

/// <summary>
/// The disk. The only type in Core and Rules allowed to touch it (RS1035 is suppressed in this file alone). Reads only regular
/// files — a FIFO, device or socket is refused before it is opened, so none can block or stream forever — and
/// never more than <see cref="MaxFileBytes"/> bytes of one file.
/// </summary>
public sealed class PhysicalFileSystem : IFileSystem
{
    /// <summary>Linted documents and the files they pull in (.env, include, extends, configuration): 16 MiB each.</summary>
    public const long DefaultMaxFileBytes = 16L * 1024 * 1024;

    public static readonly PhysicalFileSystem Instance = new();

    private readonly RememberedListings? _listings;

    /// <param name="maxFileBytes">The largest file read.</param>
    /// <param name="remembersListings">
    /// For one command-line run, which takes the disk as it was when it first looked: each directory is listed once,
    /// and a path in a listed directory is answered from the listing — a file absent from it is not looked for on disk
    /// (a Dockerfile's <c>.dockerignore</c>, once per Dockerfile), and a file listed as regular is opened without
    /// looking at its path first (the opened descriptor is still checked). Not for a long-lived host: nothing is refreshed.
    /// </param>
    public PhysicalFileSystem(long maxFileBytes = DefaultMaxFileBytes, bool remembersListings = false)
    {
        MaxFileBytes = maxFileBytes;
        if (remembersListings) _listings = new RememberedListings();
    }

    public long MaxFileBytes { get; }

    public FileReadResult ReadFile(string path) => Remembered(path) switch
    {
        ListedEntry.Absent => FileReadResult.Failed(FileReadStatus.NotFound, "no such file"),
        ListedEntry.RegularFile => ReadFile(path, listedAsRegular: true),
        _ => ReadFile(path, listedAsRegular: false),
    };

    // What a remembered listing showed of path; Other when none was made of its folder (the disk answers).
    private ListedEntry Remembered(string path) => _listings != null && _listings.TryLookup(path, out var entry) ? entry : ListedEntry.Other;

    private FileReadResult ReadFile(string path, bool listedAsRegular)
    {
        try
        {
            // Read into this thread's buffer: the bytes live only until they are decoded (a corpus run reads megabytes).
            var bytes = ReadBytes(path, MaxFileBytes, listedAsRegular, reuse: true, out var failure);
            if (bytes == null) return failure!;
            return SourceFileReader.TryDecode(path, bytes.Value, out var content, out var problem)
                ? FileReadResult.Ok(content!)
                : FileReadResult.Failed(FileReadStatus.Undecodable, problem!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return FileReadResult.Failed(FileReadStatus.Unreadable, e.Message);
        }
    }

    /// <summary>
    /// The bytes of a regular file of at most <paramref name="maxBytes"/> bytes, or null and why not (a result with
    /// a message for people: "is a FIFO", "is larger than the 16 MiB limit"…). For files that are not decoded as
    /// source text too: a SARIF baseline, a JSON schema.
    /// </summary>
    public static byte[]? ReadBytes(string path, long maxBytes, out FileReadResult? failure)
        => ReadBytes(path, maxBytes, listedAsRegular: false, reuse: false, out failure) is { } read ? Exact(read) : null;

    private static byte[] Exact(ArraySegment<byte> read)
        => read.Offset == 0 && read.Count == read.Array!.Length ? read.Array : read.ToArray();

    // A file of up to this size is read into its thread's buffer (larger ones into their own array): all but one file
    // of the corpus fit. Below the large object heap's 85 KB. The buffer grows to the largest file its thread has read,
    // so the 128 threads a ShellCheck run keeps hold a few KB each, not this much.
    private const int ReadBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static byte[]? t_readBuffer;

    // This thread's buffer when a file of claimed bytes fits in it (grown to fit if need be), else null.
    private static byte[]? ThreadReadBuffer(long claimed)
    {
        if (claimed <= 0 || claimed > ReadBufferBytes) return null;
        if (t_readBuffer is { } buffer && buffer.Length >= claimed) return buffer;
        return t_readBuffer = new byte[Math.Min(ReadBufferBytes, (claimed + 4095) / 4096 * 4096)];
    }

    // The bytes read; with reuse, in this thread's buffer when they fit there (the caller uses them before its thread reads again).
    private static ArraySegment<byte>? ReadBytes(string path, long maxBytes, bool listedAsRegular, bool reuse, out FileReadResult? failure)
    {
        failure = null;
        try
        {
#if NET
            // Listed as a regular file: opened without following a link, so that no device can have been put in its place.
            if (listedAsRegular && NativeFile.TryOpen(path, followLinks: false, out var listed) && !listed.IsLink)
                return ReadOpened(listed, maxBytes, reuse, out failure);
#endif
            var type = Classify(path);
            if (type == DiskFileType.Missing)
            {
                failure = FileReadResult.Failed(FileReadStatus.NotFound, "no such file");
                return null;
            }
            if (type != DiskFileType.Regular && type != DiskFileType.Unknown)
            {
                failure = NotRegular(type);
                return null;
            }
#if NET
            if (NativeFile.TryOpen(path, out var opened)) return ReadOpened(opened, maxBytes, reuse, out failure);
#endif
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            return ReadBounded(stream.CanSeek ? stream.Length : 0, (buffer, offset, count, _) => stream.Read(buffer, offset, count), maxBytes, reuse, out failure);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            failure = FileReadResult.Failed(FileReadStatus.Unreadable, e.Message);
            return null;
        }
    }

#if NET
    private static ArraySegment<byte>? ReadOpened(OpenedFile opened, long maxBytes, bool reuse, out FileReadResult? failure)
    {
        if (opened.Handle == null)
        {
            failure = FileReadResult.Failed(opened.Type == DiskFileType.Missing ? FileReadStatus.NotFound : FileReadStatus.Unreadable, opened.Error ?? "cannot be opened");
            return null;
        }
        using var handle = opened.Handle;
        // Checked again on the opened descriptor: the path may have been replaced since it was looked at.
        if (opened.Type != DiskFileType.Regular)
        {
            failure = NotRegular(opened.Type);
            return null;
        }
        // Reads on the descriptor, its size given with its type: no FileStream, no length or seek calls per file.
        long size = opened.Size >= 0 ? opened.Size : RandomAccess.GetLength(handle);
        return ReadBounded(size, (buffer, offset, count, at) => NativeFile.Read(handle, buffer, offset, count, at), maxBytes, reuse, out failure);
    }
#endif

    /// <summary>"16 MiB", "512 KiB": a limit as the messages say it.</summary>
    public static string DescribeSize(long bytes)
        => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";

    // Reads the length the file claims when opened (never more than maxBytes), or, when it claims none, until its end
    // and at most maxBytes + 1 bytes.
    // The buffer is the claimed length (or the thread's, when the file fits there): one allocation at most and no
    // copy for a file that does not change while it is read (a fixed 80 KB chunk per file plus two copies was a fifth
    // of a corpus run, in allocation and zeroing).
    private delegate int ReadAt(byte[] buffer, int offset, int count, long fileOffset);

    private static ArraySegment<byte>? ReadBounded(long claimed, ReadAt read, long maxBytes, bool reuse, out FileReadResult? failure)
    {
        failure = null;
        if (claimed > maxBytes)
        {
            failure = TooLarge(maxBytes);
            return null;
        }
        // Read to the length claimed, no further (in a reusable buffer, its end is not the file's).
        int length = claimed > 0 ? (int)claimed : 4096;
        var buffer = (reuse ? ThreadReadBuffer(claimed) : null) ?? new byte[length];
        byte[]? probe = null;
        int total = 0;
        while (true)
        {
            // A file read to the length it had when opened is read: one that grows meanwhile is taken as it was.
            if (total == length && claimed > 0) return new ArraySegment<byte>(buffer, 0, total);
            if (total == buffer.Length)
            {
                // Full, and no length was claimed (a /proc file): one byte tells whether there is more.
                probe ??= new byte[1];
                if (read(probe, 0, 1, total) == 0) return new ArraySegment<byte>(buffer, 0, total);
                if (total + 1L > maxBytes)
                {
                    failure = TooLarge(maxBytes);
                    return null;
                }
                Array.Resize(ref buffer, (int)Math.Min(maxBytes, Math.Max(4096L, buffer.Length * 2L)));
                length = buffer.Length;
                buffer[total++] = probe[0];
                continue;
            }
            int count = read(buffer, total, length - total, total);
            if (count == 0) break;
            total += count;
            if (total > maxBytes)
            {
                failure = TooLarge(maxBytes);
                return null;
            }
        }
        return new ArraySegment<byte>(buffer, 0, total);
    }

    private static FileReadResult TooLarge(long maxBytes)
        => FileReadResult.Failed(FileReadStatus.TooLarge, $"is larger than the {DescribeSize(maxBytes)} limit for a file");

    private static FileReadResult NotRegular(DiskFileType type) => FileReadResult.Failed(FileReadStatus.NotARegularFile, type switch
    {
        DiskFileType.Directory => "is a directory",
        DiskFileType.Fifo => "is a FIFO (named pipe), not a regular file: not read",
        DiskFileType.CharacterDevice => "is a character device, not a regular file: not read",
        DiskFileType.BlockDevice => "is a block device, not a regular file: not read",
        DiskFileType.Socket => "is a socket, not a regular file: not read",
        _ => "is not a regular file: not read",
    });

    private static DiskFileType Classify(string path)
    {
#if NET
        var type = NativeFile.TypeOf(path);
        if (type != DiskFileType.Unknown) return type;
#endif
        if (Directory.Exists(path)) return DiskFileType.Directory;
        if (!File.Exists(path)) return DiskFileType.Missing;
        return (File.GetAttributes(path) & FileAttributes.Device) != 0 ? DiskFileType.CharacterDevice : DiskFileType.Unknown;
    }

    /// <summary>True for a regular file (following links): a FIFO or device named like a Dockerfile is not one.</summary>
    public bool FileExists(string path)
    {
        var remembered = Remembered(path);
        if (remembered != ListedEntry.Other) return remembered == ListedEntry.RegularFile;
        try
        {
            var type = Classify(path);
            return type == DiskFileType.Regular || type == DiskFileType.Unknown && File.Exists(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { return false; }
    }

    public bool DirectoryExists(string path)
    {
        var remembered = Remembered(path);
        if (remembered != ListedEntry.Other) return remembered == ListedEntry.Directory;
        try { return Directory.Exists(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { return false; }
    }

    // A folder named relatively and absolutely is one folder.
    public DirectoryListing ListDirectory(string path) => _listings?.GetOrList(path, List) ?? List(path);

    private static DirectoryListing List(string path)
    {
        try
        {
            var files = new List<string>();
            var directories = new List<string>();
            var links = new List<string>();
            List<string>? regular = null;
#if NET
            if (NativeDirectory.TryList(path, out var entries))
            {
                // The types the directory records: no stat per entry (one only where the file system records none).
                string full = Path.GetFullPath(path);
                regular = new List<string>();
                // Sorted by name, every list below is made in order: the paths share the folder as their prefix, so
                // they sort as their names do (compared without the prefix, and once instead of once per list).
                entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var entry in entries)
                {
                    string entryPath = Path.Join(full, entry.Name);
                    if (entry.IsLink) links.Add(entryPath);
                    else if (entry.Type == DiskFileType.Directory) directories.Add(entryPath);
                    else if (entry.Type == DiskFileType.Unknown) AddByAttributes(new FileInfo(entryPath), files, directories, links);
                    else
                    {
                        files.Add(entryPath);
                        if (entry.Type == DiskFileType.Regular) regular.Add(entryPath);
                    }
                }
            }
            else
#endif
            {
                // One readdir, and the entry types it gives: no stat per entry beyond what the enumeration does.
                foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos()) AddByAttributes(entry, files, directories, links);
                files.Sort(StringComparer.Ordinal);
                directories.Sort(StringComparer.Ordinal);
                links.Sort(StringComparer.Ordinal);
            }
            return new DirectoryListing(files, directories, null, links, regular);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return DirectoryListing.Failed(e.Message);
        }
    }

    private static void AddByAttributes(FileSystemInfo entry, List<string> files, List<string> directories, List<string> links)
    {
        var attributes = entry.Attributes;
        if ((attributes & FileAttributes.ReparsePoint) != 0) links.Add(entry.FullName);
        else if ((attributes & FileAttributes.Directory) != 0) directories.Add(entry.FullName);
        else files.Add(entry.FullName);
    }
}
