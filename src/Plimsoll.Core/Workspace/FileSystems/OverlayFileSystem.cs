using System.Collections.Concurrent;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Workspace.FileSystems;

/// <summary>
/// Another file system with in-memory buffers laid over it: an editor's unsaved documents over the disk. A buffer
/// wins over the file beneath it, and a buffer for a file not yet saved makes it exist. Thread-safe.
/// </summary>
public sealed class OverlayFileSystem : IFileSystem
{
    private readonly IFileSystem _inner;
    private readonly ConcurrentDictionary<string, SourceText> _buffers = new(FilePaths.Comparer);

    public OverlayFileSystem(IFileSystem inner) => _inner = inner;

    public IFileSystem Inner => _inner;

    /// <summary>Sets (or replaces) the buffer of <paramref name="path"/>; reads of it see this text from now on.</summary>
    public void SetBuffer(string path, SourceText text) => _buffers[FilePaths.Normalize(path)] = text;

    public void SetBuffer(string path, string text) => SetBuffer(path, SourceText.From(text));

    /// <summary>Drops the buffer (the editor closed it): reads see the file beneath again. True when there was one.</summary>
    public bool RemoveBuffer(string path) => _buffers.TryRemove(FilePaths.Normalize(path), out _);

    public bool HasBuffer(string path) => _buffers.ContainsKey(FilePaths.Normalize(path));

    public FileReadResult ReadFile(string path)
    {
        string full = FilePaths.Normalize(path);
        return _buffers.TryGetValue(full, out var text)
            ? FileReadResult.Ok(new SourceFileContent(full, text, Encoding.UTF8))
            : _inner.ReadFile(path);
    }

    public bool FileExists(string path) => _buffers.ContainsKey(FilePaths.Normalize(path)) || _inner.FileExists(path);

    public bool DirectoryExists(string path)
    {
        if (_inner.DirectoryExists(path)) return true;
        string prefix = FilePaths.AsDirectoryPrefix(FilePaths.Normalize(path));
        return _buffers.Keys.Any(b => b.StartsWith(prefix, FilePaths.Comparison));
    }

    public DirectoryListing ListDirectory(string path)
    {
        var listing = _inner.ListDirectory(path);
        string prefix = FilePaths.AsDirectoryPrefix(FilePaths.Normalize(path));
        var buffered = _buffers.Keys.Where(b => b.StartsWith(prefix, FilePaths.Comparison)).ToList();
        if (buffered.Count == 0) return listing;
        var files = new SortedSet<string>(listing.Files, StringComparer.Ordinal);
        var directories = new SortedSet<string>(listing.Directories, StringComparer.Ordinal);
        foreach (var buffer in buffered)
        {
            int slash = buffer.IndexOf('/', prefix.Length);
            if (slash < 0) files.Add(buffer);
            else directories.Add(buffer.Substring(0, slash));
        }
        return new DirectoryListing(files.ToList(), directories.ToList(), null);
    }
}
