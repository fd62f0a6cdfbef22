using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2019 (opt-in): a named volume, or a host directory bind-mounted, that several services mount, at least one of
/// them writable.
/// </summary>
[PlimsollAnalyzer]
public sealed class VolumeSharedByServicesAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage SharedVolume = new("sharedVolume",
        "Volume '{volume}' is also mounted by {others}: what one service writes there, the others read and may run");

    public static readonly RuleMessage SharedHostPath = new("sharedHostPath",
        "Host path '{path}' is also bind-mounted by {others}: what one service writes there, the others read and may run");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2019", name: "VolumeSharedByServices", title: "Volume or host path shared between services",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Info,
        description: "A volume or host directory several services mount, one of them writable, is a path from one compromised service into the others; sharing is often the design, so this is opt-in.",
        securitySeverity: "2.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [SharedVolume, SharedHostPath],
        peers: [PeerRule.Kics("8c978947-0ff6-485c-b0c2-0bfca6026466", "Shared Volumes Between Containers")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeProjectAction(project =>
        {
            // Named volumes by name; bind mounts by the host directory (relative ones from the file that wrote them).
            var uses = new List<(ProjectService Service, ProjectServiceVolume Volume, string Key, bool Bind)>();
            foreach (var service in project.Project.Services)
            {
                foreach (var volume in service.Volumes)
                {
                    if (volume.Source?.KnownText is not { Length: > 0 } source) continue;
                    if (volume.Type == "volume") uses.Add((service, volume, source, false));
                    // A runtime socket shared by several services is PL2005's finding, once per service.
                    else if (volume.IsBind && HostDirectory(volume.Source, source) is { } directory && !RuntimeSocketMountedAnalyzer.IsRuntimeSocket(directory))
                        uses.Add((service, volume, directory, true));
                }
            }
            foreach (var group in uses.GroupBy(u => (u.Key, u.Bind)))
            {
                var services = group.Select(u => u.Service.Name).Distinct(StringComparer.Ordinal).ToList();
                if (services.Count < 2 || group.All(u => u.Volume.IsReadOnly)) continue;
                foreach (var use in group)
                {
                    var others = string.Join(", ", services.Where(s => s != use.Service.Name).Select(s => "'" + s + "'"));
                    if (use.Bind) project.Report(SharedHostPath, use.Volume.Source!, use.Volume.Source!.KnownText, others);
                    else project.Report(SharedVolume, use.Volume.Source!, use.Key, others);
                }
            }
        });
    }

    /// <summary>The host path a bind mount names, absolute (a relative one from the folder of the file that wrote it) and normalized.</summary>
    private static string? HostDirectory(VolumePart part, string source)
    {
        if (source.StartsWith("/", StringComparison.Ordinal) || source == "~" || source.StartsWith("~/", StringComparison.Ordinal))
            return HostPaths.Normalize(source);
        if (!source.StartsWith(".", StringComparison.Ordinal) || System.IO.Path.GetDirectoryName(part.Scalar.Path) is not { Length: > 0 } folder) return null;
        return HostPaths.Normalize(folder.Replace('\\', '/') + "/" + source);
    }
}
