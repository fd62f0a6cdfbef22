using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5004: a stage named <c>scratch</c> or <c>context</c>, words BuildKit reserves.</summary>
[PlimsollAnalyzer]
public sealed class ReservedStageNameAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Scratch = new("scratch", "Stage name '{name}' is reserved: FROM scratch means the empty image, never this stage");
    public static readonly RuleMessage Context = new("context", "Stage name '{name}' is reserved: BuildKit uses 'context' for the build context, so a reference to this stage may get the context instead");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5004", name: "ReservedStageName", title: "Stage named with a reserved word",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "'scratch' and 'context' already mean the empty image and the build context; a stage with such a name cannot be referred to reliably.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [Scratch, Context],
        peers:
        [
            PeerRule.BuildKit("ReservedStageName"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            if (stage.Stage.From.StageName is not { } name) return;
            if (name.Value.Equals("scratch", StringComparison.OrdinalIgnoreCase)) stage.Report(Scratch, name.Token.Span, name.Value);
            else if (name.Value.Equals("context", StringComparison.OrdinalIgnoreCase)) stage.Report(Context, name.Token.Span, name.Value);
        });
    }
}
