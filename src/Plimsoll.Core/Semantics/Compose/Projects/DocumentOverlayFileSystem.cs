using Microsoft.CodeAnalysis.Text;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>A file system in which one path reads as the given text (the document being linted, perhaps unsaved).</summary>
internal sealed class DocumentOverlayFileSystem : IFileSystem
{
    private readonly string _path;
    private readonly SourceText _text;
    private readonly IFileSystem _inner;

    public DocumentOverlayFileSystem(string path, SourceText text, IFileSystem inner)
    {
        _path = path;
        _text = text;
        _inner = inner;
    }

    public FileReadResult ReadFile(string path)
        => path == _path ? FileReadResult.Ok(new SourceFileContent(path, _text, System.Text.Encoding.UTF8)) : _inner.ReadFile(path);

    public bool FileExists(string path) => path == _path || _inner.FileExists(path);

    public bool DirectoryExists(string path) => _inner.DirectoryExists(path);

    public DirectoryListing ListDirectory(string path) => _inner.ListDirectory(path);
}
