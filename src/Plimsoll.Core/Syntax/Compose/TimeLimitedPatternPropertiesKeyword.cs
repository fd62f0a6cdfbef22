#if NET
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Pointer;
using Json.Schema;
using Json.Schema.Keywords;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// JsonSchema.Net's <c>patternProperties</c> keyword with a time limit on each match (see
/// <see cref="TimeLimitedRegexKeyword"/>), and its annotation written without the library's serializer (see
/// <see cref="EvaluatedNamesAnnotation"/>): the Compose schema has 64 of these, nearly all <c>"^x-"</c> matching no member,
/// so each evaluation serialized an empty set. Each pattern is compiled once, with its limit, instead of once by the
/// library and again with the limit. The results are the library's, in its order: the same details and annotation; in
/// pass/fail mode the same short cut, verdict and annotation, without the details nothing reads there.
/// </summary>
internal sealed class TimeLimitedPatternPropertiesKeyword : PatternPropertiesKeyword
{
    private readonly TimeSpan _timeout;

    public TimeLimitedPatternPropertiesKeyword(TimeSpan timeout)
    {
        _timeout = timeout;
    }

    /// <summary>
    /// The library's checks (an object of schemas), then each pattern compiled with the time limit, and its evaluation
    /// path below this keyword, in the keyword's order: the subschemas are built in that order too, so a position
    /// indexes both (the library looked each pattern up by name, with a new string, on every evaluation).
    /// </summary>
    public override object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new JsonSchemaException($"'{Name}' value must be an object, found {value.ValueKind}");
        var patterns = new List<Pattern>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
                throw new JsonSchemaException("Values must be valid schemas");
            // As the library's dictionary of patterns did, a repeated pattern is refused.
            if (!names.Add(property.Name)) throw new ArgumentException("The pattern '" + property.Name + "' appears twice in " + Name + ".");
            patterns.Add(new Pattern(
                TimeLimitedRegexKeyword.Limited(property.Name, RegexOptions.Compiled | RegexOptions.ECMAScript, _timeout),
                JsonPointer.Create(Name, property.Name)));
        }
        return patterns.ToArray();
    }

    private sealed record Pattern(Regex Regex, JsonPointer EvaluationPath);

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.Object) return KeywordEvaluation.Ignore;
        var patterns = (Pattern[])keyword.Value!;
        var subschemas = keyword.Subschemas;
        // Pass/fail mode reads only the verdict and the names (additionalProperties reads those even then).
        var results = context.CanOptimize ? null : new List<EvaluationResults>();
        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (int i = 0; i < subschemas.Length; i++)
            {
                foreach (var member in context.Instance.EnumerateObject())
                {
                    if (!patterns[i].Regex.IsMatch(member.Name)) continue;
                    evaluated.Add(member.Name);
                    var result = subschemas[i].Evaluate(context with
                    {
                        InstanceLocation = context.InstanceLocation.Combine(member.Name),
                        Instance = member.Value,
                        EvaluationPath = context.EvaluationPath.Combine(patterns[i].EvaluationPath),
                    });
                    if (results == null && !result.IsValid) return new KeywordEvaluation { Keyword = Name, IsValid = false };
                    results?.Add(result);
                }
            }
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new SchemaPatternTimeoutException(e.Pattern, context.InstanceLocation.ToString(), e);
        }

        return new KeywordEvaluation
        {
            Keyword = Name,
            IsValid = results?.TrueForAll(r => r.IsValid) ?? true,
            Details = results?.ToArray() ?? [],
            Annotation = EvaluatedNamesAnnotation.Of(evaluated),
        };
    }
}
#endif
