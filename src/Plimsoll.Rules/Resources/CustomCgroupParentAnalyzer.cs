using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Resources;

/// <summary>PL2018 (opt-in): <c>cgroup_parent</c> set, which places the container outside the cgroup Docker would give it.</summary>
[PlimsollAnalyzer]
public sealed class CustomCgroupParentAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage CgroupParent = new("cgroupParent",
        "Service '{service}' runs under cgroup parent '{parent}' instead of Docker's own: its resource limits and accounting depend on that group");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2018", name: "CustomCgroupParent", title: "Custom cgroup parent",
        category: "Resources", defaultSeverity: DiagnosticSeverity.Info,
        description: "A custom cgroup_parent moves the container under a cgroup the host defines, whose limits (or lack of them) then apply; it is legitimate on managed hosts, so this is opt-in.",
        securitySeverity: "1.0", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [CgroupParent],
        peers: [PeerRule.Kics("4d9f44c6-2f4a-4317-9bb5-267adbea0232", "Cgroup Not Default")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        // Swarm ignores cgroup_parent: in a stack the model has none.
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.CgroupParent is { } parent && service.KnownValue(parent) is { Length: > 0 } value)
                service.Report(CgroupParent, parent, service.Service.Name, value);
        });
    }
}
