using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// Checks a Compose file against the Compose specification's JSON schema and reports PL9002 at the offending
/// key. Implements the part of JSON Schema (draft 7) that schema uses: type, enum, properties,
/// patternProperties, additionalProperties, required, items, uniqueItems, oneOf/anyOf, $ref to local
/// definitions, minimum/maximum and pattern. Merge keys are applied and aliases followed within a budget.
/// </summary>
public static class ComposeSchemaValidator
{
    /// <summary>Problems of the first document (the one Compose reads); empty when it matches the schema.</summary>
    public static ImmutableArray<Diagnostic> Validate(YamlSyntaxTree tree, ComposeSchema schema, YamlAliasBudget? budget = null)
    {
        if (tree == null) throw new ArgumentNullException(nameof(tree));
        if (schema == null) throw new ArgumentNullException(nameof(schema));
        var root = tree.Root;
        if (root == null) return ImmutableArray<Diagnostic>.Empty;

        var run = new Run(schema, budget ?? new YamlAliasBudget());
        var problems = new List<Problem>();
        if (root is YamlScalarNode { IsNull: true })
        {
            // An empty file: Compose says so itself; nothing for the schema to check.
            return ImmutableArray<Diagnostic>.Empty;
        }
        if (root is YamlMappingNode rootMapping && ComposeFileFormat.IsLegacyV1(rootMapping))
        {
            // Against today's schema every service would be an "unknown key"; one clear message instead.
            problems.Add(new Problem(rootMapping.Entries[0].Key.Span,
                "Legacy Compose file format (version 1): services are defined at the top level; Compose now reads them only under 'services:'."));
        }
        else
        {
            run.Check(schema.Root, root, "", root.Span, problems, 0);
        }
        if (run.Budget.IsExhausted)
        {
            problems.Add(new Problem(new TextSpan(root.Span.Start, 0), "Schema validation stopped after " + run.Budget.Limit + " nodes: the file's aliases expand too far."));
        }

        var seen = new HashSet<(int, int, string)>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var problem in problems.OrderBy(p => p.Span.Start))
        {
            if (!seen.Add((problem.Span.Start, problem.Span.Length, problem.Message))) continue; // same node reached through two aliases
            diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, tree.Path, tree.Text, problem.Span, problem.Message));
        }
        return diagnostics.ToImmutable();
    }

    private readonly struct Problem
    {
        public Problem(TextSpan span, string message)
        {
            Span = span;
            Message = message;
        }

        public TextSpan Span { get; }
        public string Message { get; }
    }

    private sealed class Run
    {
        private const int MaxSchemaDepth = 64;
        private readonly ComposeSchema schema;
        private readonly Dictionary<string, Regex?> regexes = new(StringComparer.Ordinal);

        public Run(ComposeSchema schema, YamlAliasBudget budget)
        {
            this.schema = schema;
            Budget = budget;
        }

        public YamlAliasBudget Budget { get; }

        /// <param name="at">Where to report a problem with this node itself: the key that holds it, or the item.</param>
        public void Check(JsonElement rule, YamlNode node, string path, TextSpan at, List<Problem> problems, int depth)
        {
            if (depth > MaxSchemaDepth || !Budget.TryVisit()) return;
            var resolved = node.Resolve();
            if (resolved == null) return; // undefined alias: the parser reported it
            if (resolved.Tag == "!reset" || node.Tag == "!reset") return; // Compose's "remove the inherited value"

            if (rule.ValueKind == JsonValueKind.False)
            {
                problems.Add(new Problem(at, Describe(path) + " is not allowed."));
                return;
            }
            if (rule.ValueKind != JsonValueKind.Object) return;

            if (rule.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                // Draft 7: a $ref replaces its siblings.
                if (schema.ResolveReference(reference.GetString()!) is { } target) Check(target, resolved, path, at, problems, depth + 1);
                return;
            }

            if (rule.TryGetProperty("type", out var type) && !TypeMatches(type, resolved))
            {
                problems.Add(new Problem(at, Describe(path) + " must be " + DescribeTypes(type) + ", not " + DescribeActual(resolved) + "."));
                return;
            }

            if (rule.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array && resolved is YamlScalarNode enumScalar)
            {
                bool ok = allowed.EnumerateArray().Any(a => EnumMatches(a, enumScalar));
                if (!ok)
                {
                    var names = string.Join(", ", allowed.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? "'" + a.GetString() + "'" : a.GetRawText()));
                    problems.Add(new Problem(at, Describe(path) + " must be one of " + names + ", not '" + enumScalar.Value + "'."));
                }
            }

            if (rule.TryGetProperty("oneOf", out var oneOf)) CheckAlternatives(oneOf, resolved, path, at, problems, depth);
            if (rule.TryGetProperty("anyOf", out var anyOf)) CheckAlternatives(anyOf, resolved, path, at, problems, depth);

            switch (resolved)
            {
                case YamlMappingNode mapping:
                    CheckObject(rule, mapping, path, at, problems, depth);
                    break;
                case YamlSequenceNode sequence:
                    CheckArray(rule, sequence, path, problems, depth);
                    break;
                case YamlScalarNode scalar:
                    CheckScalar(rule, scalar, path, at, problems);
                    break;
            }
        }

        private void CheckAlternatives(JsonElement alternatives, YamlNode node, string path, TextSpan at, List<Problem> problems, int depth)
        {
            if (alternatives.ValueKind != JsonValueKind.Array) return;
            var candidates = alternatives.EnumerateArray().Where(a => ShallowMatch(a, node, 0)).ToList();
            if (candidates.Count == 0)
            {
                var types = alternatives.EnumerateArray().SelectMany(a => TypesOf(a, 0)).Distinct().ToList();
                problems.Add(new Problem(at, Describe(path) + " must be " + JoinTypes(types) + ", not " + DescribeActual(node) + "."));
                return;
            }

            List<Problem>? best = null;
            foreach (var candidate in candidates)
            {
                var attempt = new List<Problem>();
                Check(candidate, node, path, at, attempt, depth + 1);
                if (attempt.Count == 0) return;
                if (best == null || attempt.Count < best.Count) best = attempt;
            }
            problems.AddRange(best!);
        }

        private void CheckObject(JsonElement rule, YamlMappingNode mapping, string path, TextSpan at, List<Problem> problems, int depth)
        {
            bool hasProperties = rule.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
            bool hasPatterns = rule.TryGetProperty("patternProperties", out var patterns) && patterns.ValueKind == JsonValueKind.Object;
            bool hasAdditional = rule.TryGetProperty("additionalProperties", out var additional);
            bool hasRequired = rule.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array;
            if (!hasProperties && !hasPatterns && !hasAdditional && !hasRequired) return;

            var effective = YamlMerge.GetEffectiveEntries(mapping, Budget);
            foreach (var entry in effective.Entries)
            {
                var childPath = path.Length == 0 ? entry.Key : path + "." + entry.Key;
                var keySpan = entry.KeyNode.Span;
                bool matched = false;
                if (hasProperties && properties.TryGetProperty(entry.Key, out var propertyRule))
                {
                    matched = true;
                    Check(propertyRule, entry.Value, childPath, keySpan, problems, depth + 1);
                }
                if (hasPatterns)
                {
                    foreach (var pattern in patterns.EnumerateObject())
                    {
                        if (RegexFor(pattern.Name)?.IsMatch(entry.Key) != true) continue;
                        matched = true;
                        Check(pattern.Value, entry.Value, childPath, keySpan, problems, depth + 1);
                    }
                }
                if (matched || !hasAdditional) continue;
                if (additional.ValueKind == JsonValueKind.False)
                {
                    var where = path.Length == 0 ? "at the top level" : "in " + path;
                    problems.Add(new Problem(keySpan, "Unknown key '" + entry.Key + "' " + where + "."));
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, entry.Value, childPath, keySpan, problems, depth + 1);
                }
            }

            if (hasRequired)
            {
                foreach (var name in required.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String && effective[name.GetString()!] == null)
                    {
                        problems.Add(new Problem(at, Describe(path) + " must have the key '" + name.GetString() + "'."));
                    }
                }
            }
        }

        private void CheckArray(JsonElement rule, YamlSequenceNode sequence, string path, List<Problem> problems, int depth)
        {
            if (rule.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
            {
                for (int i = 0; i < sequence.Items.Length; i++)
                {
                    var item = sequence.Items[i];
                    Check(items, item, path + "[" + i + "]", item.Span, problems, depth + 1);
                }
            }
            if (rule.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
            {
                var seen = new HashSet<(YamlScalarType, string)>();
                foreach (var item in sequence.Items)
                {
                    if (item.Resolve() is not YamlScalarNode scalar) continue;
                    if (!seen.Add((YamlScalarTypes.Of(scalar), scalar.Value)))
                    {
                        problems.Add(new Problem(item.Span, Describe(path) + " lists '" + scalar.Value + "' more than once."));
                    }
                }
            }
        }

        private void CheckScalar(JsonElement rule, YamlScalarNode scalar, string path, TextSpan at, List<Problem> problems)
        {
            if (YamlScalarTypes.NumberOf(scalar) is { } number)
            {
                if (rule.TryGetProperty("minimum", out var minimum) && minimum.ValueKind == JsonValueKind.Number && number < minimum.GetDouble())
                    problems.Add(new Problem(at, Describe(path) + " must be at least " + minimum.GetRawText() + "."));
                if (rule.TryGetProperty("maximum", out var maximum) && maximum.ValueKind == JsonValueKind.Number && number > maximum.GetDouble())
                    problems.Add(new Problem(at, Describe(path) + " must be at most " + maximum.GetRawText() + "."));
            }
            if (YamlScalarTypes.Of(scalar) == YamlScalarType.String
                && rule.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String
                && RegexFor(pattern.GetString()!) is { } regex && !regex.IsMatch(scalar.Value))
            {
                problems.Add(new Problem(at, Describe(path) + " does not match the pattern " + pattern.GetString() + "."));
            }
        }

        /// <summary>Could this alternative apply to the node at all? (Its type, following $ref.)</summary>
        private bool ShallowMatch(JsonElement rule, YamlNode node, int depth)
        {
            if (depth > MaxSchemaDepth || rule.ValueKind != JsonValueKind.Object) return rule.ValueKind != JsonValueKind.False;
            if (rule.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
                return schema.ResolveReference(reference.GetString()!) is not { } target || ShallowMatch(target, node, depth + 1);
            if (rule.TryGetProperty("type", out var type)) return TypeMatches(type, node);
            foreach (var keyword in new[] { "oneOf", "anyOf" })
            {
                if (rule.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
                    return list.EnumerateArray().Any(a => ShallowMatch(a, node, depth + 1));
            }
            return true;
        }

        private IEnumerable<string> TypesOf(JsonElement rule, int depth)
        {
            if (depth > MaxSchemaDepth || rule.ValueKind != JsonValueKind.Object) yield break;
            if (rule.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                if (schema.ResolveReference(reference.GetString()!) is { } target)
                    foreach (var t in TypesOf(target, depth + 1)) yield return t;
                yield break;
            }
            if (rule.TryGetProperty("type", out var type))
            {
                foreach (var t in TypeNames(type)) yield return t;
                yield break;
            }
            foreach (var keyword in new[] { "oneOf", "anyOf" })
            {
                if (rule.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
                    foreach (var alternative in list.EnumerateArray())
                        foreach (var t in TypesOf(alternative, depth + 1)) yield return t;
            }
        }

        private Regex? RegexFor(string pattern)
        {
            if (regexes.TryGetValue(pattern, out var regex)) return regex;
            try
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                regex = null;
            }
            regexes[pattern] = regex;
            return regex;
        }
    }

    private static IEnumerable<string> TypeNames(JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.String) return new[] { type.GetString()! };
        if (type.ValueKind == JsonValueKind.Array) return type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
        return Array.Empty<string>();
    }

    private static bool TypeMatches(JsonElement type, YamlNode node)
    {
        foreach (var name in TypeNames(type))
        {
            if (TypeMatches(name, node)) return true;
        }
        return false;
    }

    private static bool TypeMatches(string type, YamlNode node) => node switch
    {
        YamlMappingNode => type == "object",
        YamlSequenceNode => type == "array",
        YamlScalarNode scalar => YamlScalarTypes.Of(scalar) switch
        {
            YamlScalarType.Null => type == "null",
            YamlScalarType.Boolean => type == "boolean",
            YamlScalarType.Integer => type is "integer" or "number",
            YamlScalarType.Number => type == "number",
            _ => type == "string",
        },
        _ => false,
    };

    private static bool EnumMatches(JsonElement allowed, YamlScalarNode scalar) => allowed.ValueKind switch
    {
        JsonValueKind.String => allowed.GetString() == scalar.Value,
        JsonValueKind.Null => YamlScalarTypes.Of(scalar) == YamlScalarType.Null,
        JsonValueKind.True => YamlScalarTypes.Of(scalar) == YamlScalarType.Boolean && scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase),
        JsonValueKind.False => YamlScalarTypes.Of(scalar) == YamlScalarType.Boolean && scalar.Value.Equals("false", StringComparison.OrdinalIgnoreCase),
        JsonValueKind.Number => YamlScalarTypes.NumberOf(scalar) is { } n && allowed.TryGetDouble(out var d) && n == d,
        _ => false,
    };

    private static string Describe(string path) => path.Length == 0 ? "The file" : "'" + path + "'";

    private static string DescribeTypes(JsonElement type) => JoinTypes(TypeNames(type).ToList());

    private static string JoinTypes(IList<string> types)
    {
        var names = types.Select(t => t switch
        {
            "object" => "a mapping",
            "array" => "a list",
            "string" => "a string",
            "number" => "a number",
            "integer" => "an integer",
            "boolean" => "a boolean",
            "null" => "null",
            _ => t,
        }).Distinct().ToList();
        if (names.Count == 0) return "something else";
        if (names.Count == 1) return names[0];
        return string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];
    }

    private static string DescribeActual(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => YamlScalarTypes.Of(scalar) switch
        {
            YamlScalarType.Null => "null",
            YamlScalarType.Boolean => "a boolean",
            YamlScalarType.Integer => "an integer",
            YamlScalarType.Number => "a number",
            _ => "a string",
        },
        _ => "an alias",
    };
}
