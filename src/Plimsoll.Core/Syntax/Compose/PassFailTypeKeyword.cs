#if NET
using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// JsonSchema.Net's <c>type</c> keyword without its error message in pass/fail mode, where nobody reads it: the
/// library words every mismatch (every rejected <c>oneOf</c> alternative of the Compose schema) through a reflection-based
/// enum serializer, the largest single cost of validating a Compose file in the native build. Full evaluations (the ones
/// that explain a failure) go to the library's keyword unchanged.
/// </summary>
internal sealed class PassFailTypeKeyword : IKeywordHandler
{
    public static PassFailTypeKeyword Instance { get; } = new();

    private readonly IKeywordHandler _inner = TypeKeyword.Instance;

    public string Name => _inner.Name;

    public object? ValidateKeywordValue(JsonElement value) => _inner.ValidateKeywordValue(value);

    public void BuildSubschemas(KeywordData keyword, BuildContext context) => _inner.BuildSubschemas(keyword, context);

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        // CanOptimize is the library's "pass/fail output only" (OutputFormat.Flag).
        if (!context.CanOptimize) return _inner.Evaluate(keyword, context);
        return new KeywordEvaluation { Keyword = Name, IsValid = Matches(context.Instance, (SchemaValueType)keyword.Value!) };
    }

    // The library's three acceptances: the instance's own type; an integer where a number is allowed; a number with
    // no fraction where an integer is allowed.
    private static bool Matches(JsonElement instance, SchemaValueType expected)
    {
        var actual = instance.GetSchemaValueType();
        if (expected.HasFlag(actual)) return true;
        if (actual == SchemaValueType.Integer && expected.HasFlag(SchemaValueType.Number)) return true;
        return actual == SchemaValueType.Number && expected.HasFlag(SchemaValueType.Integer)
            && instance.TryGetDouble(out double number) && number == Math.Truncate(number);
    }
}
#endif
