using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Resources;

/// <summary>
/// PL2012: a compose or stack service with no memory limit or no CPU limit (<c>mem_limit</c>, <c>cpus</c>,
/// <c>cpu_quota</c>, <c>deploy.resources.limits</c>). A zero or negative limit is no limit; an unknown one counts as set.
/// </summary>
[PlimsollAnalyzer]
public sealed class NoResourceLimitsAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NoLimits = new("noLimits",
        "Service '{service}' has {missing}: one runaway or compromised container can starve everything else on the host");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2012", name: "NoResourceLimits", title: "No memory or CPU limit",
        category: "Resources", defaultSeverity: DiagnosticSeverity.Info,
        description: "Docker limits neither memory nor CPU by default, so a leaking, overloaded or hijacked service can exhaust the host for every other container on it.",
        securitySeverity: "3.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [NoLimits],
        peers:
        [
            PeerRule.ComposeLint("CL-0026"),
            PeerRule.Kics("bb9ac4f7-e13b-423d-a010-c74a1bfbe492", "Memory Not Limited"),
            PeerRule.Kics("6b610c50-99fb-4ef0-a5f3-e312fd945bc3", "Cpus Not Limited"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            if (s.Mapping == null) return;
            var limits = ((s.Get("deploy") as ProjectMapping)?["resources"] as ProjectMapping)?["limits"] as ProjectMapping;
            bool memory = LimitsMemory(s.Scalar("mem_limit")) || LimitsMemory(limits?.Scalar("memory"));
            bool cpu = Limits(s.Scalar("cpus")) || Limits(s.Scalar("cpu_quota")) || Limits(limits?.Scalar("cpus"));
            if (memory && cpu) return;
            string missing = !memory && !cpu ? "no memory limit and no CPU limit" : !memory ? "no memory limit" : "no CPU limit";
            service.Report(NoLimits, s.KeyNode, s.Name, missing);
        });
    }

    /// <summary>True when the value bounds something: a positive quantity, or a value not known here.</summary>
    private static bool Limits(ProjectScalar? value) => Bound(value, memory: false);

    /// <summary>Like <see cref="Limits"/>, for a memory size: compose truncates it to whole bytes, and 0 bytes is no limit (<c>0.5</c>).</summary>
    private static bool LimitsMemory(ProjectScalar? value) => Bound(value, memory: true);

    private static bool Bound(ProjectScalar? value, bool memory)
    {
        if (value == null) return false;
        if (value.KnownText is not { } text) return value.Raw != null; // unknown: assume the operator sets it
        text = text.Trim();
        if (text.Length == 0) return false;
        // A value compose cannot read as a size (512Mi, 1gig, notanumber) bounds nothing: compose refuses it.
        if (ComposeSize.Parse(text) is not { } size) return false;
        return memory ? Math.Floor(size.Number * size.Multiplier) >= 1 : size.Number > 0;
    }
}
