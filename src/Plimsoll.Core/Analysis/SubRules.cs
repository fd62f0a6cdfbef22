namespace Plimsoll.Analysis;

/// <summary>
/// Codes of another tool reported under one Plimsoll rule (ShellCheck's <c>SC2086</c> under PL7001). A finding carries
/// its code in <see cref="PropertyKey"/>; the code can then be configured (<c>dotnet_diagnostic.SC2086.severity</c>,
/// .hadolint.yaml <c>ignored: [SC2086]</c>) and suppressed (<c># plimsoll ignore=SC2086</c>, <c># hadolint ignore=SC2086</c>)
/// on its own, besides everything that applies to the rule.
/// </summary>
public static class SubRules
{
    /// <summary>The diagnostic property holding the sub-rule code.</summary>
    public const string PropertyKey = "subRule";

    /// <summary>True for a ShellCheck code: <c>SC</c> and four digits.</summary>
    public static bool IsSubRuleId(string id)
        => id.Length == 6 && (id[0] == 'S' || id[0] == 's') && (id[1] == 'C' || id[1] == 'c') && id.Skip(2).All(c => c >= '0' && c <= '9');
}
