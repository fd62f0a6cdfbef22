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

        if (run.Heredocs.Length == 0) return scripts;
        // What reads the heredocs depends on the command's first word alone: `<<EOF` alone (or `2<<EOF`) goes to the
        // SHELL, `sh <<EOF` / `bash -e <<EOF` to that shell (whatever the SHELL); anything else does not run them.
        string? first = FirstWord(command);
        if (first == null) return scripts;
        bool toShell = first.StartsWith("<<", StringComparison.Ordinal) || char.IsDigit(first[0]);
        bool namedShell = ShellDialects.IsPosixShell(first);
        if (!toShell && !namedShell) return scripts;
        var heredocDialect = namedShell ? ShellDialects.ForProgram(first) : dialect;
        string heredocShell = namedShell ? ShellDialects.ProgramName(first) : shellName;
        foreach (var heredoc in run.Heredocs)
        {
            int bodyStart = heredoc.Body.Span.Start;
            scripts.Add(new RunScript(run, ShellParseCache.Shared.Parse(heredoc.Content, heredocDialect), heredocShell,
                (start, length) => new TextSpan(bodyStart + start, length), heredoc));
        }
        return scripts;
    }

    private static string? FirstWord(string command)
    {
        var words = command.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 ? words[0] : null;
    }
}
