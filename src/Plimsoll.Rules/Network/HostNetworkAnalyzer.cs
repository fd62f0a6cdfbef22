using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Network;

/// <summary>PL3001: <c>RUN --network=host</c>; compose <c>network_mode: host</c> and the external <c>host</c> network.</summary>
[PlimsollAnalyzer]
public sealed class HostNetworkAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.HostNetwork);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(run =>
        {
            foreach (var flag in run.Instruction.Flags)
            {
                if (flag.Name.Equals("network", StringComparison.OrdinalIgnoreCase) && string.Equals(flag.Value, "host", StringComparison.OrdinalIgnoreCase))
                    run.Report(RuleCatalog.HostNetwork, flag.Span, "RUN --network=host gives this build step the host's network stack");
            }
        }, DockerfileSyntaxKind.RunInstruction);
    }
}
