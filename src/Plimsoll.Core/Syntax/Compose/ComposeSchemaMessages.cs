#if NET
using System.Globalization;
using System.Text.Json;
using Json.Schema;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// Turns JsonSchema.Net's hierarchical results into one clear sentence per problem, at the key that holds the value:
/// "Unknown key 'imag' in services.web.", "'services.web.privileged' must be a boolean or a string, not a list.".
/// Of a failed <c>oneOf</c>/<c>anyOf</c>, only the alternative of the value's type is reported (the one with the
/// fewest problems when several are); when none has its type, the allowed types are listed.
/// </summary>
internal sealed class ComposeSchemaMessages
{
    private readonly ComposeSchema _schema;
    private readonly ComposeSchemaInstance _instance;
    private readonly List<(TextSpan Span, string Message)> _problems;

    public ComposeSchemaMessages(ComposeSchema schema, ComposeSchemaInstance instance, List<(TextSpan, string)> problems)
    {
        _schema = schema;
        _instance = instance;
        _problems = problems;
    }

    public void Collect(EvaluationResults results) => Collect(results, _problems);

    private void Collect(EvaluationResults results, List<(TextSpan, string)> problems)
    {
        if (results.IsValid) return;
        string pointer = results.InstanceLocation.ToString();
        if (results.Errors != null)
        {
            foreach (var error in results.Errors) Describe(results, pointer, error.Key, error.Value, problems);
        }
        if (results.Details == null) return;
        foreach (var group in results.Details.GroupBy(d => AlternativeKeyword(results, d)))
        {
            if (group.Key == null)
            {
                foreach (var detail in group) Collect(detail, problems);
            }
            else
            {
                CollectAlternatives(group.ToList(), pointer, problems);
            }
        }
    }

    private void CollectAlternatives(List<EvaluationResults> alternatives, string pointer, List<(TextSpan, string)> problems)
    {
        if (alternatives.Any(a => a.IsValid)) return; // oneOf matched more than once: not a mistake worth a message
        var candidates = alternatives.Where(a => !FailsOnType(a)).ToList();
        if (candidates.Count == 0)
        {
            var types = alternatives.SelectMany(ExpectedTypes).Distinct().ToList();
            problems.Add((_instance.SpanOf(pointer), $"{Describe(pointer)} must be {JoinTypes(types)}, not {DescribeActual(pointer)}."));
            return;
        }
        List<(TextSpan, string)>? best = null;
        foreach (var candidate in candidates)
        {
            var attempt = new List<(TextSpan, string)>();
            Collect(candidate, attempt);
            if (best == null || attempt.Count < best.Count) best = attempt;
        }
        problems.AddRange(best!);
    }

