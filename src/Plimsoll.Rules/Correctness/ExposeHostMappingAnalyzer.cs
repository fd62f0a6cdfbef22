using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5009: EXPOSE given an IP address or a host:container mapping, which only <c>docker run -p</c> can set.</summary>
[PlimsollAnalyzer]
public sealed class ExposeHostMappingAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage HostPart = new("hostPart", "EXPOSE {port} names a host address or port: an image can only declare its container port, so this exposes '{container}' and the rest is ignored; publish ports with 'docker run -p' or compose 'ports:'");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5009", name: "ExposeHostMapping", title: "EXPOSE given an IP address or host:container mapping",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "EXPOSE documents which container ports the image listens on; host addresses and host ports are chosen when the container runs and are ignored here.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [HostPart],
        peers:
        [
            PeerRule.BuildKit("ExposeInvalidFormat"),
        ],
        fix: FixApplicability.Safe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            foreach (var word in instruction.Instruction.Arguments.OfType<WordSyntax>())
            {
                var resolved = instruction.Model.Resolve(instruction.Instruction, word.Value);
                if (!resolved.IsKnown) continue;
                string port = resolved.Value!;
                int colon = port.LastIndexOf(':');
                if (colon < 0) continue;
                string container = port.Substring(colon + 1);
                // The image gets the container port either way: keeping only it is the same image.
                CodeFix? fix = word.Token.Text == port && container.Length > 0
                    ? new CodeFix($"Expose '{container}'", ImmutableArray.Create(new TextChange(word.Token.Span, container)))
                    : null;
                instruction.Report(HostPart, word.Token.Span, fix, port, container);
            }
        }, DockerfileSyntaxKind.ExposeInstruction);
    }
}
