#if NET
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// JsonSchema.Net's <c>pattern</c> keyword with a time limit on each match (<c>patternProperties</c>:
/// <see cref="TimeLimitedPatternPropertiesKeyword"/>): the
/// library compiles the schema's patterns without one, so <c>"^(a+)+$"</c> against a long <c>"aaa…b"</c> would run
/// for hours. A match that runs out of time throws <see cref="SchemaPatternTimeoutException"/> with where it was.
/// </summary>
internal sealed class TimeLimitedRegexKeyword : IKeywordHandler
{
    private readonly IKeywordHandler _inner;
    private readonly TimeSpan _timeout;

    public TimeLimitedRegexKeyword(IKeywordHandler inner, TimeSpan timeout)
    {
        _inner = inner;
        _timeout = timeout;
    }

    public string Name => _inner.Name;

    public object? ValueFromKeyword(JsonElement value) => ValidateKeywordValue(value);

    public object? ValidateKeywordValue(JsonElement value) => _inner.ValidateKeywordValue(value) switch
    {
        Regex regex => Limited(regex.ToString(), regex.Options, _timeout),
        var other => other,
    };

    public void BuildSubschemas(KeywordData keyword, BuildContext context) => _inner.BuildSubschemas(keyword, context);

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        try
        {
            return _inner.Evaluate(keyword, context);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new SchemaPatternTimeoutException(e.Pattern, context.InstanceLocation.ToString(), e);
        }
    }

    // The Compose schema repeats a few patterns (44 times "^x-"): each distinct one is built once per process, and a
    // Regex is safe to share between threads.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, RegexOptions, TimeSpan), Regex> s_limited = new();

    internal static Regex Limited(string pattern, RegexOptions options, TimeSpan timeout)
        => s_limited.GetOrAdd((pattern, options, timeout), static key => new Regex(key.Item1, key.Item2, key.Item3));
}

/// <summary>A regular expression of the schema ran out of time on the value at <see cref="InstanceLocation"/> (a JSON pointer).</summary>
internal sealed class SchemaPatternTimeoutException : Exception
{
    public SchemaPatternTimeoutException(string pattern, string instanceLocation, Exception inner)
        : base($"the schema's pattern '{pattern}' took longer than the time limit", inner)
    {
        Pattern = pattern;
        InstanceLocation = instanceLocation;
    }

    public string Pattern { get; }
    public string InstanceLocation { get; }
}
#endif
