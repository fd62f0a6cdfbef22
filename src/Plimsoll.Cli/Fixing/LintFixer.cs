using Plimsoll.Cli.Output;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Cli.Linting;
using Plimsoll.Syntax.Compose;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Fixing;

/// <summary>
/// The CLI side of fixing: for each linted file with fixes to apply, runs Core's <see cref="SourceFixer"/> (re-analysing
/// with the same driver after each pass), then writes the file atomically, prints a unified diff (<c>--diff</c>), or,
/// for standard input, prints the fixed text. Says on stderr what was fixed and what was skipped, and why.
/// </summary>
internal sealed class LintFixer
{
    private readonly LintSession _session;
    private readonly LintRequest _request;

    public LintFixer(LintSession session, LintRequest request)
    {
        _session = session;
        _request = request;
    }

    /// <summary>The outcome: how many fixes were applied (or would be, with --diff), and whether any file could not be handled.</summary>
    public sealed record Outcome(int Applied, int FilesChanged, bool HadErrors, FixResult? StdinResult);

    public Outcome Run(LintRun run, FixMode mode, TextWriter output, TextWriter messages)
    {
        bool stdin = _request.Paths.Count == 1 && _request.Paths[0] == "-";
        int applied = 0, files = 0;
        bool errors = false;
        FixResult? stdinResult = null;
        foreach (var file in run.Files)
        {
            bool hasWork = file.Findings.Any(f => !f.IsSuppressed && f.Fix is { } fix && fix.EffectiveApplicability >= mode.Minimum && fix.EffectiveApplicability != FixApplicability.DisplayOnly);
            if (!hasWork && !stdin) continue;

            SourceFileContent content;
            if (stdin) content = new SourceFileContent(file.Path, file.Text, new System.Text.UTF8Encoding(false));
            else
            {
                content = SourceFileReader.Read(file.Path);
                if (!content.Text.ContentEquals(file.Text))
                {
                    messages.WriteLine($"{file.Path}: the file changed while it was linted: not fixed");
                    errors = true;
                    continue;
                }
            }

            // Each pass lints the fixed text as the session would the file (same kind, configuration and project).
            Func<Microsoft.CodeAnalysis.Text.SourceText, IReadOnlyList<Finding>> analyze = text => _session.Lint(file.Path, text).Findings;
            var result = SourceFixer.FixUntilStable(content.Text, analyze, mode.Minimum);
            foreach (var skipped in result.Skipped)
            {
                var position = skipped.Finding.LineSpan.StartLinePosition;
                messages.WriteLine($"{file.Path}:{position.Line + 1}:{position.Character + 1}: {skipped.Finding.Id} fix {skipped.Reason}");
            }
            if (stdin)
            {
                stdinResult = result;
                if (!mode.DiffOnly) output.Write(result.Fixed.ToString());
            }
            if (!result.Changed) continue;
            applied += result.Applied.Length;
            files++;
            if (mode.DiffOnly)
            {
                output.Write(UnifiedDiff.Create(DiffPath(file.Path), content.Text.ToString(), result.Fixed.ToString()));
                continue;
            }
            if (stdin) continue;
            if (FixedFileWriter.Write(content, result.Fixed.ToString()) is { } error)
            {
                messages.WriteLine($"{file.Path}: {error}");
                errors = true;
                applied -= result.Applied.Length;
                files--;
            }
        }
        string verb = mode.DiffOnly ? "would fix" : "fixed";
        messages.WriteLine($"plimsoll: {verb} {applied} finding{(applied == 1 ? "" : "s")} in {files} file{(files == 1 ? "" : "s")}"
                           + (mode.Minimum == FixApplicability.Safe ? " (safe fixes only; --unsafe-fixes applies the others)" : ""));
        return new Outcome(applied, files, errors, stdinResult);
    }

    private static string DiffPath(string path)
    {
        string forward = path.Replace('\\', '/');
        return forward.StartsWith("./", StringComparison.Ordinal) ? forward.Substring(2) : forward;
    }
}
