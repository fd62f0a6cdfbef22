using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Rules.Shared;

namespace Plimsoll.Rules.Downloads;

/// <summary>PL1005: <c>curl … | sh</c>, <c>wget -O- … | bash</c>, and <c>sh -c "$(curl …)"</c>.</summary>
[PlimsollAnalyzer]
public sealed class DownloadPipedToShellAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Piped = new("piped", "'{downloader}' output is executed by '{interpreter}' without being checked");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1005", name: "DownloadPipedToShell", title: "Download piped into a shell",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Error,
        description: "Piping a download into a shell runs whatever the server sends, with the build's privileges, and leaves nothing to review.",
        securitySeverity: "8.1", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [Piped]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, name => RuleHelpers.IsDownloader(name));

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
            context.Report(Piped, context.MapToSource(command.Start, end - command.Start), downloader, interpreter);
            return;
        }

        // sh -c "$(curl …)", eval "$(curl …)", . <(…) is not sh.
        if (context.Command.Substitution != null && context.Command.Outer?.SimpleCommand is { } outer)
        {
            var name = outer.ResolvedCommand.Name;
            if (name != null && (RuleHelpers.ScriptInterpreters.Contains(name) || name == "eval" || name == "source" || name == "."))
                context.Report(Piped, context.MapToSource(outer), downloader, name);
        }
    }
}
