using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>Parsed compose files by path and content checksum: a file is parsed again only when its text changed.</summary>
public interface IComposeFileCache
{
    YamlSyntaxTree GetOrParse(string path, SourceText text);
}

/// <summary>
/// Keeps the latest parse of each path (thread-safe). One instance can live as long as a lint session: loading a
/// 20-file project again after one file was edited parses that file only.
/// </summary>
public sealed class ComposeFileCache : IComposeFileCache
{
    private readonly ConcurrentDictionary<string, (ImmutableArray<byte> Checksum, YamlSyntaxTree Tree)> _trees = new(StringComparer.Ordinal);
    private int _parses;

    /// <summary>How many files were parsed (not found in the cache) so far.</summary>
    public int Parses => Volatile.Read(ref _parses);

    public YamlSyntaxTree GetOrParse(string path, SourceText text)
    {
        var checksum = text.GetChecksum();
        if (_trees.TryGetValue(path, out var known) && known.Checksum.SequenceEqual(checksum)) return known.Tree;
        var tree = YamlSyntaxTree.Parse(text, path);
        Interlocked.Increment(ref _parses);
        _trees[path] = (checksum, tree);
        return tree;
    }

    /// <summary>Forgets a file (deleted, or closed in an editor).</summary>
    public void Remove(string path) => _trees.TryRemove(path, out _);
}
