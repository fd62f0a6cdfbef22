namespace Plimsoll.Workspace.FileSystems;

/// <summary>The disk. The only type in Core and Rules allowed to touch it (RS1035 is off here alone).</summary>
public sealed class PhysicalFileSystem : IFileSystem
{
    public static readonly PhysicalFileSystem Instance = new();

    public FileReadResult ReadFile(string path)
    {
        try
        {
            if (Directory.Exists(path)) return FileReadResult.Failed(FileReadStatus.NotARegularFile, "is a directory");
            if (!File.Exists(path)) return FileReadResult.Failed(FileReadStatus.NotFound, "no such file");
            return FileReadResult.Ok(SourceFileReader.Decode(path, File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return FileReadResult.Failed(FileReadStatus.Unreadable, e.Message);
        }
    }

    public bool FileExists(string path)
    {
        try { return File.Exists(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { return false; }
    }

    public bool DirectoryExists(string path)
    {
        try { return Directory.Exists(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) { return false; }
    }

    public DirectoryListing ListDirectory(string path)
    {
        try
        {
            var files = Directory.EnumerateFiles(path).OrderBy(f => f, StringComparer.Ordinal).ToList();
            var directories = Directory.EnumerateDirectories(path).OrderBy(d => d, StringComparer.Ordinal).ToList();
            return new DirectoryListing(files, directories, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return DirectoryListing.Failed(e.Message);
        }
    }
}
