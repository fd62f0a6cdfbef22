using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5012: COPY or ADD to a relative destination before the stage (or a stage it builds on) sets a WORKDIR.</summary>
[PlimsollAnalyzer]
public sealed class CopyRelativeWithoutWorkdirAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NoWorkdir = new("noWorkdir", "{instruction} to relative '{destination}' before any WORKDIR: the files land in whatever working directory the base image '{base}' has; set WORKDIR first or write an absolute path");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5012", name: "CopyRelativeWithoutWorkdir", title: "COPY to a relative destination before any WORKDIR",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Info,
        description: "Without a WORKDIR of its own, a relative COPY destination depends on the base image's working directory, which a new image version can change.",
        securitySeverity: "0.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Correctness],
        messages: [NoWorkdir],
        peers:
        [
            PeerRule.Hadolint("DL3045"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not CopyInstructionSyntax copy || copy.Parent is InstructionSyntax) return;
            var stage = instruction.Stage;
            var paths = copy.PathTokens;
            if (stage == null || paths.Count < 1 || paths.Count + copy.Heredocs.Length < 2) return;
            var root = stage;
            foreach (var ancestor in StageFacts.Ancestors(stage)) root = ancestor;
            // An empty image's working directory is '/': a relative path there is as good as an absolute one.
            if (root.IsScratch || StageFacts.SetsWorkdir(stage, copy)) return;
            var token = paths[paths.Count - 1];
            var destination = instruction.Model.Resolve(copy, token.Value);
            if (!destination.IsKnown || destination.Value!.Length == 0 || StageFacts.IsAbsolutePath(destination.Value)) return;
            instruction.Report(NoWorkdir, token.Span, copy.Name, destination.Value, root.BaseName.Value ?? root.BaseName.Original);
        }, DockerfileSyntaxKind.CopyInstruction, DockerfileSyntaxKind.AddInstruction);
    }
}
