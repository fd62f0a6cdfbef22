using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2007: a sensitive host path (system configuration, kernel interfaces, devices, home directories and credential
/// folders) bind-mounted into a container, read-only or not, when PL2006 does not already flag it as a writable
/// root-equivalent path.
/// </summary>
[PlimsollAnalyzer]
public sealed class SensitiveHostPathMountAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage SensitivePath = new("sensitivePath",
        "Host path '{path}' is mounted into the container, exposing {exposes}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2007", name: "SensitiveHostPathMount", title: "Sensitive host path mounted",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Bind-mounting host system directories, kernel interfaces, devices or home directories exposes host secrets and configuration to whoever controls the container.",
        securitySeverity: "6.5", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [SensitivePath],
        peers:
        [
            PeerRule.ComposeLint("CL-0013"),
            PeerRule.Kics("1c1325ff-831d-43a1-973e-839ae57dfcc0", "Volume Has Sensitive Host Directory"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var volume in service.Service.Volumes)
            {
                if (HostPaths.BoundHostPath(volume) is not { } path) continue;
                // The runtime sockets and the directories holding them are PL2005's.
                if (RuntimeSocketMountedAnalyzer.IsRuntimeSocket(path)) continue;
                if (HostPaths.Classify(path, volume.IsReadOnly) is not { } area) continue;
                if (area.RootWhenWritable && !volume.IsReadOnly) continue; // PL2006
                service.Report(SensitivePath, volume.Source!, volume.Source!.KnownText, area.Exposes);
            }
        });
    }
}
