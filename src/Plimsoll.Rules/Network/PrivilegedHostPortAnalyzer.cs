using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Network;

/// <summary>PL3004 (opt-in): a host port below 1024 published by a compose or stack service.</summary>
[PlimsollAnalyzer]
public sealed class PrivilegedHostPortAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage PrivilegedPort = new("privilegedPort",
        "Service '{service}' publishes privileged host port {port}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL3004", name: "PrivilegedHostPort", title: "Privileged host port published",
        category: "Network", defaultSeverity: DiagnosticSeverity.Info,
        description: "Host ports below 1024 are reserved for system services; a policy may require containers to publish only unprivileged ports and leave 80 and 443 to a reviewed front end.",
        securitySeverity: "2.0", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [PrivilegedPort],
        peers: [PeerRule.Kics("bc2908f3-f73c-40a9-8793-c1b7d5544f79", "Privileged Ports Mapped In Container")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            if (string.Equals(service.KnownValue(service.Service.NetworkMode), "host", StringComparison.OrdinalIgnoreCase)) return;
            foreach (var item in service.Service.Ports)
            {
                ProjectScalar? at = null;
                string? hostPort = null;
                if (item is ProjectScalar scalar && service.KnownValue(scalar) is { } value && PublishedPort.Parse(value) is { HostPort: { Length: > 0 } port })
                {
                    at = scalar;
                    hostPort = port;
                }
                else if (item is ProjectMapping mapping && mapping.Scalar("published") is { } published && service.KnownValue(published) is { } text)
                {
                    at = published;
                    hostPort = text.Trim();
                }
                if (at == null || hostPort == null) continue;
                if (int.TryParse(hostPort.Split('-')[0], out var lowest) && lowest > 0 && lowest < 1024)
                    service.Report(PrivilegedPort, at, service.Service.Name, hostPort);
            }
        });
    }
}
