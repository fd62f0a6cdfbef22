using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// Reads one file into the project model: merge keys applied, scalars interpolated, and the list forms of
/// <c>environment</c>, <c>labels</c>, service <c>networks</c> and the like turned into mappings so files can merge
/// whichever form they use. Aliases are followed within an alias budget and never around a cycle.
/// </summary>
internal sealed class ProjectReader
{
    private const int MaxDepth = 512;

    private readonly YamlSyntaxTree tree;
    private readonly ComposeInterpolator interpolator;
    private readonly List<Diagnostic> diagnostics;
    private readonly YamlAliasBudget budget = new();
    private readonly HashSet<YamlNode> onPath = new();
    private bool budgetReported;

    private ProjectReader(YamlSyntaxTree tree, ComposeInterpolator interpolator, List<Diagnostic> diagnostics)
    {
        this.tree = tree;
        this.interpolator = interpolator;
        this.diagnostics = diagnostics;
    }

    /// <summary>The file's root mapping in the model, or null when the first document is not a mapping.</summary>
    public static ProjectMapping? Read(YamlSyntaxTree tree, ComposeInterpolator interpolator, List<Diagnostic> diagnostics)
    {
        if (tree.Root?.Resolve() is not YamlMappingNode root) return null;
        var reader = new ProjectReader(tree, interpolator, diagnostics);
        if (ComposeFileFormat.IsLegacyV1(root))
        {
            // Version 1: services at the top level. Seen as a "services" mapping so merging and typing are uniform.
            var services = reader.ReadNode(root, "services", 0) as ProjectMapping;
            var entries = services == null ? ImmutableArray<ProjectEntry>.Empty
                : ImmutableArray.Create(new ProjectEntry("services", root, services));
            return new ProjectMapping(root, entries);
        }
        return reader.ReadNode(root, "", 0) as ProjectMapping;
    }

    /// <summary>The context of a child: names under the top-level sections become <c>*</c>, so rules are written once per key.</summary>
    internal static string Child(string context, string key)
    {
        if (context.Length == 0) return key;
        if (context is "services" or "networks" or "volumes" or "secrets" or "configs") return context + ".*";
        if (context.EndsWith(".networks", StringComparison.Ordinal) && context.StartsWith("services.", StringComparison.Ordinal)) return context + ".*";
        return context + "." + key;
    }

    private static bool IsKeyValueList(string context)
        => context is "services.*.environment" or "services.*.labels" or "services.*.build.args" or "services.*.build.labels"
            or "services.*.deploy.labels" or "services.*.sysctls" or "networks.*.labels" or "volumes.*.labels"
            or "secrets.*.labels" or "configs.*.labels";

    private static bool IsNameList(string context) => context is "services.*.networks" or "services.*.depends_on";

    private ProjectNode? ReadNode(YamlNode written, string context, int depth, YamlNode? key = null)
    {
        if (!Visit(written) || depth > MaxDepth) return null;
        var resolved = written.Resolve();
        if (resolved == null) return null; // undefined alias: the parser reported it
        if (!onPath.Add(resolved)) return null; // an alias inside its own target: reported by the parser
        try
        {
            switch (resolved)
            {
                case YamlMappingNode mapping:
                    return ReadMapping(written, mapping, context, depth);
                case YamlSequenceNode sequence:
                    if (IsKeyValueList(context)) return ReadKeyValueList(written, sequence);
                    if (IsNameList(context)) return ReadNameList(written, sequence);
                    var items = ImmutableArray.CreateBuilder<ProjectNode>(sequence.Items.Length);
                    foreach (var item in sequence.Items)
                    {
                        if (ReadNode(item, context + "[]", depth + 1) is { } value) items.Add(value);
                    }
                    return new ProjectSequence(written, items.ToImmutable());
                default:
                    return ReadScalar(new WrittenScalar(written, key));
            }
        }
        finally
        {
            onPath.Remove(resolved);
        }
    }

