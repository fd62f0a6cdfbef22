using System.Collections.Immutable;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// The Compose merge rules (compose spec, "Merge"): mappings merge key by key; lists append (without repeating an
/// item); <c>command</c>, <c>entrypoint</c> and <c>healthcheck.test</c> are replaced; <c>volumes</c>, <c>secrets</c>
/// and <c>configs</c> of a service merge by target (secrets and configs by source for stacks, as docker stack does); <c>!reset</c> removes a value and <c>!override</c> replaces it.
/// </summary>
internal static class ProjectMerger
{
    public const string ResetTag = "!reset";
    public const string OverrideTag = "!override";

    /// <summary>
    /// <paramref name="over"/> applied on <paramref name="base"/> at <paramref name="context"/> (such as
    /// <c>services.*.ports</c>); null when the result is removed.
    /// </summary>
    public static ProjectNode? Merge(ProjectNode? @base, ProjectNode over, string context, bool stack = false)
    {
        if (over.Tag == ResetTag) return null;
        if (over.Tag == OverrideTag || @base == null) return Clean(over);
        switch (@base, over)
        {
            case (ProjectMapping b, ProjectMapping o):
                return MergeMappings(b, o, context, stack);
            case (ProjectSequence b, ProjectSequence o):
                return MergeSequences(b, o, context, stack);
            default:
                return Clean(over);
        }
    }

    private static ProjectMapping MergeMappings(ProjectMapping b, ProjectMapping o, string context, bool stack)
    {
        var entries = new List<ProjectEntry>(b.Entries.Length + o.Entries.Length);
        foreach (var entry in b.Entries)
        {
            var overEntry = o.FindEntry(entry.Key);
            if (overEntry == null)
            {
                entries.Add(entry);
                continue;
            }
            var merged = Merge(entry.Value, overEntry.Value, ProjectReader.Child(context, entry.Key), stack);
            if (merged != null) entries.Add(new ProjectEntry(entry.Key, merged is ProjectScalar && merged != entry.Value ? overEntry.KeyNode : entry.KeyNode, merged));
        }
        foreach (var entry in o.Entries)
        {
            if (b.FindEntry(entry.Key) != null) continue;
            if (Merge(null, entry.Value, ProjectReader.Child(context, entry.Key)) is { } value) entries.Add(new ProjectEntry(entry.Key, entry.KeyNode, value));
        }
        return new ProjectMapping(b.Node, entries.ToImmutableArray());
    }

    private static ProjectNode MergeSequences(ProjectSequence b, ProjectSequence o, string context, bool stack)
    {
        if (context is "services.*.command" or "services.*.entrypoint" or "services.*.healthcheck.test") return o;

        Func<ProjectNode, string?> identity = context switch
        {
            "services.*.volumes" => VolumeTarget,
            // docker stack (docker/cli) keys them by source; the compose spec by target.
            "services.*.secrets" or "services.*.configs" => stack ? ReferenceSource : ReferenceTarget,
            _ => Whole,
        };
        var items = new List<ProjectNode>(b.Items.Length + o.Items.Length);
        items.AddRange(b.Items);
        foreach (var item in o.Items)
        {
            if (item.Tag == ResetTag) continue;
            var id = identity(item);
            int index = id == null ? -1 : items.FindIndex(existing => identity(existing) == id);
            if (index >= 0) items[index] = item;
            else items.Add(item);
        }
        return new ProjectSequence(b.Node, items.ToImmutableArray());
    }

    /// <summary>Drops <c>!reset</c> values nested in a value that has nothing to merge with.</summary>
    private static ProjectNode Clean(ProjectNode node)
    {
        switch (node)
        {
            case ProjectMapping m when m.Entries.Any(e => e.Value.Tag == ResetTag):
                return new ProjectMapping(m.Node, m.Entries.Where(e => e.Value.Tag != ResetTag).ToImmutableArray());
            case ProjectSequence s when s.Items.Any(i => i.Tag == ResetTag):
                return new ProjectSequence(s.Node, s.Items.Where(i => i.Tag != ResetTag).ToImmutableArray());
            default:
                return node;
        }
    }

    private static string? Whole(ProjectNode node) => node is ProjectScalar s ? s.Text : null;

    /// <summary>The container path of a volume: long form <c>target</c>, or the second part of <c>source:target[:mode]</c>.</summary>
    internal static string? VolumeTarget(ProjectNode node)
    {
        if (node is ProjectMapping m) return m.Scalar("target")?.Text;
        if (node is not ProjectScalar { Text: { } text }) return null;
        var parts = ProjectServiceVolume.SplitVolume(text);
        if (parts.Count == 1) return text;
        return parts.Count >= 2 ? text.Substring(parts[1].Start, parts[1].Length) : null;
    }

    private static string? ReferenceSource(ProjectNode node)
        => node is ProjectMapping m ? m.Scalar("source")?.Text : (node as ProjectScalar)?.Text;

    /// <summary>Where a secret or config is mounted: <c>target</c>, or else its source name.</summary>
    private static string? ReferenceTarget(ProjectNode node)
    {
        if (node is ProjectMapping m) return m.Scalar("target")?.Text ?? m.Scalar("source")?.Text;
        return (node as ProjectScalar)?.Text;
    }
}
