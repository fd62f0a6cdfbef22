using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Resources;

/// <summary>PL2016 (opt-in): a service without a process limit (<c>pids_limit</c> or <c>deploy.resources.limits.pids</c>), or with one of zero or less.</summary>
[PlimsollAnalyzer]
public sealed class NoPidsLimitAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NoLimit = new("noLimit",
        "Service '{service}' sets no process limit: a fork bomb in it can exhaust the host's process table");
    public static readonly RuleMessage Unlimited = new("unlimited",
        "Service '{service}' sets pids_limit {value}, which is no limit");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2016", name: "NoPidsLimit", title: "No process limit",
        category: "Resources", defaultSeverity: DiagnosticSeverity.Info,
        description: "Without a pids limit a container can start processes until the host's process table is full; many hosts already cap it through systemd's TasksMax, so this is opt-in.",
        securitySeverity: "2.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [NoLimit, Unlimited],
        peers: [PeerRule.Kics("221e0658-cb2a-44e3-b08a-db96a341d6fa", "Pids Limit Not Set")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            if (s.Mapping == null) return;
            var limits = ((s.Get("deploy") as ProjectMapping)?["resources"] as ProjectMapping)?["limits"] as ProjectMapping;
            var candidates = new[] { s.Scalar("pids_limit"), limits?.Scalar("pids") }.Where(c => c?.Raw != null).ToList();
            if (candidates.Count == 0)
            {
                service.Report(NoLimit, s.KeyNode, s.Name);
                return;
            }
            foreach (var value in candidates)
            {
                if (value!.KnownText is not { } text) return; // unknown: may be a limit
                if (!long.TryParse(text.Trim(), out var n) || n > 0) return;
            }
            var last = candidates[candidates.Count - 1]!;
            service.Report(Unlimited, last, s.Name, last.KnownText!.Trim());
        });
    }
}
