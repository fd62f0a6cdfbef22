using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5008: EXPOSE of a port number outside 0–65535.</summary>
[PlimsollAnalyzer]
public sealed class ExposeInvalidPortAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage OutOfRange = new("outOfRange", "EXPOSE {port}: {number} is not a port number (ports range from 0 to 65535)");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5008", name: "ExposeInvalidPort", title: "EXPOSE port outside 0–65535",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Error,
        description: "TCP and UDP ports are 16-bit numbers; a larger one is a typo that the build rejects or that documents a port nothing can listen on.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [OutOfRange],
        peers:
        [
            PeerRule.Hadolint("DL3011"),
            PeerRule.Trivy("DS-0008"),
            PeerRule.Kics("71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e", "UNIX Ports Out Of Range"),
        ]);

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
                // host:container mappings are PL5009's; their container part is checked like a port.
                string container = port.Substring(port.LastIndexOf(':') + 1);
                int slash = container.IndexOf('/');
                if (slash >= 0) container = container.Substring(0, slash);
                foreach (var bound in container.Split('-'))
                {
                    if (bound.Length == 0 || !bound.All(StageFacts.IsDigit)) break;
                    // Longer than any 32-bit number is out of range too.
                    if (bound.Length > 9 || int.Parse(bound, CultureInfo.InvariantCulture) > 65535)
                    {
                        instruction.Report(OutOfRange, word.Token.Span, port, bound);
                        break;
                    }
                }
            }
        }, DockerfileSyntaxKind.ExposeInstruction);
    }
}
