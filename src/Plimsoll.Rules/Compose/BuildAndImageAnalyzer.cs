using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Compose;

/// <summary>
/// PL5054 (opt-in): a service with both <c>build:</c> and <c>image:</c> and no <c>pull_policy</c>. The Compose
/// Specification allows it (image names what is built), but then <c>docker compose pull</c> and <c>up</c> may pull an
/// image of that name from a registry and use it instead of building the local source.
/// </summary>
[PlimsollAnalyzer]
public sealed class BuildAndImageAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Both = new("both", "service '{service}' has build: and image: '{image}' but no pull_policy: Compose may pull '{image}' from a registry instead of building this source; set pull_policy: build (or missing, never) to say which wins");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5054", name: "BuildAndImage", title: "Service with both build and image but no pull_policy",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Info,
        description: "With both build: and image:, whether Compose builds the source or runs a pulled image of that name depends on pull_policy and on what the registry and the local cache hold.",
        securitySeverity: "0.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Correctness],
        messages: [Both],
        peers: [PeerRule.Dclint("no-build-and-image")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            // Swarm never builds: a stack's model has no build.
            var s = service.Service;
            if (s.Build == null || s.Image is not { } image || s.PullPolicy != null) return;
            service.Report(Both, image, null, s.Name, service.KnownValue(image) ?? image.Raw ?? "");
        });
    }
}
