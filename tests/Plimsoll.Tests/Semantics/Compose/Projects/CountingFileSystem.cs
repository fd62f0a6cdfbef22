using Microsoft.CodeAnalysis.Text;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>Files held in memory (absolute paths), counting reads: what a compose project loads, and how often.</summary>
internal sealed class CountingFileSystem : IFileSystem
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);

    public CountingFileSystem(string root) => Root = root;

    /// <summary>An absolute folder the files live under (nothing is written there).</summary>
    public string Root { get; }

    public string this[string name]
    {
        set => _files[Path.Combine(Root, name)] = value;
    }

    public string PathOf(string name) => Path.Combine(Root, name);

    public int TotalReads => _reads.Values.Sum();

    public int ReadsOf(string name) => _reads.TryGetValue(PathOf(name), out var n) ? n : 0;

    public FileReadResult ReadFile(string path)
    {
        _reads[path] = (_reads.TryGetValue(path, out var n) ? n : 0) + 1;
        return _files.TryGetValue(path, out var text)
            ? FileReadResult.Ok(new SourceFileContent(path, SourceText.From(text), System.Text.Encoding.UTF8))
            : FileReadResult.Failed(FileReadStatus.NotFound, "no such file");
    }

    public bool FileExists(string path) => _files.ContainsKey(path);

    public bool DirectoryExists(string path) => _files.Keys.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public DirectoryListing ListDirectory(string path)
        => new(_files.Keys.Where(f => Path.GetDirectoryName(f) == path).OrderBy(f => f, StringComparer.Ordinal).ToList(), Array.Empty<string>(), null);
}
