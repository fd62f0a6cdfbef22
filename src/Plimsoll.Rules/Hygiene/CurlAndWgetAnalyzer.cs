using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Hygiene;

/// <summary>PL6031: a stage that runs both curl and wget: two tools (and their libraries) for one job.</summary>
[PlimsollAnalyzer]
public sealed class CurlAndWgetAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Both = new("both", "this stage already runs '{first}' (line {line}); '{second}' does the same job: use one of them, so that the image needs only one");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6031", name: "CurlAndWget", title: "Both curl and wget used",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Info,
        description: "curl and wget download the same things; needing both means installing and patching two tools and their libraries where one would do.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Hygiene],
        messages: [Both],
        peers:
        [
            PeerRule.Hadolint("DL4001"),
            PeerRule.Kics("fc775e75-fcfb-4c98-b2f2-910c5858b359", "Run Using 'wget' and 'curl'"),
            PeerRule.Trivy("DS-0014"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            RunCommand? first = null;
            foreach (var command in StageRunCommands.Running(stage.Model, stage.Stage, "curl", "wget"))
            {
                string? name = command.Resolved.Name;
                if (command.Resolved.NameWord is not { } word) continue;
                if (first == null)
                {
                    first = command;
                    continue;
                }
                string firstName = first.Resolved.Name!;
                if (firstName == name) continue;
                int line = stage.Text.Lines.GetLinePosition(first.MapToSource(first.Resolved.NameWord!).Start).Line + 1;
                stage.Report(Both, command.MapToSource(word), firstName, line, name);
                return;
            }
        });
    }
}
