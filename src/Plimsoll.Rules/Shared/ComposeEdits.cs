using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Shared;

/// <summary>
/// Edits that add a setting to a compose service as it is written: a new <c>key: value</c> line in the service's
/// block mapping, or a new item in a list. Each returns null when the text is laid out in a way it does not handle
/// (flow mappings, aliases, keys that do not start their line), so a rule offers no fix rather than a wrong one.
/// </summary>
internal static class ComposeEdits
{
    /// <summary>The service's mapping as this file writes it (not an alias, not a merged value), or null.</summary>
    public static YamlMappingNode? WrittenServiceMapping(ProjectService service)
    {
        if (service.KeyNode.Parent is not YamlMappingNode services) return null;
        var entry = EntryOf(services, service.KeyNode);
        return entry?.Value is YamlMappingNode { Style: YamlCollectionStyle.Block } mapping && mapping.Entries.Length > 0 ? mapping : null;
    }

    // The entry whose key is `key`: entries are in text order, so searched by position (asked for every service a fix
    // is made for: a walk would make a file of thousands of services quadratic), then by a walk should that miss.
    private static YamlMappingEntry? EntryOf(YamlMappingNode mapping, YamlNode key)
    {
        var entries = mapping.Entries;
        int low = 0, high = entries.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) >> 1;
            int start = entries[middle].Key.Span.Start;
            if (start == key.Span.Start && ReferenceEquals(entries[middle].Key, key)) return entries[middle];
            if (start < key.Span.Start) low = middle + 1;
            else high = middle - 1;
        }
        foreach (var entry in entries)
            if (ReferenceEquals(entry.Key, key)) return entry;
        return null;
    }

    /// <summary>
    /// Adds the line <paramref name="entry"/> (such as <c>read_only: true</c>) to the service's mapping: after its first
    /// entry when that is a one-line <c>key: value</c> (usually <c>image:</c>), else before it, at the keys' indentation.
    /// </summary>
    public static CodeFix? AddServiceEntry(ProjectService service, string entry, string title)
        => WrittenServiceMapping(service) is { } mapping ? AddEntry(mapping, entry, title) : null;

    /// <summary>Adds the line <paramref name="entry"/> to a block mapping of the project written in its file (a long-syntax port, say).</summary>
    public static CodeFix? AddMappingEntry(ProjectMapping mapping, string entry, string title)
        => mapping.Node is YamlMappingNode { Style: YamlCollectionStyle.Block } node && node.Entries.Length > 0 ? AddEntry(node, entry, title) : null;

    private static CodeFix? AddEntry(YamlMappingNode mapping, string entry, string title)
    {
        var text = mapping.Tree.Text;
        var first = mapping.Entries[0];
        var keyLine = text.Lines.GetLineFromPosition(first.Key.Span.Start);
        string prefix = text.ToString(TextSpan.FromBounds(keyLine.Start, first.Key.Span.Start));
        // "  - target: 80": the first key follows a list dash; the other keys line up under it.
        bool afterDash = prefix.Trim() == "-" || prefix.TrimEnd().EndsWith(" -", StringComparison.Ordinal) && prefix.Replace("-", "").Trim().Length == 0;
        if (prefix.Any(c => c != ' ') && !afterDash) return null;
        string indent = new(' ', prefix.Length);
        string newline = NewLineOf(text, keyLine);
        bool oneLine = first.Value is YamlScalarNode && first.Value.Span.End <= keyLine.End && !first.IsMergeKey;
        if (oneLine)
        {
            if (keyLine.EndIncludingLineBreak == keyLine.End)
                return new CodeFix(title, new TextChange(new TextSpan(keyLine.End, 0), newline + indent + entry));
            return new CodeFix(title, new TextChange(new TextSpan(keyLine.EndIncludingLineBreak, 0), indent + entry + newline));
        }
        if (afterDash) return null;
        return new CodeFix(title, new TextChange(new TextSpan(keyLine.Start, 0), indent + entry + newline));
    }

    /// <summary>
    /// Adds <paramref name="item"/> as the first item of a list written in this file: a new <c>- item</c> line for a
    /// block list, <c>[item, …]</c> for a flow list.
    /// </summary>
    public static CodeFix? AddListItem(ProjectNode list, string item, string title)
    {
        if (list.Node is not YamlSequenceNode sequence) return null;
        var text = sequence.Tree.Text;
        if (sequence.Style == YamlCollectionStyle.Flow)
        {
            int open = sequence.Span.Start;
            if (open >= text.Length || text[open] != '[') return null;
            string after = sequence.Items.Length == 0 ? item : item + ", ";
            return new CodeFix(title, new TextChange(new TextSpan(open + 1, 0), after));
        }
        if (sequence.Items.Length == 0) return null;
        var firstItem = sequence.Items[0];
        var line = text.Lines.GetLineFromPosition(firstItem.Span.Start);
        int dash = firstItem.Span.Start - 1;
        while (dash > line.Start && (text[dash] == ' ' || text[dash] == '\t')) dash--;
        if (text[dash] != '-') return null;
        string indent = text.ToString(TextSpan.FromBounds(line.Start, dash));
        if (indent.Any(c => c != ' ')) return null;
        return new CodeFix(title, new TextChange(new TextSpan(line.Start, 0), indent + "- " + item + NewLineOf(text, line)));
    }

    private static string NewLineOf(SourceText text, TextLine line)
    {
        string breakText = text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
        if (breakText.Length > 0) return breakText;
        // The last line has no break: use the file's first.
        foreach (var other in text.Lines)
        {
            if (other.EndIncludingLineBreak > other.End) return text.ToString(TextSpan.FromBounds(other.End, other.EndIncludingLineBreak));
        }
        return "\n";
    }

    /// <summary>
    /// Removes one item of a list as written: its line in a block list, the item and a comma in a flow list. When it is
    /// the list's only item, or when <paramref name="removedTogether"/> (the items other findings remove) is the whole
    /// list, the <c>key:</c> entry goes, so no empty key is left behind; those findings then offer one and the same edit.
    /// </summary>
    public static CodeFix? RemoveListItem(ProjectScalar item, IReadOnlyCollection<ProjectScalar> removedTogether, string title)
    {
        if (item.Node is not YamlScalarNode node || node.Parent is not YamlSequenceNode list) return null;
        var text = node.Tree.Text;
        if (list.Items.All(i => ReferenceEquals(i, node) || removedTogether.Any(r => ReferenceEquals(r.Node, i))))
            return list.Parent is YamlMappingNode owner && owner.Entries.FirstOrDefault(e => ReferenceEquals(e.Value, list)) is { } entry
                ? RemoveLines(text, entry.Key.Span.Start, list.Span.End, title)
                : null;
        if (list.Style == YamlCollectionStyle.Flow)
        {
            int index = list.Items.IndexOf(node);
            var span = index < list.Items.Length - 1
                ? TextSpan.FromBounds(node.Span.Start, list.Items[index + 1].Span.Start)
                : TextSpan.FromBounds(list.Items[index - 1].Span.End, node.Span.End);
            return new CodeFix(title, new TextChange(span, ""));
        }
        int dash = node.Span.Start - 1;
        var line = text.Lines.GetLineFromPosition(node.Span.Start);
        while (dash > line.Start && text[dash] == ' ') dash--;
        if (text[dash] != '-') return null;
        return RemoveLines(text, dash, node.Span.End, title);
    }

    /// <summary>Deletes the whole lines from <paramref name="start"/> to <paramref name="end"/> when nothing else shares them (a trailing comment may).</summary>
    private static CodeFix? RemoveLines(SourceText text, int start, int end, string title)
    {
        var first = text.Lines.GetLineFromPosition(start);
        var last = text.Lines.GetLineFromPosition(end);
        if (text.ToString(TextSpan.FromBounds(first.Start, start)).Trim().Length != 0) return null;
        string tail = text.ToString(TextSpan.FromBounds(end, last.End)).Trim();
        if (tail.Length > 0 && !tail.StartsWith("#", StringComparison.Ordinal)) return null;
        return new CodeFix(title, new TextChange(TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak), ""));
    }
}
