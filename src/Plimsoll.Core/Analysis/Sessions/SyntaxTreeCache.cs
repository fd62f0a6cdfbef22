using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis.Sessions;

/// <summary>
/// Parsed documents by path and content: a lookup with the same path and the same text (by content hash) gives the
/// earlier parse. One entry per path as written (a tree knows the path it was parsed for, and diagnostics show it);
/// <see cref="Invalidate"/> drops every spelling of a file. Thread-safe.
/// </summary>
internal sealed class SyntaxTreeCache<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Func<SourceText, string, T> _parse;
    private int _parses;

    public SyntaxTreeCache(Func<SourceText, string, T> parse) => _parse = parse;

    /// <summary>How many times a text was parsed (not found in the cache): for tests that prove work is reused.</summary>
    public int ParseCount => Volatile.Read(ref _parses);

    public T GetOrParse(string path, SourceText text)
    {
        if (_entries.TryGetValue(path, out var entry) && (ReferenceEquals(entry.Text, text) || entry.Hash.SequenceEqual(text.GetContentHash())))
            return entry.Value;
        Interlocked.Increment(ref _parses);
        var value = _parse(text, path);
        _entries[path] = new Entry(text, text.GetContentHash(), value);
        return value;
    }

    public void Invalidate(string path)
    {
        string full = FilePaths.Normalize(path);
        foreach (var key in _entries.Keys)
            if (FilePaths.Comparer.Equals(FilePaths.Normalize(key), full)) _entries.TryRemove(key, out _);
    }

    public void Clear() => _entries.Clear();

    private sealed record Entry(SourceText Text, ImmutableArray<byte> Hash, T Value);
}
