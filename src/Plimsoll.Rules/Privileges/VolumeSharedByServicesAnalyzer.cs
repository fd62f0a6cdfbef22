using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2019 (opt-in): a named volume mounted by several services, at least one of them writable.</summary>
[PlimsollAnalyzer]
public sealed class VolumeSharedByServicesAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage SharedVolume = new("sharedVolume",
        "Volume '{volume}' is also mounted by {others}: what one service writes there, the others read and may run");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2019", name: "VolumeSharedByServices", title: "Named volume shared between services",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Info,
        description: "A volume several services mount, one of them writable, is a path from one compromised service into the others; sharing is often the design, so this is opt-in.",
        securitySeverity: "2.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [SharedVolume],
        peers: [PeerRule.Kics("8c978947-0ff6-485c-b0c2-0bfca6026466", "Shared Volumes Between Containers")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeProjectAction(project =>
        {
            var uses = new List<(ProjectService Service, ProjectServiceVolume Volume, string Name)>();
            foreach (var service in project.Project.Services)
            {
                foreach (var volume in service.Volumes)
                {
                    if (volume.Type != "volume" || volume.Source?.KnownText is not { Length: > 0 } name) continue;
                    uses.Add((service, volume, name));
                }
            }
            foreach (var group in uses.GroupBy(u => u.Name, StringComparer.Ordinal))
            {
                var services = group.Select(u => u.Service.Name).Distinct(StringComparer.Ordinal).ToList();
                if (services.Count < 2 || group.All(u => u.Volume.IsReadOnly)) continue;
                foreach (var use in group)
                {
                    var others = services.Where(s => s != use.Service.Name).Select(s => "'" + s + "'");
                    project.Report(SharedVolume, use.Volume.Source!, use.Name, string.Join(", ", others));
                }
            }
        });
    }
}
