using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

public sealed class YamlMappingNode : YamlNode
{
    internal YamlMappingNode(YamlSyntaxTree tree, YamlDocument document, YamlNode? parent, TextSpan span, YamlCollectionStyle style)
        : base(tree, document, parent, span)
    {
        Style = style;
    }

    public override YamlNodeKind Kind => YamlNodeKind.Mapping;

    public YamlCollectionStyle Style { get; }

    /// <summary>The entries as written, in order, merge keys included and not applied.</summary>
    public ImmutableArray<YamlMappingEntry> Entries { get; internal set; } = ImmutableArray<YamlMappingEntry>.Empty;

    /// <summary>The first entry written with this scalar key (merge keys not applied), or null.</summary>
    public YamlMappingEntry? FindEntry(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.KeyText == key && !entry.IsMergeKey) return entry;
        }
        return null;
    }

    public bool HasMergeKeys
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.IsMergeKey) return true;
            }
            return false;
        }
    }

    public override IEnumerable<YamlNode> ChildNodes()
    {
        foreach (var entry in Entries)
        {
            yield return entry.Key;
            yield return entry.Value;
        }
    }

    internal override int ChildCount => Entries.Length * 2;

    internal override YamlNode ChildAt(int index) => index % 2 == 0 ? Entries[index / 2].Key : Entries[index / 2].Value;
}
