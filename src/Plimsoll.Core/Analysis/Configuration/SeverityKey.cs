namespace Plimsoll.Analysis.Configuration;

/// <summary>What a severity key configures.</summary>
internal enum SeverityScope
{
    /// <summary><c>dotnet_diagnostic.PL1001.severity</c></summary>
    Rule,

    /// <summary><c>dotnet_analyzer_diagnostic.category-Security.severity</c></summary>
    Category,

    /// <summary><c>dotnet_analyzer_diagnostic.severity</c></summary>
    AllRules,
}

/// <summary>Recognises Roslyn's three severity keys (case-insensitively, as Roslyn does).</summary>
internal static class SeverityKey
{
    private const string RulePrefix = "dotnet_diagnostic.";
    private const string BulkPrefix = "dotnet_analyzer_diagnostic.";
    private const string CategoryPrefix = "dotnet_analyzer_diagnostic.category-";
    private const string Suffix = ".severity";

    public static bool TryParse(string key, out SeverityScope scope, out string target)
    {
        scope = SeverityScope.AllRules;
        target = "";
        if (!key.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)) return false;
        if (key.Equals(BulkPrefix + "severity", StringComparison.OrdinalIgnoreCase)) return true;
        if (TryMiddle(key, CategoryPrefix, out target))
        {
            scope = SeverityScope.Category;
            return true;
        }
        if (TryMiddle(key, RulePrefix, out target))
        {
            scope = SeverityScope.Rule;
            return true;
        }
        return false;
    }

    public static string ForRule(string ruleId) => RulePrefix + ruleId + Suffix;

    private static bool TryMiddle(string key, string prefix, out string middle)
    {
        middle = "";
        if (!key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        int length = key.Length - prefix.Length - Suffix.Length;
        if (length <= 0) return false;
        middle = key.Substring(prefix.Length, length);
        return true;
    }
}
