using Microsoft.CodeAnalysis.Text;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Pinning;

/// <summary>
/// A file read once for editing: its exact bytes, its text (UTF-8 with any BOM kept as U+FEFF, else Latin-1, so
/// every untouched byte is written back as it was) and the write that replaces it atomically — a temporary file
/// beside it, the same file mode, then a rename — refused when the file changed on disk since it was read.
/// </summary>
internal sealed class SourceFileRewriter
{
    private readonly byte[] _original;
    private readonly SourceFileContent _content;

    private SourceFileRewriter(string path, byte[] original, SourceFileContent content)
    {
        Path = path;
        _original = original;
        _content = content;
    }

    public string Path { get; }
    public SourceText Text => _content.Text;

    public static SourceFileRewriter Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return new SourceFileRewriter(path, bytes, SourceFileReader.Decode(path, bytes));
    }

    public SourceText Apply(IEnumerable<TextChange> changes) => _content.Text.WithChanges(changes);

    /// <summary>Writes <paramref name="text"/> in place of the file; null on success, else why nothing was written.</summary>
    public string? Write(SourceText text)
    {
        byte[] bytes = _content.Encode(text.ToString());
        string directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        string temp = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(Path) + ".plimsoll-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(Path));
            if (!File.ReadAllBytes(Path).AsSpan().SequenceEqual(_original))
            {
                File.Delete(temp);
                return "the file changed since it was read; not written (run pin again)";
            }
            File.Move(temp, Path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            return "cannot be written: " + e.Message;
        }
    }
}
