using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// PL5006: <c>COPY --from</c> names a stage defined further down, a stage index that does not exist, or a name that
/// is no stage but a near miss of one (BuildKit would pull an image of that name instead).
/// </summary>
[PlimsollAnalyzer]
public sealed class CopyFromUnknownStageAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage LaterStage = new("laterStage", "COPY --from={from} names a stage defined later, on line {line}: the classic builder cannot use it, and readers expect stages in build order; move that stage above this one");
    public static readonly RuleMessage NoSuchIndex = new("noSuchIndex", "COPY --from={from} names stage number {from}, but the file has only {count} stages (counted from 0)");
    public static readonly RuleMessage Typo = new("typo", "COPY --from={from} is not a stage of this file (did you mean '{stage}'?): the build would pull an image named '{from}' instead");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5006", name: "CopyFromUnknownStage", title: "COPY --from names a stage not defined earlier",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "COPY --from takes a stage defined above or an image; a later stage breaks the classic builder, a wrong index fails, and a misspelt stage name silently becomes an image pull.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [LaterStage, NoSuchIndex, Typo],
        peers:
        [
            PeerRule.Hadolint("DL3022"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction.Parent is InstructionSyntax || instruction.Instruction.GetFlag("from") is not { } flag) return;
            var stage = instruction.Stage;
            var resolved = instruction.Model.Resolve(instruction.Instruction, flag.Value ?? "");
            if (stage == null || !resolved.IsKnown || resolved.Value!.Length == 0) return;
            string from = resolved.Value;
            var stages = instruction.Model.Stages;
            var span = flag.Token.Span;

            var target = instruction.Model.FindStage(from);
            if (target != null)
            {
                // Its own stage is PL5005's finding.
                if (target.Index > stage.Index)
                    instruction.Report(LaterStage, span, from, StageFacts.LineOf(instruction.Text, target.From.Keyword.Span.Start));
                return;
            }
            if (from.All(StageFacts.IsDigit))
            {
                instruction.Report(NoSuchIndex, span, from, stages.Length);
                return;
            }
            if (StageFacts.LooksLikeImageReference(from)) return;
            // A bare name that is no stage is an image (COPY --from=busybox ...); only a near miss of a stage name is reported.
            var suggestion = StageFacts.Suggest(from, stages.Where(s => s.Name != null).Select(s => s.Name!));
            if (suggestion != null) instruction.Report(Typo, span, from, suggestion);
        }, DockerfileSyntaxKind.CopyInstruction);
    }
}
