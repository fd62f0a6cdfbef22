using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;

namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// Checks YAML itself requires but YamlDotNet's parser leaves to its loaders: unique keys, and aliases that
/// neither form a cycle nor expand past <see cref="YamlAliasBudget.DefaultLimit"/> nodes.
/// </summary>
internal static class YamlDocumentChecks
{
    public static void Check(YamlDocument document, List<Diagnostic> diagnostics)
    {
        var tree = document.Tree;
        void Report(TextSpan span, string message)
            => diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, tree.Path, tree.Text, span, message));

        // Post-order walk without following aliases: a node's expanded size is known once its children are done. A
        // document without aliases (most compose files) expands to itself: only its keys are checked, and no size is kept.
        bool sizes = document.HasAliases;
        var expandedSize = new Dictionary<YamlNode, long>();
        long aliasTotal = 0;
        bool excessReported = false;
        var stack = new Stack<(YamlNode Node, bool ChildrenDone)>();
        stack.Push((document.Root, false));
        while (stack.Count > 0)
        {
            var (node, childrenDone) = stack.Pop();
            if (!childrenDone)
            {
                if (sizes) stack.Push((node, true));
                if (node is YamlMappingNode mapping) CheckDuplicateKeys(mapping, Report);
                for (int i = node.ChildCount - 1; i >= 0; i--) stack.Push((node.ChildAt(i), false));
                continue;
            }

            long size;
            if (node is YamlAliasNode alias)
            {
                if (alias.Target == null)
                {
                    size = 1; // reported by the builder
                }
                else if (expandedSize.TryGetValue(alias.Target, out var targetSize))
                {
                    size = targetSize;
                }
                else
                {
                    size = 1;
                    Report(alias.Span, "Alias '*" + alias.Name + "' refers to a node that contains it (a recursive structure).");
                }
                aliasTotal = SaturatingAdd(aliasTotal, size);
                if (!excessReported && aliasTotal > YamlAliasBudget.DefaultLimit)
                {
                    excessReported = true;
                    Report(alias.Span, "Excessive aliasing: expanding the aliases of this document would produce more than "
                        + YamlAliasBudget.DefaultLimit + " nodes (a \"billion laughs\" pattern); aliases are not expanded.");
                }
            }
            else
            {
                size = 1;
                for (int i = 0; i < node.ChildCount; i++)
                    size = SaturatingAdd(size, expandedSize.TryGetValue(node.ChildAt(i), out var s) ? s : 1);
            }
            expandedSize[node] = size;
        }
    }

    // Small mappings (most of a compose file) are compared pairwise: a set per mapping costs more than it saves.
    private const int PairwiseKeyLimit = 8;

    private static void CheckDuplicateKeys(YamlMappingNode mapping, Action<TextSpan, string> report)
    {
        var entries = mapping.Entries;
        if (entries.Length < 2) return;
        if (entries.Length <= PairwiseKeyLimit)
        {
            for (int i = 1; i < entries.Length; i++)
            {
                if (entries[i].Key is not YamlScalarNode key) continue;
                for (int j = 0; j < i; j++)
                {
                    if (entries[j].Key is YamlScalarNode earlier && string.Equals(earlier.Value, key.Value, StringComparison.Ordinal))
                    {
                        ReportDuplicate(key, earlier, report);
                        break;
                    }
                }
            }
            return;
        }
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlScalarNode key) continue;
            if (seen.TryGetValue(key.Value, out var first))
            {
                ReportDuplicate(key, first, report);
            }
            else
            {
                seen.Add(key.Value, key);
            }
        }
    }

    private static void ReportDuplicate(YamlScalarNode key, YamlNode first, Action<TextSpan, string> report)
        => report(key.Span, "Duplicate key '" + key.Value + "' in a mapping (first defined on line " + (first.LineSpan.Start.Line + 1) + ").");

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
