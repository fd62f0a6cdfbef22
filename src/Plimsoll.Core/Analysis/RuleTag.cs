namespace Plimsoll.Analysis;

/// <summary>What a rule is about; a rule has one or more. Shown in SARIF <c>tags</c>, <c>rules --format json</c> and the README.</summary>
public enum RuleTag
{
    /// <summary>An attacker gains something: code execution, credentials, host access, tampered content.</summary>
    Security,

    /// <summary>The file does not do what its author meant, or fails to build or deploy.</summary>
    Correctness,

    /// <summary>The same file builds or deploys something different tomorrow.</summary>
    Reproducibility,

    /// <summary>Size, cache and upkeep: nothing breaks, but the result is heavier or harder to maintain.</summary>
    Hygiene,

    /// <summary>Consistency and readability only.</summary>
    Style,
}

/// <summary>The lower-case word written for a tag.</summary>
public static class RuleTags
{
    public static string Name(RuleTag tag) => tag.ToString().ToLowerInvariant();
}
