using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;
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

    public static readonly RuleMessage DisabledInService = new("disabledInService", "Service '{service}' turns its healthcheck off ({setting}), the image's HEALTHCHECK included: the runtime only knows whether the process is alive, and depends_on cannot wait for it to be healthy");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5017", name: "MissingHealthcheck", title: "No HEALTHCHECK in the final stage",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Info,
        description: "Without a health check, a container whose process hangs or lost its dependencies still counts as running, and nothing restarts or replaces it.",
        securitySeverity: "0.0", precision: RulePrecision.Low,
        tags: [RuleTag.Correctness],
        messages: [Missing, MissingInService, DisabledInService],
        peers:
        [
            PeerRule.Hadolint("DL3057"),
            PeerRule.Trivy("DS-0026"),
            PeerRule.Kics("698ed579-b239-4f8f-a388-baa4bcb13ef8", "Healthcheck Not Set"),
            PeerRule.Checkov("CKV_DOCKER_2"),
            PeerRule.Kics("b03a748a-542d-44f4-bb86-9199ab4fd2d5", "Healthcheck Instruction Missing"),
            PeerRule.ComposeLint("CL-0015"),
        ],
        enabledByDefault: false);

    // KICS "Healthcheck Not Set" takes both the missing and the disabled check; compose-lint's CL-0015 only the disabled one.
    private static readonly PeerRule KicsHealthcheckNotSet = PeerRule.Kics("698ed579-b239-4f8f-a388-baa4bcb13ef8", "Healthcheck Not Set");
    private static readonly PeerAttribution NoCheckInService = PeerAttribution.Of(KicsHealthcheckNotSet);
    private static readonly PeerAttribution CheckTurnedOff = PeerAttribution.Of(KicsHealthcheckNotSet, PeerRule.ComposeLint("CL-0015"));

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
            if (s.Mapping == null) return;
            if (s.Healthcheck == null)
            {
                service.Report(MissingInService, s.KeyNode, NoCheckInService, s.Name);
                return;
            }
            if (s.Healthcheck is ProjectMapping healthcheck && TurnedOff(service, healthcheck) is { } off)
                service.Report(DisabledInService, off.At, null, CheckTurnedOff, s.Name, off.Setting);
        });
    }

    /// <summary>The setting that switches the check off: <c>disable: true</c>, or a test of <c>NONE</c> (<c>["NONE"]</c>).</summary>
    private static (ProjectNode At, string Setting)? TurnedOff(ComposeServiceAnalysisContext service, ProjectMapping healthcheck)
    {
        if (healthcheck.Scalar("disable") is { } disable && string.Equals(service.KnownValue(disable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            return (disable, "disable: true");
        var test = healthcheck["test"];
        string? first = test switch
        {
            ProjectScalar scalar => service.KnownValue(scalar),
            ProjectSequence { Items.Length: > 0 } sequence => service.KnownValue(sequence.Items[0] as ProjectScalar),
            _ => null,
        };
        return test != null && string.Equals(first?.Trim(), "NONE", StringComparison.Ordinal) ? (test, "test: NONE") : null;
    }
}
