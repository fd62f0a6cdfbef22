using Plimsoll.Rules.Correctness;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// A container command that starts as root only to switch to another user before the application runs:
/// <c>ENTRYPOINT ["gosu", "app", "server"]</c> or <c>su-exec</c>, the pattern of many official images. The process
/// the container exists for then runs as that user.
/// </summary>
internal static class PrivilegeDropCommand
{
    private static readonly HashSet<string> SwitchUserTools = new(StringComparer.Ordinal) { "gosu", "su-exec" };

    /// <summary>The non-root user the stage's start command switches to, or null.</summary>
    public static string? TargetUser(BuildStage stage)
    {
        var start = LastOf(stage, DockerfileSyntaxKind.EntrypointInstruction) ?? LastOf(stage, DockerfileSyntaxKind.CmdInstruction);
        // Exec form only: its words are exactly what runs (no shell, no variables).
        if (start is not CommandInstructionSyntax { ExecForm: { } exec }) return null;
        var words = exec.Values;
        if (words.Count < 3) return null;
        if (!SwitchUserTools.Contains(Syntax.Shell.ShellDialects.ProgramName(words[0]))) return null;
        string user = words[1];
        string name = user.Split(':')[0];
        if (name.Length == 0 || name.StartsWith("-", StringComparison.Ordinal) || name.IndexOf('$') >= 0) return null;
        return UserSetting.IsRootUser(user) ? null : user;
    }

    // The start command in force for the stage: its own, or inherited from the stages it builds on.
    // Loops, not LINQ: it runs for the final stage of every file (and the stage most often builds on an image, for
    // which Ancestors makes nothing).
    private static InstructionSyntax? LastOf(BuildStage stage, DockerfileSyntaxKind kind)
    {
        if (LastIn(stage, kind) is { } own) return own;
        foreach (var ancestor in StageFacts.Ancestors(stage))
            if (LastIn(ancestor, kind) is { } inherited) return inherited;
        return null;
    }

    private static InstructionSyntax? LastIn(BuildStage stage, DockerfileSyntaxKind kind)
    {
        var instructions = stage.Instructions;
        for (int i = instructions.Length - 1; i >= 0; i--)
            if (instructions[i].Kind == kind) return instructions[i];
        return null;
    }
}
