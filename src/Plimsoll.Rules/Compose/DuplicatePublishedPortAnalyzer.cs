using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Compose;

/// <summary>
/// PL5052: a host port published twice in a project (by two services, or twice by one), with the same protocol on
/// addresses that overlap: the second binding fails and its container does not start.
/// </summary>
[PlimsollAnalyzer]
public sealed class DuplicatePublishedPortAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Duplicate = new("duplicate", "host port {port} is already published by service '{other}': only one container can bind it, so this one fails to start");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5052", name: "DuplicatePublishedPort", title: "Host port published twice",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Error,
        description: "A host address and port can be bound once; two published ports that overlap make the later container fail with 'port is already allocated'.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Duplicate],
        peers: [PeerRule.Dclint("no-duplicate-exported-ports")]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeProjectAction(project =>
        {
            var seen = new List<(PublishedPort Port, ProjectService Service, HashSet<string> Profiles)>();
            foreach (var service in project.Project.Services)
            {
                var profiles = ComposeNames.Profiles(service);
                foreach (var item in service.Ports)
                {
                    if (PublishedPort.Read(item) is not { } port) continue;
                    foreach (var earlier in seen)
                    {
                        if (!earlier.Port.Collides(port) || !ComposeNames.CanRunTogether(earlier.Profiles, profiles)) continue;
                        project.Report(Duplicate, item, null, port.Display, earlier.Service.Name);
                        break;
                    }
                    seen.Add((port, service, profiles));
                }
            }
        });
    }
}
