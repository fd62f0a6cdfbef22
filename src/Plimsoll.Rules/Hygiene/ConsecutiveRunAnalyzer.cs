using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Hygiene;

/// <summary>
/// PL6032: a RUN right after another RUN, with the same flags, where each runs a single command: the split is most
/// likely accidental, and each RUN adds a layer. A RUN that already chains commands is taken as split on purpose.
/// </summary>
[PlimsollAnalyzer]
public sealed class ConsecutiveRunAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Consecutive = new("consecutive", "this RUN directly follows the RUN on line {line} with the same flags, and each runs one command: join them with && into one layer");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6032", name: "ConsecutiveRun", title: "Consecutive short RUN instructions",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Info,
        description: "Every RUN makes a layer and a cache entry; short RUNs in a row usually belong together, and joining them makes the image smaller and the build faster.",
        securitySeverity: "0.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Hygiene],
        messages: [Consecutive],
        peers: [PeerRule.Hadolint("DL3059")],
        enabledByDefault: false);

    // A RUN that chains more commands than this is taken as deliberately split from its neighbours.
    private const int ShortScript = 1;

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            RunInstructionSyntax? previous = null;
            int previousCount = 0;
            foreach (var instruction in stage.Stage.Instructions)
            {
                if (instruction is not RunInstructionSyntax run || !run.Heredocs.IsDefaultOrEmpty)
                {
                    previous = null; // any other instruction (or a heredoc script) separates RUNs
                    continue;
                }
                int count = CommandCount(stage, run);
                if (previous != null && SameFlags(previous, run) && count <= ShortScript && previousCount <= ShortScript)
                {
                    int line = stage.Text.Lines.GetLinePosition(previous.Span.Start).Line + 1;
                    stage.Report(Consecutive, run.Keyword.Span, line);
                }
                previous = run;
                previousCount = count;
            }
        });
    }

    private static int CommandCount(StageAnalysisContext stage, RunInstructionSyntax run)
    {
        if (run.ShellForm == null) return 1; // exec form: one program
        if (!stage.Model.UsesPosixShell(run)) return int.MaxValue; // PowerShell or cmd: not read, never joined
        // Commands of the script itself and its compound bodies; not those in substitutions or `sh -c` scripts.
        if (StageRunCommands.ScriptOf(stage.Model, run) is not { } script) return 0;
        int count = 0;
        foreach (var context in script.Parse.DescendantCommandsWithInlineScripts())
            if (context.SimpleCommand != null && context.Substitution == null && context.Outer?.SimpleCommand == null) count++;
        return count;
    }

    private static bool SameFlags(RunInstructionSyntax a, RunInstructionSyntax b)
        => a.Flags.Select(f => f.Text).SequenceEqual(b.Flags.Select(f => f.Text), StringComparer.Ordinal);
}
