using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// A value of the merged project model. Every node remembers the YAML node (and so the file and span) that wrote
/// it, so that a finding on a merged value lands in the file that set it.
/// </summary>
public abstract class ProjectNode
{
    private protected ProjectNode(YamlNode node)
    {
        Node = node;
        Tag = node.Tag;
    }

    /// <summary>The YAML node that wrote this value (for a merged mapping or list: the one of the first file that wrote it).</summary>
    public YamlNode Node { get; }

    /// <summary>The tag as written: <c>!reset</c> and <c>!override</c> steer merging.</summary>
    public string? Tag { get; }

    public YamlSyntaxTree Tree => Node.Tree;

    /// <summary>The file that wrote the value.</summary>
    public string Path => Node.Tree.Path;

    public virtual TextSpan Span => Node.Span;

    public Location GetLocation() => PlimsollDiagnostic.CreateLocation(Tree.Path, Tree.Text, Span);
}

/// <summary>
/// A scalar of the model: the raw text as written and the interpolated text with its <see cref="ValueOrigin"/>, so a
/// rule can tell an unknown value (unset variable) from an empty one.
/// </summary>
public sealed class ProjectScalar : ProjectNode
{
    internal ProjectScalar(YamlNode node, YamlNode? keyNode, string? raw, TextSpan span, InterpolatedValue? interpolated)
        : base(node)
    {
        KeyNode = keyNode;
        Raw = raw;
        this.span = span;
        Interpolated = interpolated;
    }

    private readonly TextSpan span;

    /// <summary>The key that holds the value in its file; null for a list item (or a part of one, such as <c>KEY=value</c>).</summary>
    public YamlNode? KeyNode { get; }

    /// <summary>The text as written (YAML quoting resolved, not interpolated); null for a YAML null.</summary>
    public string? Raw { get; }

    /// <summary>The interpolation result; null for a YAML null. When it has an error, <see cref="Text"/> is the raw text.</summary>
    public InterpolatedValue? Interpolated { get; }

    /// <summary>The value after interpolation; null for a YAML null.</summary>
    public string? Text => Raw == null ? null : Interpolated?.Text ?? Raw;

    public ValueOrigin Origin => Interpolated?.Origin ?? ValueOrigin.Literal;

    /// <summary>True when an unset variable without default contributed: the deployed value is unknowable here.</summary>
    public bool IsUnknown => Origin == ValueOrigin.Unknown;

    /// <summary>
    /// The value as deployed, when it can be known here: null for a YAML null, an unset variable, or an interpolation
    /// error (reported as PL9002 where it is written). What rules judge.
    /// </summary>
    public string? KnownText => Raw == null || IsUnknown || Interpolated?.HasError == true ? null : Text;

    /// <summary>Where the value is written (for a part of a list item such as <c>KEY=value</c>, just the part when it can be told).</summary>
    public override TextSpan Span => span;

    /// <summary>The interpolated value as a boolean, with the spellings compose accepts.</summary>
    public bool? AsBoolean() => Text switch
    {
        "1" or "t" or "T" or "true" or "True" or "TRUE" or "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
        "0" or "f" or "F" or "false" or "False" or "FALSE" or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
        _ => null,
    };

    public override string ToString() => Text ?? "null";
}

/// <summary>A key of a merged mapping and the node of the file that last wrote it.</summary>
public sealed class ProjectEntry
{
    internal ProjectEntry(string key, YamlNode keyNode, ProjectNode value)
    {
        Key = key;
        KeyNode = keyNode;
        Value = value;
    }

    public string Key { get; }

    /// <summary>The key as written (for an item of a list written as a mapping, such as <c>- KEY=value</c>, the item).</summary>
    public YamlNode KeyNode { get; }

    public ProjectNode Value { get; }

    public override string ToString() => Key + ": " + Value;
}

/// <summary>A merged mapping: keys in first-written order.</summary>
public sealed class ProjectMapping : ProjectNode
{
    internal ProjectMapping(YamlNode node, ImmutableArray<ProjectEntry> entries)
        : base(node)
    {
        Entries = entries;
    }

    public ImmutableArray<ProjectEntry> Entries { get; }

    public ProjectEntry? FindEntry(string key)
    {
        var entries = Entries;
        // A service's or a resource's keys are few: searched. A project's services may be thousands, each looked up
        // (extends, depends_on, merging an override): a table.
        if (entries.Length <= SearchedEntries || key == null)
        {
            foreach (var entry in entries)
            {
                if (entry.Key == key) return entry;
            }
            return null;
        }
        return FirstByKey.Find(ref _byKey, entries, static e => e.Key, key);
    }

    private const int SearchedEntries = 32;
    private Dictionary<string, ProjectEntry>? _byKey;

    public ProjectNode? this[string key] => FindEntry(key)?.Value;

    /// <summary>The value at <paramref name="key"/> when it is a scalar.</summary>
    public ProjectScalar? Scalar(string key) => this[key] as ProjectScalar;

    public override string ToString() => "{" + string.Join(", ", Entries.Select(e => e.Key)) + "}";
}

/// <summary>A merged list.</summary>
public sealed class ProjectSequence : ProjectNode
{
    internal ProjectSequence(YamlNode node, ImmutableArray<ProjectNode> items)
        : base(node)
    {
        Items = items;
    }

    public ImmutableArray<ProjectNode> Items { get; }

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
