using Plimsoll.Analysis;
using Plimsoll.Cli.Linting;

namespace Plimsoll.Cli.Output;

/// <summary>
/// A <c>--format</c> as a lint run uses it, chosen once: what the report keeps of each linted file until the end
/// (<see cref="Keep"/>, on the thread that linted it: every format but SARIF makes its part there or never reads the
/// text, so the file's text can go), and how the report is written.
/// </summary>
internal sealed class LintReport
{
    // The report is written after the run, all at once: a large buffer makes a few write calls rather than one per
    // kilobyte (a corpus run prints ~10 MB). Flushed when full and once when disposed.
    private const int BufferChars = 64 * 1024;

    private readonly Func<FileAnalysisResult, FileAnalysisResult> _keep;
    private readonly Action<LintRun, Stream> _write;

    private LintReport(Func<FileAnalysisResult, FileAnalysisResult> keep, Action<LintRun, Stream> write)
    {
        _keep = keep;
        _write = write;
    }

    /// <param name="format">One of <see cref="Commands.LintCommand.Formats"/>; anything else is text.</param>
    public static LintReport For(string format, bool color, bool quiet)
    {
        switch (format)
        {
            case "sarif":
                return new LintReport(file => file, SarifReporter.Write); // its writer reads each file's text at the end
            case "json":
            {
                var json = new JsonReporter();
                return new LintReport(json.Prepare, json.WriteReport);
            }
            case "gitlab":
            {
                var gitLab = new GitLabReporter();
                return new LintReport(gitLab.Prepare, gitLab.WriteReport);
            }
            case "checkstyle":
                return new LintReport(PreparedFiles.WithoutText, CheckstyleReporter.Write);
            case "github":
                return new LintReport(PreparedFiles.WithoutText, (run, stream) => WriteText(stream, writer => GitHubReporter.Write(run, writer)));
            default:
            {
                var text = new TextReporter(color, quiet);
                return new LintReport(text.Prepare, text.Write);
            }
        }
    }

    /// <summary>What of a linted file is kept for the report: the result itself, or the result without its text.</summary>
    public FileAnalysisResult Keep(FileAnalysisResult file) => _keep(file);

    public void Write(LintRun run, Stream output) => _write(run, output);

    private static void WriteText(Stream stream, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), bufferSize: BufferChars, leaveOpen: true);
        write(writer);
    }
}
