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
/// library and again with the limit. The results are the library's, in its order: the same details, the same short cut in
/// pass/fail mode, the same annotation.
/// </summary>
internal sealed class TimeLimitedPatternPropertiesKeyword : PatternPropertiesKeyword
{
    private readonly TimeSpan _timeout;

    public TimeLimitedPatternPropertiesKeyword(TimeSpan timeout)
    {
        _timeout = timeout;
    }

    /// <summary>The library's checks (an object of schemas), then each pattern compiled with the time limit.</summary>
    public override object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new JsonSchemaException($"'{Name}' value must be an object, found {value.ValueKind}");
        var byPattern = new Dictionary<string, Regex>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
                throw new JsonSchemaException("Values must be valid schemas");
            byPattern.Add(property.Name, TimeLimitedRegexKeyword.Limited(property.Name, RegexOptions.Compiled | RegexOptions.ECMAScript, _timeout));
        }
        return byPattern;
    }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.Object) return KeywordEvaluation.Ignore;
        var byPattern = (Dictionary<string, Regex>)keyword.Value!;
        var results = new List<EvaluationResults>();
        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var subschema in keyword.Subschemas)
            {
                string pattern = subschema.RelativePath[subschema.RelativePath.SegmentCount - 1].ToString();
                var regex = byPattern[pattern];
                JsonPointer? evaluationPath = null;
                foreach (var member in context.Instance.EnumerateObject())
                {
                    if (!regex.IsMatch(member.Name)) continue;
                    evaluated.Add(member.Name);
                    evaluationPath ??= context.EvaluationPath.Combine(Name, pattern);
                    var result = subschema.Evaluate(context with
                    {
                        InstanceLocation = context.InstanceLocation.Combine(member.Name),
                        Instance = member.Value,
                        EvaluationPath = evaluationPath.Value,
                    });
                    results.Add(result);
                    if (context.CanOptimize && !result.IsValid) return new KeywordEvaluation { Keyword = Name, IsValid = false };
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
            IsValid = results.TrueForAll(r => r.IsValid),
            Details = results.ToArray(),
            Annotation = EvaluatedNamesAnnotation.Of(evaluated),
        };
    }
}
#endif
