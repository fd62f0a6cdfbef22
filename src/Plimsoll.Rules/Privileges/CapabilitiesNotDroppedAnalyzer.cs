using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2009: a compose or stack service that does not drop all capabilities (<c>cap_drop: [ALL]</c>).</summary>
[PlimsollAnalyzer]
public sealed class CapabilitiesNotDroppedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NoCapDrop = new("noCapDrop",
        "Service '{service}' keeps Docker's default capabilities: drop them all with 'cap_drop: [ALL]' and add back only what it needs");
    public static readonly RuleMessage PartialCapDrop = new("partialCapDrop",
        "Service '{service}' drops some capabilities but not ALL: the rest of Docker's defaults stay");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2009", name: "CapabilitiesNotDropped", title: "Capabilities not dropped",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Info,
        description: "Docker gives every container a default set of capabilities (NET_RAW, CHOWN, SETUID, MKNOD, …) that most services never use; dropping them all limits what a compromise can do.",
        securitySeverity: "4.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [NoCapDrop, PartialCapDrop],
        peers:
        [
            PeerRule.ComposeLint("CL-0006"),
            PeerRule.Kics("ce76b7d0-9e77-464d-b86f-c5c48e03e22d", "Container Capabilities Unrestricted"),
        ],
        fix: FixApplicability.Unsafe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            if (s.Mapping == null) return;
            // A privileged container has every capability whatever cap_drop says: PL2002 flags that.
            if (s.Privileged?.AsBoolean() == true) return;
            var dropped = s.CapDrop.Select(c => service.KnownValue(c)).ToList();
            if (dropped.Any(d => d == null)) return; // an unknown entry may be ALL
            if (dropped.Any(d => string.Equals(d!.Trim(), "ALL", StringComparison.OrdinalIgnoreCase))) return;
            const string title = "Drop all capabilities (cap_drop: [ALL])";
            if (s.Get("cap_drop") is { } capDrop && dropped.Count > 0)
            {
                service.Report(PartialCapDrop, capDrop, ComposeEdits.AddListItem(capDrop, "ALL", title), s.Name);
                return;
            }
            if (s.Get("cap_drop") is { } empty)
            {
                service.Report(NoCapDrop, empty, ComposeEdits.AddListItem(empty, "ALL", title), s.Name);
                return;
            }
            service.Report(NoCapDrop, s.KeyNode.Tree.GetLocation(s.KeyNode.Span), ComposeEdits.AddServiceEntry(s, "cap_drop: [ALL]", title), s.Name);
        });
    }
}
