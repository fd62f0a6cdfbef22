using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Network;

/// <summary>PL3001: <c>RUN --network=host</c>; compose <c>network_mode: host</c> and the external <c>host</c> network.</summary>
[PlimsollAnalyzer]
public sealed class HostNetworkAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage HostNetworkRun = new("hostNetworkRun", "RUN --network=host gives this build step the host's network stack");
    public static readonly RuleMessage NetworkModeHost = new("networkModeHost", "Service '{service}' uses network_mode: host: it shares the host's network stack");
    public static readonly RuleMessage ExternalHostNetwork = new("externalHostNetwork", "Service '{service}' joins the external 'host' network: it shares the host's network stack");

    public static readonly RuleDescriptor Rule = new(
        id: "PL3001", name: "HostNetwork", title: "Host networking",
        category: "Network", defaultSeverity: DiagnosticSeverity.Warning,
        description: "With the host's network stack the container can reach every host service on localhost and bind any host port; network isolation is gone.",
        securitySeverity: "7.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [HostNetworkRun, NetworkModeHost, ExternalHostNetwork],
        peers: [PeerRule.Kics("071a71ff-f868-47a4-ac0b-3c59e4ab5443", "Shared Host Network Namespace"), PeerRule.ComposeLint("CL-0008")]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(run =>
        {
            foreach (var flag in run.Instruction.FlagsWithValue("network", "host"))
                run.Report(HostNetworkRun, flag.Span);
        }, DockerfileSyntaxKind.RunInstruction);
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.NetworkMode is { } mode && string.Equals(service.KnownValue(mode), "host", StringComparison.OrdinalIgnoreCase))
                service.Report(NetworkModeHost, mode, service.Service.Name);
            foreach (var network in service.Service.Networks)
            {
                // In a stack, joining the predefined external `host` network is host networking.
                var defined = service.Project.GetNetwork(network.Name);
                string? realName = defined == null ? null : defined.IsExternal ? (service.KnownValue(defined.ExternalName) ?? service.KnownValue(defined.PlatformName) ?? defined.Name) : null;
                if (string.Equals(realName, "host", StringComparison.Ordinal))
                    service.Report(ExternalHostNetwork, network.NameNode, service.Service.Name);
            }
        });
    }
}
