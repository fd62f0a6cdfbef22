using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Diagnostics;

namespace Plimsoll.Syntax.Yaml;

/// <summary>A key of a mapping once merge keys are applied, with the nodes that wrote it.</summary>
public sealed class YamlEffectiveEntry
{
    internal YamlEffectiveEntry(string key, YamlNode keyNode, YamlNode value, YamlMappingNode source, bool isMerged)
    {
        Key = key;
        KeyNode = keyNode;
        Value = value;
        Source = source;
        IsMerged = isMerged;
    }

    public string Key { get; }

    /// <summary>The key as written, in <see cref="Source"/>.</summary>
    public YamlNode KeyNode { get; }

    /// <summary>The value as written (possibly an alias); its span is where the value was written, even if merged in.</summary>
    public YamlNode Value { get; }

    /// <summary>The mapping that wrote the entry: the mapping itself, or one merged into it.</summary>
    public YamlMappingNode Source { get; }

    /// <summary>True when the entry came through a <c>&lt;&lt;</c> merge key.</summary>
    public bool IsMerged { get; }

    public override string ToString() => Key + ": " + Value;
}

/// <summary>The effective entries of a mapping: explicit keys override merged ones; earlier merge sources override later ones.</summary>
public sealed class YamlEffectiveMapping
{
    // Made on the first lookup: most effective mappings are only walked in order.
    private Dictionary<string, YamlEffectiveEntry>? _byKey;

    internal YamlEffectiveMapping(YamlMappingNode mapping, ImmutableArray<YamlEffectiveEntry> entries, ImmutableArray<Diagnostic> diagnostics, bool budgetExceeded)
    {
        Mapping = mapping;
        Entries = entries;
        Diagnostics = diagnostics;
        BudgetExceeded = budgetExceeded;
    }

    private Dictionary<string, YamlEffectiveEntry> ByKey
    {
        get
        {
            if (_byKey != null) return _byKey;
            var byKey = new Dictionary<string, YamlEffectiveEntry>(Entries.Length, StringComparer.Ordinal);
            foreach (var entry in Entries)
            {
                if (!byKey.ContainsKey(entry.Key)) byKey.Add(entry.Key, entry);
            }
            return _byKey = byKey;
        }
    }

    public YamlMappingNode Mapping { get; }

    /// <summary>In text order; merged entries stand where their <c>&lt;&lt;</c> key is.</summary>
    public ImmutableArray<YamlEffectiveEntry> Entries { get; }

    /// <summary>PL9002 for merge values that are not mappings, and for a spent alias budget.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>True when the alias budget ran out: <see cref="Entries"/> is then incomplete.</summary>
    public bool BudgetExceeded { get; }

    public bool TryGetValue(string key, out YamlEffectiveEntry entry) => ByKey.TryGetValue(key, out entry!);

    public YamlEffectiveEntry? this[string key] => ByKey.TryGetValue(key, out var entry) ? entry : null;
}

/// <summary>Applies YAML merge keys (<c>&lt;&lt;: *base</c>, <c>&lt;&lt;: [*a, *b]</c>) without copying nodes.</summary>
public static class YamlMerge
{
    public static YamlEffectiveMapping GetEffectiveEntries(YamlMappingNode mapping, YamlAliasBudget? budget = null)
    {
        if (mapping == null) throw new ArgumentNullException(nameof(mapping));
        budget ??= new YamlAliasBudget();
        List<Diagnostic>? diagnostics = null;
        // Nearly every mapping has no merge key: it needs none of the merge machinery's sets and lists.
        var entries = mapping.HasMergeKeys
            ? Collect(mapping, budget, new HashSet<YamlMappingNode>(), diagnostics = new List<Diagnostic>(), 0).ToImmutableArray()
            : WithoutMerges(mapping, budget);
        if (budget.IsExhausted)
        {
            (diagnostics ??= new List<Diagnostic>()).Add(Create(mapping, "Excessive aliasing: applying merge keys visited more than " + budget.Limit + " nodes; stopped."));
        }
        return new YamlEffectiveMapping(mapping, entries, diagnostics?.ToImmutableArray() ?? ImmutableArray<Diagnostic>.Empty, budget.IsExhausted);
    }

