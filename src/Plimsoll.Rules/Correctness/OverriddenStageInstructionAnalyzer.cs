using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5002: a CMD, ENTRYPOINT or HEALTHCHECK that a later one of the same stage overrides, so it never takes effect.</summary>
[PlimsollAnalyzer]
public sealed class OverriddenStageInstructionAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Overridden = new("overridden", "This {instruction} never takes effect: the {instruction} on line {line} of the same stage replaces it (only the last one counts)");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5002", name: "OverriddenStageInstruction", title: "CMD, ENTRYPOINT or HEALTHCHECK overridden in the same stage",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage reach the image; an earlier one is dead text that readers take for the container's command.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [Overridden],
        peers:
        [
            PeerRule.Hadolint("DL4003"), PeerRule.Hadolint("DL4004"), PeerRule.Hadolint("DL3012"),
            PeerRule.BuildKit("MultipleInstructionsDisallowed"),
            PeerRule.Trivy("DS-0007"), PeerRule.Trivy("DS-0016"), PeerRule.Trivy("DS-0023"),
            PeerRule.Kics("41c195f4-fc31-4a5c-8a1b-90605538d49f", "Multiple CMD Instructions Listed"),
            PeerRule.Kics("6938958b-3f1a-451c-909b-baeee14bdc97", "Multiple ENTRYPOINT Instructions Listed"),
        ]);

    private static readonly DockerfileSyntaxKind[] SingleUseKinds =
    {
        DockerfileSyntaxKind.CmdInstruction, DockerfileSyntaxKind.EntrypointInstruction, DockerfileSyntaxKind.HealthcheckInstruction,
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            // ONBUILD triggers are not in the stage's list: they run in a later build, not this one.
            // Loops, not a query per kind: this runs for every stage, and most hold at most one of each.
            var instructions = stage.Stage.Instructions;
            foreach (var kind in SingleUseKinds)
            {
                int last = -1, count = 0;
                for (int i = 0; i < instructions.Length; i++)
                    if (instructions[i].Kind == kind)
                    {
                        last = i;
                        count++;
                    }
                if (count < 2) continue;
                int line = StageFacts.LineOf(stage.Text, instructions[last].Keyword.Span.Start);
                for (int i = 0; i < last; i++)
                    if (instructions[i].Kind == kind)
                        stage.Report(Overridden, instructions[i].Keyword.Span, instructions[i].Name, line);
            }
        });
    }
}
