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
    public static List<RunCommand> Of(DockerfileSemanticModel model, RunInstructionSyntax run)
    {
        var commands = new List<RunCommand>();
        // The shell-form or exec-form script as the driver parsed it (heredoc scripts are not read here).
        var script = Plimsoll.Analysis.ExecFormScripts.AllFor(model, run).FirstOrDefault(s => s.Heredoc == null);
        if (script == null) return commands;
        foreach (var context in script.Parse.DescendantCommandsWithInlineScripts())
            if (context.SimpleCommand != null) commands.Add(new RunCommand(run, context, script));
        return commands;
    }

    public static IEnumerable<RunCommand> Of(DockerfileSemanticModel model, BuildStage stage)
    {
        foreach (var instruction in stage.Instructions)
            if (instruction is RunInstructionSyntax run)
                foreach (var command in Of(model, run))
                    yield return command;
    }
}
