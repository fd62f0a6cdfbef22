using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5017 (opt-in): the final stage has no HEALTHCHECK of its own nor from a stage it builds on.</summary>
[PlimsollAnalyzer]
public sealed class MissingHealthcheckAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Missing = new("missing", "The final stage defines no HEALTHCHECK: the runtime only knows whether the process is alive, not whether it works; add one, or HEALTHCHECK NONE if the base image's check should be switched off");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5017", name: "MissingHealthcheck", title: "No HEALTHCHECK in the final stage",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Info,
        description: "Without a health check, a container whose process hangs or lost its dependencies still counts as running, and nothing restarts or replaces it.",
        securitySeverity: "0.0", precision: RulePrecision.Low,
        tags: [RuleTag.Correctness],
        messages: [Missing],
        peers:
        [
            PeerRule.Hadolint("DL3057"),
            PeerRule.Trivy("DS-0026"),
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
    }
}
