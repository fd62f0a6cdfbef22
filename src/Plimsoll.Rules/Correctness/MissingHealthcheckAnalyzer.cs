using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// PL5017 (opt-in): the final stage has no HEALTHCHECK of its own nor from a stage it builds on; a compose service
/// has no <c>healthcheck:</c> (its image may have one: that is why the rule is opt-in).
/// </summary>
[PlimsollAnalyzer]
public sealed class MissingHealthcheckAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Missing = new("missing", "The final stage defines no HEALTHCHECK: the runtime only knows whether the process is alive, not whether it works; add one, or HEALTHCHECK NONE if the base image's check should be switched off");

    public static readonly RuleMessage MissingInService = new("missingInService", "Service '{service}' defines no healthcheck: unless its image has a HEALTHCHECK, the runtime only knows whether the process is alive, and depends_on cannot wait for it to be healthy");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5017", name: "MissingHealthcheck", title: "No HEALTHCHECK in the final stage",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Info,
        description: "Without a health check, a container whose process hangs or lost its dependencies still counts as running, and nothing restarts or replaces it.",
        securitySeverity: "0.0", precision: RulePrecision.Low,
        tags: [RuleTag.Correctness],
        messages: [Missing, MissingInService],
        peers:
        [
            PeerRule.Hadolint("DL3057"),
            PeerRule.Trivy("DS-0026"),
            PeerRule.Kics("698ed579-b239-4f8f-a388-baa4bcb13ef8", "Healthcheck Not Set"),
            PeerRule.Checkov("CKV_DOCKER_2"),
            PeerRule.Kics("b03a748a-542d-44f4-bb86-9199ab4fd2d5", "Healthcheck Instruction Missing"),
        ],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            var final = file.Model.FinalStage;
            if (final == null) return;
            bool HasHealthcheck(Semantics.Dockerfile.BuildStage stage) => stage.Instructions.Any(i => i.Kind == DockerfileSyntaxKind.HealthcheckInstruction);
            if (HasHealthcheck(final) || StageFacts.Ancestors(final).Any(HasHealthcheck)) return;
            file.Report(Missing, final.From.Keyword.Span);
        });
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            if (s.Mapping == null || s.Healthcheck != null) return;
            service.Report(MissingInService, s.KeyNode, s.Name);
        });
    }
}
