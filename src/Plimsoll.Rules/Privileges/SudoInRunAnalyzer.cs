using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2050: <c>sudo</c> (or <c>doas</c>) running a command inside a RUN script. The build decides who runs a RUN through
/// USER; sudo either does nothing (the build is already root) or only works because the image grants password-less
/// sudo to its user, which any process in the container can then use to become root.
/// </summary>
[PlimsollAnalyzer]
public sealed class SudoInRunAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage SudoUsed = new("sudoUsed", "'{tool}' in RUN: switch users with USER instead; password-less {tool} in an image lets any process in the container become root");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2050", name: "SudoInRun", title: "sudo used in RUN",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A RUN already runs as the USER in force; sudo in it is either useless (root) or relies on password-less sudo in the image, which hands root to anything running in the container.",
        securitySeverity: "5.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [SudoUsed],
        peers:
        [
            PeerRule.Hadolint("DL3004"),
            PeerRule.Kics("8ada6e80-0ade-439e-b176-0b28f6bce35a", "Run Using Sudo"),
            PeerRule.Checkov("CKV2_DOCKER_1"),
            PeerRule.Trivy("DS-0010"),
        ],
        fix: FixApplicability.Unsafe);

    // A switch, not a set: asked for the words of every command.
    private static bool IsElevator(string name) => name is "sudo" or "doas";

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var command = context.Command.SimpleCommand!;
        var resolved = command.ResolvedCommand;
        // The elevator is a wrapper looked through (`sudo apt-get …`), or the command itself (`sudo -v`, `sudo $CMD`).
        int last = resolved.WordIndex < 0 ? -1 : Math.Min(resolved.WordIndex, command.Words.Length - 1);
        for (int i = 0; i <= last; i++)
        {
            string? name = ShellResolvedCommand.BaseName(command.Words[i]);
            if (name == null || !IsElevator(name)) continue;
            var span = context.MapToSource(command.Words[i]);
            context.Report(SudoUsed, span, RemovalFix(context, command, i, resolved), name);
            return;
        }
    }

    /// <summary>
    /// Deletes a bare `sudo ` that directly precedes the command it runs (no options, no assignments). Unsafe: under a
    /// non-root USER the command then runs unprivileged and may fail, and sudo's environment reset no longer applies.
    /// </summary>
    private static CodeFix? RemovalFix(ShellCommandAnalysisContext context, SimpleCommand command, int index, ShellResolvedCommand resolved)
    {
        if (resolved.WordIndex != index + 1 || resolved.WrapperNames.Length != 1) return null;
        var elevator = context.MapToSource(command.Words[index]);
        var next = context.MapToSource(command.Words[index + 1]);
        if (next.Start <= elevator.End) return null;
        // Only blanks between the two words: a continuation or comment in between stays as written.
        string between = context.Text.ToString(TextSpan.FromBounds(elevator.End, next.Start));
        if (between.Any(c => c != ' ' && c != '\t')) return null;
        return new CodeFix($"Remove '{context.Text.ToString(elevator)}'", new TextChange(TextSpan.FromBounds(elevator.Start, next.Start), ""));
    }
}