    private ProjectMapping ReadMapping(YamlNode written, YamlMappingNode mapping, string context, int depth)
    {
        var effective = YamlMerge.GetEffectiveEntries(mapping, budget);
        if (effective.BudgetExceeded) ReportBudget(mapping);
        var entries = ImmutableArray.CreateBuilder<ProjectEntry>(effective.Entries.Length);
        foreach (var entry in effective.Entries)
        {
            var value = ReadNode(entry.Value, Child(context, entry.Key), depth + 1, entry.KeyNode);
            if (value != null) entries.Add(new ProjectEntry(entry.Key, entry.KeyNode, value));
        }
        return new ProjectMapping(written, entries.ToImmutable());
    }

    /// <summary><c>- KEY=value</c> items (or <c>- KEY</c>, without value) as a mapping.</summary>
    private ProjectMapping ReadKeyValueList(YamlNode written, YamlSequenceNode sequence)
    {
        var entries = new List<ProjectEntry>();
        foreach (var item in sequence.Items)
        {
            if (!Visit(item)) break;
            var scalar = new WrittenScalar(item, null);
            var text = scalar.Value;
            if (text == null) continue;
            int equals = text.IndexOf('=');
            string key = equals < 0 ? text : text.Substring(0, equals);
            string? value = equals < 0 ? null : text.Substring(equals + 1);
            var span = value == null ? scalar.Span : scalar.SpanOf(equals + 1, value.Length);
            var node = new ProjectScalar(scalar.Node, null, value, span, value == null ? null : Interpolate(scalar, value, equals + 1));
            Put(entries, new ProjectEntry(key, item, node));
        }
        return new ProjectMapping(written, entries.ToImmutableArray());
    }

    /// <summary><c>- name</c> items as a mapping of names to null (the short form of <c>networks</c>, <c>depends_on</c>).</summary>
    private ProjectMapping ReadNameList(YamlNode written, YamlSequenceNode sequence)
    {
        var entries = new List<ProjectEntry>();
        foreach (var item in sequence.Items)
        {
            if (!Visit(item)) break;
            var scalar = new WrittenScalar(item, null);
            if (scalar.Value == null) continue;
            var name = Interpolate(scalar, scalar.Value, 0);
            Put(entries, new ProjectEntry(name.HasError ? scalar.Value : name.Text, item, new ProjectScalar(scalar.Node, null, null, scalar.Span, null)));
        }
        return new ProjectMapping(written, entries.ToImmutableArray());
    }

    private static void Put(List<ProjectEntry> entries, ProjectEntry entry)
    {
        int index = entries.FindIndex(e => e.Key == entry.Key);
        if (index >= 0) entries[index] = entry;
        else entries.Add(entry);
    }

    private ProjectScalar ReadScalar(WrittenScalar scalar)
    {
        var raw = scalar.Value;
        return new ProjectScalar(scalar.Node, scalar.Key, raw, scalar.Span, raw == null ? null : Interpolate(scalar, raw, 0));
    }

    private InterpolatedValue Interpolate(WrittenScalar scalar, string text, int offset)
    {
        var value = interpolator.Interpolate(text);
        if (value.HasError)
        {
            var at = value.ErrorSpan is { } e ? scalar.SpanOf(offset + e.Start, e.Length) : scalar.Span;
            diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, tree.Path, tree.Text, at,
                "Interpolation error in '" + text + "': " + value.Error));
        }
        return value;
    }

    /// <summary>The span of <paramref name="length"/> characters at <paramref name="start"/> of <paramref name="value"/>, the value <paramref name="node"/> writes.</summary>
    internal static Microsoft.CodeAnalysis.Text.TextSpan SpanOf(YamlNode node, string value, int start, int length)
        => new WrittenScalar(node, null).SpanOf(start, length);

    private bool Visit(YamlNode node)
    {
        if (budget.TryVisit()) return true;
        ReportBudget(node);
        return false;
    }

    private void ReportBudget(YamlNode node)
    {
        if (budgetReported) return;
        budgetReported = true;
        diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, tree.Path, tree.Text, node.Span,
            "Excessive aliasing or size: reading the project visited more than " + budget.Limit + " nodes; the rest of the file is not analysed."));
    }
}
