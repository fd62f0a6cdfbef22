using Microsoft.CodeAnalysis;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;

// Release tracking (RS2008) is for shipped analyzers, not for test rules.
#pragma warning disable RS2008

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>Small rules with every metadata field set, for the SARIF writer's own tests (the corpus run uses the real rules).</summary>
internal static class SarifTestRules
{
    public static readonly DiagnosticDescriptor UnpinnedBaseImage = new(
        "PL1001", "Base image not pinned by digest", "Pin '{0}' to a digest so that rebuilds use the same image",
        "Security", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        description: "A FROM without a digest can silently change between builds.",
        helpLinkUri: PlimsollDiagnostic.HelpLinkFor("PL1001"),
        customTags: new[] { "security", "supply-chain" });

    public static readonly DiagnosticDescriptor AddInsteadOfCopy = new(
        "PL1003", "Prefer COPY to ADD", "Use COPY instead of ADD for local files",
        "Best Practice", DiagnosticSeverity.Info, isEnabledByDefault: true,
        description: "ADD also fetches URLs and unpacks archives; COPY says exactly what happens.",
        helpLinkUri: PlimsollDiagnostic.HelpLinkFor("PL1003"),
        customTags: new[] { "maintainability" });

    public static readonly DiagnosticDescriptor UnpinnedServiceImage = new(
        "PL2001", "Service image not pinned", "Service image '{0}' has no tag or digest; pin it",
        "Reliability", DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A Compose service image without a tag pulls 'latest', which changes over time.",
        helpLinkUri: PlimsollDiagnostic.HelpLinkFor("PL2001"),
        customTags: new[] { "reliability", "compose" });

    public static IReadOnlyList<RuleMetadata> All { get; } = new[]
    {
        new RuleMetadata(UnpinnedBaseImage)
        {
            HelpText = "Pin base images by digest, e.g. FROM alpine:3.19@sha256:<digest>.",
            HelpMarkdown = "## What it does\nFlags `FROM` lines without a digest.\n\n## Example\n```dockerfile\nFROM alpine:3.19\n```\nUse instead:\n```dockerfile\nFROM alpine:3.19@sha256:...\n```",
            SecuritySeverity = "5.3",
            Precision = "very-high",
            ProblemSeverity = "warning",
        },
        new RuleMetadata(AddInsteadOfCopy)
        {
            HelpMarkdown = "Use `COPY` unless you need `ADD`'s URL or archive handling.",
            Precision = "high",
            ProblemSeverity = "recommendation",
        },
        new RuleMetadata(UnpinnedServiceImage)
        {
            Name = "ComposeImageUnpinned",
            HelpText = "Give every service image a tag or a digest.",
            HelpMarkdown = "Give every service `image:` a tag or, better, a digest.",
            Precision = "medium",
            ProblemSeverity = "error",
        },
    };
}
