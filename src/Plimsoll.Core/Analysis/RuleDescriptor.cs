using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Diagnostics;

namespace Plimsoll.Analysis;

/// <summary>
/// Everything a rule declares about itself: the Roslyn <see cref="DiagnosticDescriptor"/> it reports with,
/// plus what code-scanning tools and peers need (security severity, precision, equivalent ids).
/// </summary>
public sealed class RuleDescriptor
{
    public RuleDescriptor(
        string id,
        string name,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        string securitySeverity,
        RulePrecision precision,
        PeerRuleIds? peers = null,
        IEnumerable<string>? tags = null)
    {
        Name = name;
        SecuritySeverity = securitySeverity;
        Precision = precision;
        Peers = peers ?? PeerRuleIds.None;
        Tags = (tags ?? Array.Empty<string>()).Concat(new[] { "security", category }).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableArray();
        Descriptor = new DiagnosticDescriptor(id, title, messageFormat, category, defaultSeverity, isEnabledByDefault: true,
            description: description, helpLinkUri: PlimsollDiagnostic.HelpLinkFor(id), customTags: Tags.ToArray());
    }

    public DiagnosticDescriptor Descriptor { get; }
    public string Id => Descriptor.Id;

    /// <summary>A PascalCase name, stable like the id (SARIF <c>rule.name</c>).</summary>
    public string Name { get; }
    public string Title => Descriptor.Title.ToString();
    public string Category => Descriptor.Category;
    public DiagnosticSeverity DefaultSeverity => Descriptor.DefaultSeverity;

    /// <summary>GitHub code scanning's <c>security-severity</c>: a CVSS-like score, "0.0" to "10.0".</summary>
    public string SecuritySeverity { get; }
    public RulePrecision Precision { get; }
    public PeerRuleIds Peers { get; }
    public ImmutableArray<string> Tags { get; }

    public override string ToString() => Id;
}

/// <summary>How often a finding of the rule is a true positive (SARIF/CodeQL <c>precision</c>).</summary>
public enum RulePrecision
{
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>The ids other tools use for the same problem; hadolint ids also drive <c># hadolint ignore=</c> and <c>.hadolint.yaml</c>.</summary>
public sealed record PeerRuleIds(
    IReadOnlyList<string> Hadolint,
    IReadOnlyList<string> BuildKit,
    IReadOnlyList<string> Kics,
    IReadOnlyList<string> Checkov,
    IReadOnlyList<string> Trivy,
    IReadOnlyList<string> ComposeLint)
{
    public static readonly PeerRuleIds None = new(Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());
}
