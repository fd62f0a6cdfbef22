using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5003: two stages with the same name (compared case-insensitively, as BuildKit does).</summary>
[PlimsollAnalyzer]
public sealed class DuplicateStageNameAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Duplicate = new("duplicate", "Stage name '{name}' is already used by the stage on line {line}: a FROM or COPY --from naming it may get a different stage than the one meant");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5003", name: "DuplicateStageName", title: "Two stages share a name",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Stage names are how FROM and COPY --from refer to stages; with two stages of one name, which one a reference gets depends on its position and on the builder.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [Duplicate],
        peers:
        [
            PeerRule.Hadolint("DL3024"),
            PeerRule.BuildKit("DuplicateStageName"),
            PeerRule.Trivy("DS-0012"),
            PeerRule.Checkov("CKV_DOCKER_11"),
            PeerRule.Kics("f2daed12-c802-49cd-afed-fe41d0b82fed", "Same Alias In Different Froms"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var stage in file.Model.Stages)
            {
                if (stage.From.StageName is not { } name) continue;
                if (seen.TryGetValue(name.Value, out int line))
                    file.Report(Duplicate, name.Token.Span, name.Value, line);
                else
                    seen[name.Value] = StageFacts.LineOf(file.Text, name.Token.Span.Start);
            }
        });
    }
}
