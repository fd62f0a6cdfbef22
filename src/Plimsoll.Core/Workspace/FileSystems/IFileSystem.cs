namespace Plimsoll.Workspace.FileSystems;

/// <summary>
/// Every read the engine makes besides the document it was handed: <c>.env</c>, <c>env_file</c>, override, include and
/// extends files, secret files, <c>.editorconfig</c>/<c>.globalconfig</c>/<c>--config</c>/<c>.hadolint.yaml</c>,
/// <c>.gitignore</c>, directory walks. Hosts choose what stands behind it: the disk (CLI), the disk overlaid with
/// unsaved editor buffers (language server), or the compilation's additional files (Roslyn analyzer).
/// Paths are absolute; implementations never throw for a missing or unreadable path.
/// </summary>
public interface IFileSystem
{
    /// <summary>The file's text, decoded as <see cref="SourceFileReader"/> does, or why it cannot be had.</summary>
    FileReadResult ReadFile(string path);

    /// <summary>True when <paramref name="path"/> names a file (a regular file on disk, or a buffer).</summary>
    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>
    /// The files and subdirectories of a directory (absolute paths, ordinal order), or why it cannot be listed.
    /// Symbolic links are listed apart (<see cref="DirectoryListing.Links"/>): walks do not follow them.
    /// </summary>
    DirectoryListing ListDirectory(string path);
}

/// <summary>Why a read did not give a file's content.</summary>
public enum FileReadStatus
{
    Ok,
    NotFound,
    /// <summary>A directory, FIFO, device or socket: never read, as it may block or never end.</summary>
    NotARegularFile,
    /// <summary>Larger than the reader's size limit (the message names the limit).</summary>
    TooLarge,
    Unreadable,
    /// <summary>Bytes that are not text in an encoding the tool reads (the message says what they look like).</summary>
    Undecodable,
}

/// <summary>The outcome of <see cref="IFileSystem.ReadFile"/>: content when <see cref="Status"/> is Ok, otherwise a message for people.</summary>
public sealed record FileReadResult(FileReadStatus Status, SourceFileContent? Content, string? Message)
{
    public bool IsOk => Status == FileReadStatus.Ok && Content != null;

    public static FileReadResult Ok(SourceFileContent content) => new(FileReadStatus.Ok, content, null);

    public static FileReadResult Failed(FileReadStatus status, string message) => new(status, null, message);
}

/// <summary>
/// The entries of one directory; <see cref="Error"/> is set (and the lists empty) when it could not be listed.
/// <see cref="Links"/> are the symbolic links among them (to files, directories or nothing), in neither other list.
/// <see cref="RegularFiles"/>, when the listing could tell, are those of <see cref="Files"/> that are regular files
/// (not a FIFO, device or socket); null when it could not.
/// </summary>
public sealed record DirectoryListing(IReadOnlyList<string> Files, IReadOnlyList<string> Directories, string? Error, IReadOnlyList<string>? Links = null, IReadOnlyList<string>? RegularFiles = null)
{
    public static DirectoryListing Failed(string error) => new(Array.Empty<string>(), Array.Empty<string>(), error);
}
