using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Analysis;

/// <summary>
/// The shell scripts a RUN executes: its shell-form command and, when the command only feeds a heredoc to
/// a shell (<c>RUN &lt;&lt;EOF</c>, <c>RUN bash &lt;&lt;EOF</c>), the heredoc body. Only for POSIX shells.
/// Parsed once per RUN node and shared: the driver's shell callbacks, ShellCheck and rules that compare RUNs all read
/// the same trees (parsing is the largest cost of a lint run); a script seen before, in this file or another, is not
/// parsed again (<see cref="ShellParseCache"/>).
/// </summary>
public static class RunScripts
{
    /// <summary>The scripts of <paramref name="run"/>: its shell-form command first, then the heredocs a shell reads.</summary>
    /// <remarks>
    /// A RUN node belongs to one tree, and its scripts depend only on that tree (the SHELL before it): they are kept on the
    /// node (a field, not a weak table: no lock and no GC handle per RUN). Two threads asking at once may both parse (an editor's); either list is right.
    /// </remarks>
    public static IReadOnlyList<RunScript> For(DockerfileSemanticModel model, RunInstructionSyntax run)
        => run.Scripts ??= Parse(model, run);

    // A list, not an iterator and its closure: most RUNs have one script and no heredoc.
    private static IReadOnlyList<RunScript> Parse(DockerfileSemanticModel model, RunInstructionSyntax run)
    {
        if (run.ShellForm is not { } shellForm || !model.UsesPosixShell(run)) return Array.Empty<RunScript>();
        var token = shellForm.Token;
        string command = token.Value;
        var shell = model.GetShell(run);
        var dialect = ShellDialects.ForProgram(shell.IsEmpty ? null : shell[0]);
        string shellName = ShellDialects.ProgramName(shell.IsEmpty ? "sh" : shell[0]);
        var scripts = new List<RunScript>(1) { new(run, ShellParseCache.Shared.Parse(command, dialect), shellName, token.MapLogicalSpan) };

        foreach (var heredoc in run.Heredocs)
        {
            if (!RunsHeredocAsScript(command, heredoc)) continue;
            var body = heredoc.Body;
            int bodyStart = body.Span.Start;
            scripts.Add(new RunScript(run, ShellParseCache.Shared.Parse(heredoc.Content, HeredocDialect(command, dialect)), HeredocShell(command, shellName),
                (start, length) => new TextSpan(bodyStart + start, length), heredoc));
        }
        return scripts;
    }

    // The shell that reads a heredoc script: the program named before it, else the SHELL.
    private static string HeredocShell(string command, string shellName)
    {
        var words = command.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && ShellDialects.IsPosixShell(words[0]) ? ShellDialects.ProgramName(words[0]) : shellName;
    }

    // `bash <<EOF` reads bash whatever the SHELL; `<<EOF` alone goes to the SHELL.
    private static ShellDialect HeredocDialect(string command, ShellDialect shellDialect)
    {
        var words = command.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && ShellDialects.IsPosixShell(words[0]) ? ShellDialects.ForProgram(words[0]) : shellDialect;
    }

    // `<<EOF` alone, or `sh <<EOF` / `bash -e <<EOF`: the body is the script.
    private static bool RunsHeredocAsScript(string command, HeredocSyntax heredoc)
    {
        var words = command.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return false;
        if (words[0].StartsWith("<<", StringComparison.Ordinal) || char.IsDigit(words[0][0])) return true;
        return ShellDialects.IsPosixShell(words[0]);
    }
}
