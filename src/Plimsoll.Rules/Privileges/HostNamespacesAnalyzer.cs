using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2004: <c>pid</c>, <c>ipc</c>, <c>uts</c>, <c>userns_mode</c> or <c>cgroup</c> set to <c>host</c>.</summary>
[PlimsollAnalyzer]
public sealed class HostNamespacesAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.HostNamespaces);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            Check(service, "pid", "PID", s.Pid);
            Check(service, "ipc", "IPC", s.Ipc);
            Check(service, "uts", "UTS", s.Uts);
            Check(service, "userns_mode", "user", s.UsernsMode);
            Check(service, "cgroup", "cgroup", s.Cgroup);
        });
    }

    private static void Check(ComposeServiceAnalysisContext service, string key, string namespaceName, ProjectScalar? scalar)
    {
        // Swarm ignores these keys: in a stack the model has none of them.
        if (scalar == null) return;
        if (string.Equals(service.KnownValue(scalar), "host", StringComparison.OrdinalIgnoreCase))
            service.Report(RuleCatalog.HostNamespaces, scalar, key, namespaceName);
    }
}