    private void Describe(EvaluationResults results, string pointer, string keyword, string message, List<(TextSpan, string)> problems)
    {
        var at = _instance.SpanOf(pointer);
        var rule = RuleOf(results);
        switch (keyword)
        {
            case "type":
                problems.Add((at, $"{Describe(pointer)} must be {JoinTypes(TypeNames(rule?.GetPropertyOrNull("type")))}, not {DescribeActual(pointer)}."));
                return;
            case "enum" when rule?.GetPropertyOrNull("enum") is { ValueKind: JsonValueKind.Array } allowed:
                var names = string.Join(", ", allowed.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? "'" + a.GetString() + "'" : a.GetRawText()));
                problems.Add((at, $"{Describe(pointer)} must be one of {names}, not {DescribeValue(pointer)}."));
                return;
            case "required" when rule?.GetPropertyOrNull("required") is { ValueKind: JsonValueKind.Array } required:
                var value = _instance.ValueAt(pointer);
                foreach (var name in required.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!))
                {
                    if (value is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out _)) continue;
                    problems.Add((at, $"{Describe(pointer)} must have the key '{name}'."));
                }
                return;
            case "pattern":
                problems.Add((at, $"{Describe(pointer)} does not match the pattern {rule?.GetPropertyOrNull("pattern")?.GetString()}."));
                return;
            case "minimum":
                problems.Add((at, $"{Describe(pointer)} must be at least {rule?.GetPropertyOrNull("minimum")?.GetRawText()}."));
                return;
            case "maximum":
                problems.Add((at, $"{Describe(pointer)} must be at most {rule?.GetPropertyOrNull("maximum")?.GetRawText()}."));
                return;
            case "uniqueItems" when _instance.ValueAt(pointer) is { ValueKind: JsonValueKind.Array } list:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                int index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    string itemPointer = pointer + "/" + index++.ToString(CultureInfo.InvariantCulture);
                    if (!seen.Add(item.GetRawText()))
                        problems.Add((_instance.SpanOf(itemPointer), $"{Describe(pointer)} lists {DescribeValue(itemPointer)} more than once."));
                }
                return;
            case "" when results.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal):
                // The false schema of additionalProperties, evaluated at the unknown key.
                int slash = pointer.LastIndexOf('/');
                string parent = pointer.Substring(0, Math.Max(0, slash));
                string key = Unescape(pointer.Substring(slash + 1));
                problems.Add((at, $"Unknown key '{key}' {(parent.Length == 0 ? "at the top level" : "in " + DisplayPath(_instance, parent))}."));
                return;
            case "":
                problems.Add((at, $"{Describe(pointer)} is not allowed."));
                return;
            default:
                problems.Add((at, $"{Describe(pointer)}: {message}"));
                return;
        }
    }

    // "oneOf" or "anyOf" when the detail is one of the results's alternatives (…/oneOf/2), null otherwise.
    private static string? AlternativeKeyword(EvaluationResults parent, EvaluationResults detail)
    {
        string path = detail.EvaluationPath.ToString();
        string prefix = parent.EvaluationPath.ToString();
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = path.Substring(prefix.Length).Split('/');
        return rest.Length == 3 && (rest[1] == "oneOf" || rest[1] == "anyOf") ? rest[1] : null;
    }

    // Would this alternative apply to the value at all? Not when its type (through $ref and nested alternatives) fails.
    private static bool FailsOnType(EvaluationResults alternative)
    {
        if (alternative.IsValid) return false;
        if (alternative.Errors?.ContainsKey("type") == true) return true;
        if (alternative.Details == null) return false;
        foreach (var detail in alternative.Details)
        {
            if (detail.EvaluationPath.ToString().EndsWith("/$ref", StringComparison.Ordinal) && FailsOnType(detail)) return true;
        }
        var nested = alternative.Details.Where(d => AlternativeKeyword(alternative, d) != null).ToList();
        return nested.Count > 0 && nested.All(FailsOnType);
    }

    private IEnumerable<string> ExpectedTypes(EvaluationResults alternative)
    {
        if (alternative.Errors?.ContainsKey("type") == true) return TypeNames(RuleOf(alternative)?.GetPropertyOrNull("type"));
        if (alternative.Details == null) return Array.Empty<string>();
        return alternative.Details
            .Where(d => d.EvaluationPath.ToString().EndsWith("/$ref", StringComparison.Ordinal) || AlternativeKeyword(alternative, d) != null)
            .SelectMany(ExpectedTypes);
    }

    // The subschema that produced a result: the evaluation path below the nearest $ref (or the root), resolved from
    // where that $ref led. (JsonSchema.Net's own SchemaLocation of a nested result is not always a valid pointer.)
    private JsonElement? RuleOf(EvaluationResults results)
    {
        var anchor = results;
        while (anchor.Parent != null && !anchor.EvaluationPath.ToString().EndsWith("/$ref", StringComparison.Ordinal)) anchor = anchor.Parent;
        string fragment = Uri.UnescapeDataString(anchor.SchemaLocation.Fragment.TrimStart('#'));
        string below = results.EvaluationPath.ToString().Substring(anchor.EvaluationPath.ToString().Length);
        return _schema.Resolve(fragment + below);
    }

    private string Describe(string pointer) => pointer.Length == 0 ? "The file" : "'" + DisplayPath(_instance, pointer) + "'";

    /// <summary>A JSON pointer as people write paths in compose files: <c>services.web.ports[0]</c>.</summary>
    internal static string DisplayPath(ComposeSchemaInstance instance, string pointer)
    {
        var display = new System.Text.StringBuilder();
        string sofar = "";
        foreach (var part in pointer.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            bool inList = instance.ValueAt(sofar) is { ValueKind: JsonValueKind.Array };
            sofar += "/" + part;
            if (inList) display.Append('[').Append(part).Append(']');
            else display.Append(display.Length == 0 ? "" : ".").Append(Unescape(part));
        }
        return display.ToString();
    }

    private static string Unescape(string part) => part.Replace("~1", "/").Replace("~0", "~");

    private string DescribeValue(string pointer) => _instance.ValueAt(pointer) is { } value
        ? value.ValueKind == JsonValueKind.String ? "'" + value.GetString() + "'" : value.GetRawText()
        : "it";

    private string DescribeActual(string pointer) => _instance.ValueAt(pointer)?.ValueKind switch
    {
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number when _instance.ValueAt(pointer)!.Value.TryGetInt64(out _) => "an integer",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "something else",
    };

    private static IEnumerable<string> TypeNames(JsonElement? type) => type?.ValueKind switch
    {
        JsonValueKind.String => new[] { type.Value.GetString()! },
        JsonValueKind.Array => type.Value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
        _ => Array.Empty<string>(),
    };

    private static string JoinTypes(IEnumerable<string> types)
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
}

internal static class JsonElementLookup
{
    public static JsonElement? GetPropertyOrNull(this JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
#endif
