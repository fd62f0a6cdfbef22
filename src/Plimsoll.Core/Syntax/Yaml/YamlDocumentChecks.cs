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

        // Post-order walk without following aliases: a node's expanded size is known once its children are done.
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
                stack.Push((node, true));
                if (node is YamlMappingNode mapping) CheckDuplicateKeys(mapping, Report);
                var children = node.ChildNodes().ToList();
                for (int i = children.Count - 1; i >= 0; i--) stack.Push((children[i], false));
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
                foreach (var child in node.ChildNodes())
                {
                    size = SaturatingAdd(size, expandedSize.TryGetValue(child, out var s) ? s : 1);
                }
            }
            expandedSize[node] = size;
        }
    }

    private static void CheckDuplicateKeys(YamlMappingNode mapping, Action<TextSpan, string> report)
    {
        if (mapping.Entries.Length < 2) return;
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlScalarNode key) continue;
            if (seen.TryGetValue(key.Value, out var first))
            {
                int line = first.LineSpan.Start.Line + 1;
                report(key.Span, "Duplicate key '" + key.Value + "' in a mapping (first defined on line " + line + ").");
            }
            else
            {
                seen.Add(key.Value, key);
            }
        }
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
