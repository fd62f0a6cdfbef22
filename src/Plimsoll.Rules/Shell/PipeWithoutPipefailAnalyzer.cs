using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Shell;

/// <summary>PL7002: TODO what the rule flags, in one sentence.</summary>
[PlimsollAnalyzer]
public sealed class PipeWithoutPipefailAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Finding = new("finding", "TODO a sentence with named holes such as '{thing}'");

    public static readonly RuleDescriptor Rule = new(
        id: "PL7002", name: "PipeWithoutPipefail", title: "Pipe in RUN without pipefail",
        category: "TODO", defaultSeverity: DiagnosticSeverity.Warning,
        description: "TODO why it matters, in one sentence.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Finding],
        peers: []);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            // TODO: instruction.Report(Finding, span, thing);
        }, DockerfileSyntaxKind.RunInstruction);
    }
}
