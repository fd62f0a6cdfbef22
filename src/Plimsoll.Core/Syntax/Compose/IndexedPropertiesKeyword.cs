#if NET
using System.Buffers;
using System.Text.Json;
using Json.Pointer;
using Json.Schema;
using Json.Schema.Keywords;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// JsonSchema.Net's <c>properties</c> keyword, evaluated with one pass over the instance's members instead of one
/// lookup per schema property: the library's own looks every schema property up with a JSON pointer, which reads
/// (and allocates) every member name again for each of the ~80 properties of a Compose service. The results are the
/// library's, in its order: the same details and annotation; in pass/fail mode the same short cut and verdict, without
/// the details and the annotation (a JSON document per evaluation) that nothing reads in that mode.
/// </summary>
internal sealed class IndexedPropertiesKeyword : PropertiesKeyword
{
    public static new IndexedPropertiesKeyword Instance { get; } = new();

    private IndexedPropertiesKeyword()
    {
    }

    /// <summary>
    /// The library's checks, then each schema property's name with its position, and the evaluation path below this
    /// keyword, made once here rather than for every member evaluated (null when a name repeats).
    /// </summary>
    public override object? ValidateKeywordValue(JsonElement value)
    {
        base.ValidateKeywordValue(value);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var paths = new List<JsonPointer>();
        foreach (var property in value.EnumerateObject())
        {
            if (!positions.TryAdd(property.Name, positions.Count)) return null; // a repeated name: the library's way
            paths.Add(JsonPointer.Create(Name, property.Name));
        }
        return new PropertyIndex(positions, paths.ToArray());
    }

    // Subschemas are built in the order of the keyword's members (as the library's own evaluation assumes): a
    // position indexes both them and the paths.
    private sealed record PropertyIndex(Dictionary<string, int> Positions, JsonPointer[] EvaluationPaths);

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (keyword.Value is not PropertyIndex index || context.Instance.ValueKind != JsonValueKind.Object)
            return base.Evaluate(keyword, context);

        // As the library's JSON pointer resolves a repeated member name, the first one counts.
        var subschemas = keyword.Subschemas;
        var values = ArrayPool<JsonElement?>.Shared.Rent(subschemas.Length);
        try
        {
            Array.Clear(values, 0, subschemas.Length);
            bool any = false;
            foreach (var member in context.Instance.EnumerateObject())
            {
                if (index.Positions.TryGetValue(member.Name, out int position))
                {
                    values[position] ??= member.Value;
                    any = true;
                }
            }
            return context.CanOptimize ? PassOrFail(subschemas, index, values, any, context) : Evaluate(subschemas, index, values, any, context);
        }
        finally
        {
            ArrayPool<JsonElement?>.Shared.Return(values);
        }
    }

    // Pass/fail mode (OutputFormat.Flag): the library's short cut, without the details and the annotation that only a
    // full evaluation reads (unevaluatedProperties turns pass/fail mode off for everything beneath it).
    private KeywordEvaluation PassOrFail(JsonSchemaNode[] subschemas, PropertyIndex index, JsonElement?[] values, bool any, EvaluationContext context)
    {
        if (any)
        {
            for (int i = 0; i < subschemas.Length; i++)
            {
                if (values[i] is not { } value) continue;
                if (!EvaluateMember(subschemas[i], index.EvaluationPaths[i], value, context).IsValid) return new KeywordEvaluation { Keyword = Name, IsValid = false };
            }
        }
        return new KeywordEvaluation { Keyword = Name, IsValid = true };
    }

    private KeywordEvaluation Evaluate(JsonSchemaNode[] subschemas, PropertyIndex index, JsonElement?[] values, bool any, EvaluationContext context)
    {
        var results = new List<EvaluationResults>();
        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        if (any)
        {
            for (int i = 0; i < subschemas.Length; i++)
            {
                if (values[i] is not { } value) continue;
                evaluated.Add(subschemas[i].RelativePath[0].ToString());
                results.Add(EvaluateMember(subschemas[i], index.EvaluationPaths[i], value, context));
            }
        }

        return new KeywordEvaluation
        {
            Keyword = Name,
            IsValid = results.TrueForAll(r => r.IsValid),
            Details = results.ToArray(),
            Annotation = EvaluatedNamesAnnotation.Of(evaluated),
        };
    }

    private static EvaluationResults EvaluateMember(JsonSchemaNode subschema, JsonPointer evaluationPath, JsonElement value, EvaluationContext context)
        => subschema.Evaluate(context with
        {
            InstanceLocation = context.InstanceLocation.Combine(subschema.RelativePath),
            Instance = value,
            EvaluationPath = context.EvaluationPath.Combine(evaluationPath),
        });
}
#endif
