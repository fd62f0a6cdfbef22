using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// Each compose file's model as read (before includes, extends and merging), kept by its parsed tree and by the
/// content of the variables that interpolated it: a project loaded again after one of its files changed reads that
/// file only. Trees are shared by content (<see cref="IComposeFileCache"/>), so an unchanged file meets its entry
/// again; an entry goes with its tree. Thread-safe.
/// </summary>
public sealed class ComposeSummaryCache
{
    private readonly ConditionalWeakTable<YamlSyntaxTree, Entry> _entries = new();
    private int _reads;

    /// <summary>How many files were read into the model (not found in the cache) so far.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>
    /// The model of <paramref name="tree"/> read with variables whose content is <paramref name="variablesKey"/>: the
    /// kept one, or <paramref name="read"/>'s. The diagnostics the read made are added to <paramref name="diagnostics"/>
    /// either way.
    /// </summary>
    internal ProjectMapping? GetOrRead(YamlSyntaxTree tree, string variablesKey, Func<List<Diagnostic>, ProjectMapping?> read, List<Diagnostic> diagnostics)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(tree, out var kept) && kept.VariablesKey == variablesKey)
            {
                diagnostics.AddRange(kept.Diagnostics);
                return kept.Root;
            }
        }
        var made = new List<Diagnostic>();
        var root = read(made);
        Interlocked.Increment(ref _reads);
        lock (_entries)
        {
            _entries.Remove(tree);
            _entries.Add(tree, new Entry(variablesKey, root, made.ToImmutableArray()));
        }
        diagnostics.AddRange(made);
        return root;
    }

    private sealed record Entry(string VariablesKey, ProjectMapping? Root, ImmutableArray<Diagnostic> Diagnostics);
}
