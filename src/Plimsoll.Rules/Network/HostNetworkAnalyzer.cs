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
            foreach (var flag in run.Instruction.FlagsWithValue("network", "host"))
                run.Report(RuleCatalog.HostNetwork, flag.Span, "RUN --network=host gives this build step the host's network stack");
        }, DockerfileSyntaxKind.RunInstruction);
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.NetworkMode is { } mode && string.Equals(service.KnownValue(mode), "host", StringComparison.OrdinalIgnoreCase))
                service.Report(RuleCatalog.HostNetwork, mode, $"Service '{service.Service.Name}' uses network_mode: host: it shares the host's network stack");
            foreach (var network in service.Service.Networks)
            {
                // In a stack, joining the predefined external `host` network is host networking.
                var defined = service.Project.GetNetwork(network.Name);
                string? realName = defined == null ? null : defined.IsExternal ? (service.KnownValue(defined.ExternalName) ?? service.KnownValue(defined.PlatformName) ?? defined.Name) : null;
                if (string.Equals(realName, "host", StringComparison.Ordinal))
                    service.Report(RuleCatalog.HostNetwork, network.NameNode, $"Service '{service.Service.Name}' joins the external 'host' network: it shares the host's network stack");
            }
        });
    }
}
