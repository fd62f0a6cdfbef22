using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Hygiene;

/// <summary>One simple command of a RUN's shell-form script (or exec form), with a way back to the file's text.</summary>
internal sealed class RunCommand
{
    private readonly Plimsoll.Analysis.RunScript _script;

    public RunCommand(RunInstructionSyntax run, ShellCommandContext context, Plimsoll.Analysis.RunScript script)
    {
        Run = run;
        Context = context;
        _script = script;
    }

    public RunInstructionSyntax Run { get; }
    public ShellCommandContext Context { get; }
    public SimpleCommand Command => Context.SimpleCommand!;
    public ShellResolvedCommand Resolved => Command.ResolvedCommand;

    public TextSpan MapToSource(ShellNode node) => _script.MapToSource(node.Start, node.Length);
}

/// <summary>
/// The commands of a stage's RUN instructions, for rules that compare RUN instructions with each other (the driver's
/// shell callbacks see one command at a time). Shell form in POSIX shells, and exec form (read as its argv, or as the
/// script of `["sh", "-c", …]`); `sh -c` scripts included.
/// </summary>
internal static class StageRunCommands
{
    /// <summary>The script read for <paramref name="run"/>: the shell-form or exec-form script as the driver parsed it (heredoc scripts are not read here).</summary>
    public static Plimsoll.Analysis.RunScript? ScriptOf(DockerfileSemanticModel model, RunInstructionSyntax run)
    {
        var scripts = Plimsoll.Analysis.ExecFormScripts.AllFor(model, run);
        for (int i = 0; i < scripts.Count; i++)
            if (scripts[i].Heredoc == null) return scripts[i];
        return null;
    }

    public static IEnumerable<RunCommand> Of(DockerfileSemanticModel model, RunInstructionSyntax run)
    {
        if (ScriptOf(model, run) is not { } script) yield break;
        foreach (var context in script.Parse.DescendantCommandsWithInlineScripts())
            if (context.SimpleCommand != null) yield return new RunCommand(run, context, script);
    }

    /// <summary>The commands of the stage's RUN instructions that run one of <paramref name="programs"/> (looked through sudo, env…).</summary>
    public static IEnumerable<RunCommand> Running(DockerfileSemanticModel model, BuildStage stage, params string[] programs)
    {
        foreach (var instruction in stage.Instructions)
        {
            if (instruction is not RunInstructionSyntax run || ScriptOf(model, run) is not { } script) continue;
            foreach (var context in script.Parse.DescendantCommandsWithInlineScripts())
                if (context.SimpleCommand?.ResolvedCommand.Name is { } name && Array.IndexOf(programs, name) >= 0)
                    yield return new RunCommand(run, context, script);
        }
    }
}
