using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Rules.Shared;

namespace Plimsoll.Rules.Downloads;

/// <summary>PL1005: <c>curl … | sh</c>, <c>wget -O- … | bash</c>, and <c>sh -c "$(curl …)"</c>.</summary>
[PlimsollAnalyzer]
public sealed class DownloadPipedToShellAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.DownloadPipedToShell);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var downloader = context.Resolved?.Name;
        if (!RuleHelpers.IsDownloader(downloader)) return;
        var command = context.Command.SimpleCommand!;

        foreach (var target in context.Command.SimpleCommandsPipedTo())
        {
            var interpreter = target.ResolvedCommand.Name;
            if (interpreter == null || !RuleHelpers.ScriptInterpreters.Contains(interpreter)) continue;
            int end = target.Start + target.Length;
            context.Report(RuleCatalog.DownloadPipedToShell, context.MapToSource(command.Start, end - command.Start), downloader, interpreter);
            return;
        }

        // sh -c "$(curl …)", eval "$(curl …)", . <(…) is not sh.
        if (context.Command.Substitution != null && context.Command.Outer?.SimpleCommand is { } outer)
        {
            var name = outer.ResolvedCommand.Name;
            if (name != null && (RuleHelpers.ScriptInterpreters.Contains(name) || name == "eval" || name == "source" || name == "."))
                context.Report(RuleCatalog.DownloadPipedToShell, context.MapToSource(outer), downloader, name);
        }
    }
}
