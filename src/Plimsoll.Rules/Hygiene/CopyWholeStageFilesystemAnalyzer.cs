using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Hygiene;

/// <summary>PL6051: <c>COPY --from=stage / /</c>: the whole filesystem of another stage or image copied over this one.</summary>
[PlimsollAnalyzer]
public sealed class CopyWholeStageFilesystemAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage WholeFilesystem = new("wholeFilesystem", "COPY --from={from} / / copies the entire filesystem of '{from}' over this stage, build tools and caches included: copy only the paths the image needs");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6051", name: "CopyWholeStageFilesystem", title: "COPY of a whole stage filesystem",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Copying '/' of another stage brings everything it contains, compilers and package caches included, which defeats a multi-stage build and overwrites this stage's own files.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Hygiene],
        messages: [WholeFilesystem],
        peers:
        [
            PeerRule.Hadolint("DL3067"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not CopyInstructionSyntax copy || copy.GetFlag("from") is not { Value: { } from }) return;
            var paths = copy.PathTokens;
            if (paths.Count < 2) return;
            bool IsRoot(DockerfileToken token) => instruction.Model.Resolve(copy, token.Value).Value is "/" or "/.";
            if (!IsRoot(paths[paths.Count - 1]) || !paths.Take(paths.Count - 1).Any(IsRoot)) return;
            var resolved = instruction.Model.Resolve(copy, from);
            instruction.Report(WholeFilesystem, copy.Span, resolved.Value ?? from);
        }, DockerfileSyntaxKind.CopyInstruction);
    }
}
