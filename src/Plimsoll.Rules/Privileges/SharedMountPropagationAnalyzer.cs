using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2013: a bind mount with shared or slave propagation (<c>:shared</c>, <c>:rslave</c>, <c>bind.propagation: shared</c>).</summary>
[PlimsollAnalyzer]
public sealed class SharedMountPropagationAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage SharedPropagation = new("sharedPropagation",
        "Bind mount of '{path}' uses '{propagation}' propagation: {effect}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2013", name: "SharedMountPropagation", title: "Shared or slave mount propagation",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Shared propagation lets mounts made inside the container appear on the host, and slave propagation carries the host's later mounts into the container; the default, rprivate, keeps the two apart.",
        securitySeverity: "4.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [SharedPropagation],
        peers:
        [
            PeerRule.ComposeLint("CL-0017"),
            PeerRule.Kics("baa452f0-1f21-4a25-ace5-844e7a5f410d", "Volume Mounted In Multiple Containers"),
        ]);

    // compose-lint's CL-0017 is about the container's mounts reaching the host (shared); KICS's query also takes the
    // slave modes, which only carry the host's mounts inward.
    private static readonly PeerAttribution Shared = PeerAttribution.Of(
        PeerRule.ComposeLint("CL-0017"), PeerRule.Kics("baa452f0-1f21-4a25-ace5-844e7a5f410d", "Volume Mounted In Multiple Containers"));
    private static readonly PeerAttribution Slave = PeerAttribution.Of(
        PeerRule.Kics("baa452f0-1f21-4a25-ace5-844e7a5f410d", "Volume Mounted In Multiple Containers"));

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var volume in service.Service.Volumes)
            {
                if (volume.IsShortSyntax)
                {
                    if (volume.Mode is not { KnownText: { } mode } part) continue;
                    foreach (var option in mode.Split(','))
                    {
                        if (Direction(option.Trim()) is { } direction)
                            service.Report(SharedPropagation, part, PeersOf(option.Trim()), volume.Source?.KnownText ?? volume.Target?.KnownText ?? "", option.Trim(), direction);
                    }
                }
                else if (volume.Node is ProjectMapping mapping && (mapping["bind"] as ProjectMapping)?.Scalar("propagation") is { } propagation
                         && service.KnownValue(propagation) is { } value && Direction(value.Trim()) is { } direction)
                {
                    service.Report(SharedPropagation, propagation, null, PeersOf(value.Trim()), volume.Source?.KnownText ?? volume.Target?.KnownText ?? "", value.Trim(), direction);
                }
            }
        });
    }

    private static PeerAttribution PeersOf(string propagation)
        => propagation.EndsWith("slave", StringComparison.OrdinalIgnoreCase) ? Slave : Shared;

    private static string? Direction(string propagation) => propagation.ToLowerInvariant() switch
    {
        "shared" or "rshared" => "mounts made in the container appear on the host, and the host's in the container",
        "slave" or "rslave" => "mounts the host makes later appear in the container",
        _ => null,
    };
}
