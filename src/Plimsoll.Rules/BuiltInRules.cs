using Plimsoll.Analysis;

namespace Plimsoll.Rules;

/// <summary>The built-in analyzers and their rule pages (rules/PLnnnn.md, embedded at build time).</summary>
public static partial class BuiltInRules
{
    // CreateAnalyzers() is written by Plimsoll.Rules.Generators from the [PlimsollAnalyzer] classes of this assembly:
    // adding a rule is adding its file (and its page, rules/PLnnnn.md).

    /// <summary>The markdown page of a rule (built-in rules and PL9001–PL9003), or null.</summary>
    public static string? GetRulePage(string id)
    {
        using var stream = typeof(BuiltInRules).Assembly.GetManifestResourceStream("rules/" + id.ToUpperInvariant() + ".md");
        if (stream == null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> RulePageIds()
        => typeof(BuiltInRules).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("rules/", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal))
            .Select(n => n.Substring(6, n.Length - 9)).OrderBy(n => n, StringComparer.Ordinal);
}
