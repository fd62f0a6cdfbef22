using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2004: <c>pid</c>, <c>ipc</c> or <c>cgroup</c> set to <c>host</c>. Not <c>uts: host</c> or <c>userns_mode: host</c>:
/// under Docker's defaults they give the container nothing it can use against the host (see the rule's page).
/// </summary>
[PlimsollAnalyzer]
public sealed class HostNamespacesAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage HostNamespace = new("hostNamespace", "'{key}: host' shares the host's {namespace} namespace with the container");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2004", name: "HostNamespaces", title: "Host namespace shared with the container",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Error,
        description: "Sharing the host's PID, IPC or cgroup namespace lets the container see and signal host processes, read host shared memory, or see the host's cgroup tree.",
        securitySeverity: "8.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [HostNamespace],
        peers:
        [
            PeerRule.Kics("4f31dd9f-2cc3-4751-9b53-67e4af83dac0", "Host Namespace is Shared"),
            PeerRule.Kics("baa3890f-bed7-46f5-ab8f-1da8fc91c729", "Shared Host IPC Namespace"),
            PeerRule.ComposeLint("CL-0010"),
        ],
        fix: FixApplicability.Unsafe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            Check(service, "pid", "PID", s.Pid);
            Check(service, "ipc", "IPC", s.Ipc);
            Check(service, "cgroup", "cgroup", s.Cgroup);
        });
    }

    private static void Check(ComposeServiceAnalysisContext service, string key, string namespaceName, ProjectScalar? scalar)
    {
        // Swarm ignores these keys: in a stack the model has none of them.
        if (scalar == null) return;
        if (string.Equals(service.KnownValue(scalar), "host", StringComparison.OrdinalIgnoreCase))
            service.Report(HostNamespace, scalar, RuleEdits.RemoveEntryLine(scalar.Tree.Text, scalar.Span, key, $"Remove '{key}: host'"), key, namespaceName);
    }
}
