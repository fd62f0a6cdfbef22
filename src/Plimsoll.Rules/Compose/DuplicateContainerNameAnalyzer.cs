using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Compose;

/// <summary>PL5050: two services of a project with the same <c>container_name</c>: the second cannot be created.</summary>
[PlimsollAnalyzer]
public sealed class DuplicateContainerNameAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Duplicate = new("duplicate", "container_name '{name}' is also the name of service '{other}''s container: Docker names are unique, so the second container cannot be created");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5050", name: "DuplicateContainerName", title: "Two services with the same container_name",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Error,
        description: "A container name is unique on a Docker host; when two services ask for the same one, starting the project fails on the second.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [Duplicate],
        peers: [PeerRule.Dclint("no-duplicate-container-names")]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeProjectAction(project =>
        {
            // Swarm ignores container_name: the model of a stack has none.
            var seen = new List<(string Name, string Service, HashSet<string> Profiles)>();
            foreach (var service in project.Project.Services)
            {
                if (service.ContainerName is not { } scalar || project.KnownValue(scalar) is not { Length: > 0 } name) continue;
                var profiles = ComposeNames.Profiles(service);
                // Docker compares names exactly; a leading '/' is the same name.
                string key = name.TrimStart('/');
                foreach (var earlier in seen)
                {
                    if (earlier.Name != key || !ComposeNames.CanRunTogether(earlier.Profiles, profiles)) continue;
                    project.Report(Duplicate, scalar, null, name, earlier.Service);
                    break;
                }
                seen.Add((key, service.Name, profiles));
            }
        });
    }
}
