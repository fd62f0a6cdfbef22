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
    private static InstructionSyntax? LastOf(BuildStage stage, DockerfileSyntaxKind kind)
    {
        foreach (var candidate in new[] { stage }.Concat(StageFacts.Ancestors(stage)))
        {
            var last = candidate.Instructions.LastOrDefault(i => i.Kind == kind);
            if (last != null) return last;
        }
        return null;
    }
}
