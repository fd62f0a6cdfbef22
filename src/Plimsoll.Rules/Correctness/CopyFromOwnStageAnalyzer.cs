using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5005: <c>COPY --from</c> names the stage the COPY is in (by name or index).</summary>
[PlimsollAnalyzer]
public sealed class CopyFromOwnStageAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage OwnStage = new("ownStage", "COPY --from={from} names the stage this COPY is in: a stage cannot copy from itself, and the build fails with a circular dependency");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5005", name: "CopyFromOwnStage", title: "COPY --from names its own stage",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Error,
        description: "A stage's files do not exist until the stage is built, so it cannot copy from itself; BuildKit rejects the file.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [OwnStage],
        peers:
        [
            PeerRule.Hadolint("DL3023"),
            PeerRule.Trivy("DS-0006"),
            PeerRule.Kics("cdddb86f-95f6-4fc4-b5a1-483d9afceb2b", "COPY '--from' References Current FROM Alias"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            // An ONBUILD trigger runs in a later build, where the names mean that build's stages.
            if (instruction.Instruction.Parent is InstructionSyntax || instruction.Instruction.GetFlag("from") is not { } flag) return;
            var stage = instruction.Stage;
            var from = instruction.Model.Resolve(instruction.Instruction, flag.Value ?? "");
            if (stage == null || !from.IsKnown || from.Value!.Length == 0) return;
            if (instruction.Model.FindStage(from.Value) == stage)
                instruction.Report(OwnStage, flag.Token.Span, from.Value);
        }, DockerfileSyntaxKind.CopyInstruction);
    }
}
