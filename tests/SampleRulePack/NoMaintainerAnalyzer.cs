using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace SampleRulePack;

/// <summary>A sample third-party rule: MAINTAINER is deprecated; use a label.</summary>
[PlimsollAnalyzer]
public sealed class NoMaintainerAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        "ACME001", "NoMaintainer", "MAINTAINER is deprecated",
        "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"{0}\"",
        "Style", DiagnosticSeverity.Warning,
        "The MAINTAINER instruction is deprecated since Docker 1.13.",
        securitySeverity: "0.0", RulePrecision.VeryHigh,
        new PeerRuleIds(new[] { "DL4000" }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
        => context.RegisterInstructionAction(
            instruction => instruction.Report(Rule, instruction.Instruction.Span, ((SimpleInstructionSyntax)instruction.Instruction).Value ?? ""),
            DockerfileSyntaxKind.MaintainerInstruction);
}