    // The entries of a mapping without merge keys, as Collect gives them: in order, a repeated key once (the parser
    // reported it), the alias budget visited the same way.
    private static ImmutableArray<YamlEffectiveEntry> WithoutMerges(YamlMappingNode mapping, YamlAliasBudget budget)
    {
        var entries = ImmutableArray.CreateBuilder<YamlEffectiveEntry>(mapping.Entries.Length);
        HashSet<string>? present = null;
        foreach (var entry in mapping.Entries)
        {
            if (!budget.TryVisit(entry.Key)) break;
            var name = KeyOf(entry.Key);
            if (name == null || !FirstTime(name)) continue;
            entries.Add(new YamlEffectiveEntry(name, entry.Key, entry.Value, mapping, isMerged: false));
        }
        return entries.Count == entries.Capacity ? entries.MoveToImmutable() : entries.ToImmutable();

        // A few keys are compared one by one; a set only for a long mapping.
        bool FirstTime(string name)
        {
            if (present != null) return present.Add(name);
            for (int i = 0; i < entries.Count; i++)
                if (entries[i].Key == name) return false;
            if (entries.Count >= 8) (present = new HashSet<string>(entries.Select(e => e.Key), StringComparer.Ordinal)).Add(name);
            return true;
        }
    }

    /// <summary>Merged mappings may merge others in turn; deeper chains than this are cut, so the recursion cannot overflow the stack.</summary>
    public const int MaxMergeDepth = 64;

    private static List<YamlEffectiveEntry> Collect(YamlMappingNode mapping, YamlAliasBudget budget, HashSet<YamlMappingNode> visiting, List<Diagnostic> diagnostics, int depth)
    {
        var result = new List<YamlEffectiveEntry>();
        if (depth > MaxMergeDepth)
        {
            diagnostics.Add(Create(mapping, "Merge keys nest more than " + MaxMergeDepth + " levels deep; the deeper ones are not applied."));
            return result;
        }
        if (!visiting.Add(mapping))
        {
            diagnostics.Add(Create(mapping, "Merge key cycle: a mapping is merged into itself."));
            return result;
        }

        var explicitKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (!entry.IsMergeKey && KeyOf(entry.Key) is { } key) explicitKeys.Add(key);
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (!budget.TryVisit(entry.Key)) break;
            if (entry.IsMergeKey)
            {
                foreach (var source in MergeSources(entry.Value, diagnostics))
                {
                    if (budget.IsExhausted) break;
                    foreach (var merged in Collect(source, budget, visiting, diagnostics, depth + 1))
                    {
                        if (explicitKeys.Contains(merged.Key) || !present.Add(merged.Key)) continue;
                        result.Add(new YamlEffectiveEntry(merged.Key, merged.KeyNode, merged.Value, merged.Source, isMerged: true));
                    }
                }
                continue;
            }

            var name = KeyOf(entry.Key);
            if (name == null || !present.Add(name)) continue; // complex key, or a duplicate the parser reported
            result.Add(new YamlEffectiveEntry(name, entry.Key, entry.Value, mapping, isMerged: false));
        }

        visiting.Remove(mapping);
        return result;
    }

    private static IEnumerable<YamlMappingNode> MergeSources(YamlNode value, List<Diagnostic> diagnostics)
    {
        switch (value.Resolve())
        {
            case YamlMappingNode single:
                yield return single;
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Items)
                {
                    if (item.Resolve() is YamlMappingNode source) yield return source;
                    else diagnostics.Add(Create(item, "A merge key list may hold only mappings or aliases of mappings."));
                }
                break;
            case null:
                break; // undefined alias: reported by the parser
            default:
                diagnostics.Add(Create(value, "The value of a merge key '<<' must be a mapping, an alias of one, or a list of them."));
                break;
        }
    }

    private static string? KeyOf(YamlNode key) => (key.Resolve() as YamlScalarNode)?.Value;

    private static Diagnostic Create(YamlNode node, string message)
        => PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, node.Tree.Path, node.Tree.Text, node.Span, message);
}
