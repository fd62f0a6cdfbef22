using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Shell;

/// <summary>
/// PL7002: a RUN script with a pipe whose shell does not fail when a command before the last one fails: neither the
/// stage's SHELL sets <c>-o pipefail</c> nor the script runs <c>set -o pipefail</c> before the pipe. A failed
/// <c>curl … | tar x</c> then builds a broken image.
/// </summary>
[PlimsollAnalyzer]
public sealed class PipeWithoutPipefailAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage PipeIgnoresFailure = new("pipeIgnoresFailure",
        "Only the last command of this pipe decides whether the RUN fails: set -o pipefail first (SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"], or 'set -o pipefail &&' in a shell that has it)");

    public static readonly RuleDescriptor Rule = new(
        id: "PL7002", name: "PipeWithoutPipefail", title: "Pipe in RUN without pipefail",
        category: "Shell", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A pipeline's status is its last command's: a download or build step that fails before a pipe is ignored and the build goes on with a broken image, unless pipefail is set.",
        securitySeverity: "2.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [PipeIgnoresFailure],
        peers:
        [
            PeerRule.Hadolint("DL4006"),
            PeerRule.Kics("efbf148a-67e9-42d2-ac47-02fa1c0d0b22", "Shell Running A Pipe Without Pipefail Flag"),
        ],
        fix: FixApplicability.Unsafe);

    // Shells with `set -o pipefail` (ash: BusyBox's; dash has no pipefail, and /bin/sh is dash on Debian and Ubuntu).
    private static readonly HashSet<string> PipefailShells = new(StringComparer.Ordinal) { "bash", "zsh", "ash", "ksh", "mksh" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not RunInstructionSyntax run) return;
            if (ShellSetsPipefail(instruction.Model.GetShell(run))) return;
            foreach (var script in instruction.GetRunScripts(run))
            {
                if (FirstUnguardedPipe(script.Parse) is not { } pipe) continue;
                instruction.Report(PipeIgnoresFailure, script.MapToSource(pipe, 1), FixFor(instruction, run, script));
            }
        }, DockerfileSyntaxKind.RunInstruction);
    }

    // SHELL ["/bin/bash", "-o", "pipefail", "-c"] (or -eo pipefail, -opipefail) with a shell that has the option.
    private static bool ShellSetsPipefail(ImmutableArray<string> shell)
    {
        if (shell.IsEmpty || !PipefailShells.Contains(shell[0].Substring(shell[0].LastIndexOf('/') + 1))) return false;
        for (int i = 1; i < shell.Length; i++)
        {
            string word = shell[i];
            if (word == "-opipefail" || word == "+opipefail") return word[0] == '-';
            if (word.Length > 1 && word[0] == '-' && word[1] != '-' && word.EndsWith("o", StringComparison.Ordinal) && i + 1 < shell.Length && shell[i + 1] == "pipefail") return true;
        }
        return false;
    }

    // The offset of the first '|' of the script not preceded by `set -o pipefail` (in script order); null when none.
    private static int? FirstUnguardedPipe(ShellParseResult parse)
    {
        int pipefailAt = int.MaxValue;
        int? firstPipe = null;
        foreach (var command in parse.Script.DescendantCommands())
        {
            if (command.SimpleCommand?.ResolvedCommand is { Name: "set" } set && SetsPipefail(set))
                pipefailAt = Math.Min(pipefailAt, set.Command.Start);
            foreach (int pipe in command.Pipeline.PipeStarts)
                if (firstPipe == null || pipe < firstPipe) firstPipe = pipe;
        }
        return firstPipe is { } at && at < pipefailAt ? at : null;
    }

    // set -o pipefail, set -eo pipefail, set -euxo pipefail
    private static bool SetsPipefail(ShellResolvedCommand set)
    {
        var words = set.Arguments;
        for (int i = 0; i + 1 < words.Length; i++)
        {
            if (!words[i].TryGetLiteralValue(out string flag) || !words[i + 1].TryGetLiteralValue(out string option)) continue;
            if (option == "pipefail" && flag.Length > 1 && flag[0] == '-' && flag[1] != '-' && flag.EndsWith("o", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    // In a shell with pipefail: `set -o pipefail && ` before the command. Otherwise the SHELL line, shown only: the image
    // may have no bash, and it changes the shell of every later RUN of the stage.
    private static CodeFix? FixFor(InstructionAnalysisContext instruction, RunInstructionSyntax run, RunScript script)
    {
        if (script.Heredoc != null || run.ShellForm is not { } shellForm) return null;
        var start = shellForm.Token.Span.Start;
        if (PipefailShells.Contains(script.Shell))
            return new CodeFix("Set pipefail before the command", ImmutableArray.Create(new TextChange(new TextSpan(start, 0), "set -o pipefail && ")));
        var line = instruction.Text.Lines.GetLineFromPosition(run.Span.Start);
        string indent = instruction.Text.ToString(TextSpan.FromBounds(line.Start, run.Span.Start));
        if (indent.Any(c => !char.IsWhiteSpace(c))) return null;
        string newline = line.EndIncludingLineBreak > line.End ? instruction.Text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : "\n";
        return new CodeFix("Run with bash -o pipefail", ImmutableArray.Create(new TextChange(new TextSpan(run.Span.Start, 0), "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]" + newline + indent)),
            FixApplicability.DisplayOnly);
    }
}
