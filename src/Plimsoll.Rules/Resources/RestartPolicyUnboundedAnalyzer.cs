using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Resources;

/// <summary>
/// PL2017 (opt-in): a restart policy without a retry cap of at most 5 (CIS Docker Benchmark 5.14): <c>restart: always</c>,
/// <c>unless-stopped</c>, <c>on-failure</c> without a count or with more than 5, and the same in <c>deploy.restart_policy</c>.
/// </summary>
[PlimsollAnalyzer]
public sealed class RestartPolicyUnboundedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Unbounded = new("unbounded",
        "Service '{service}' restarts with '{policy}', without a cap of at most 5 attempts: a crash loop restarts forever");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2017", name: "RestartPolicyUnbounded", title: "Restart policy not capped at 5 attempts",
        category: "Resources", defaultSeverity: DiagnosticSeverity.Info,
        description: "The CIS Docker Benchmark asks for 'on-failure' with at most 5 retries, so that a crashing or attacked container does not restart endlessly; most deployments want 'always' instead, so this is opt-in.",
        securitySeverity: "1.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [Unbounded],
        peers: [PeerRule.Kics("2fc99041-ddad-49d5-853f-e35e70a48391", "Restart Policy On Failure Not Set To 5")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            // restart: is ignored in a stack (the model has none there); deploy.restart_policy applies to both.
            if (s.Restart is { } restart && service.KnownValue(restart) is { } value)
            {
                string policy = value.Trim();
                var parts = policy.Split(':');
                bool capped = parts[0] == "no" || parts[0] == "on-failure" && parts.Length == 2 && int.TryParse(parts[1], out var n) && n > 0 && n <= 5;
                if (!capped) service.Report(Unbounded, restart, s.Name, policy);
            }
            if ((s.Get("deploy") as ProjectMapping)?["restart_policy"] is ProjectMapping policyMap)
            {
                var condition = policyMap.Scalar("condition");
                string? conditionValue = condition == null ? "any" : service.KnownValue(condition)?.Trim();
                if (conditionValue == null || conditionValue == "none") return;
                var attempts = policyMap.Scalar("max_attempts");
                if (attempts != null && service.KnownValue(attempts) is not { } known) return;
                bool capped = attempts != null && int.TryParse(service.KnownValue(attempts)!.Trim(), out var max) && max > 0 && max <= 5;
                if (!capped)
                    service.Report(Unbounded, (ProjectNode?)condition ?? policyMap, s.Name, "condition: " + conditionValue + (attempts == null ? "" : ", max_attempts: " + service.KnownValue(attempts)));
            }
        });
    }
}
