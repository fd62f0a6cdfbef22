using Plimsoll.Analysis.Configuration;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Tests.Analysis.Configuration;

internal static class TestProviders
{
    /// <summary>A provider over the disk (or <paramref name="fileSystem"/>); every rule id is known, in category "Style".</summary>
    public static EditorConfigOptionsProvider Create(string? config = null, Func<string, string>? categoryOf = null,
        Func<string, IReadOnlyList<string>>? mapHadolintRule = null, IFileSystem? fileSystem = null)
        => new(fileSystem ?? PhysicalFileSystem.Instance, config, categoryOf ?? (_ => "Style"), mapHadolintRule ?? (_ => Array.Empty<string>()));
}

/// <summary>Files held in memory, keyed by absolute path: nothing touches the disk.</summary>
internal sealed class MemoryFileSystem : IFileSystem
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public string this[string path]
    {
        set => _files[path] = value;
    }

    public void Remove(string path) => _files.Remove(path);

    public FileReadResult ReadFile(string path)
    {
        Reads++;
        return _files.TryGetValue(path, out var text)
            ? FileReadResult.Ok(new SourceFileContent(path, SourceText.From(text), System.Text.Encoding.UTF8))
            : FileReadResult.Failed(FileReadStatus.NotFound, "no such file");
    }

    public bool FileExists(string path) => _files.ContainsKey(path);

    public bool DirectoryExists(string path) => _files.Keys.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public DirectoryListing ListDirectory(string path) => DirectoryListing.Failed("not needed by these tests");
}
