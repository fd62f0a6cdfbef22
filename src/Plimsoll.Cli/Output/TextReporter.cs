using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Cli.Linting;

namespace Plimsoll.Cli.Output;

/// <summary>
/// Output for people: <c>path:line:col: severity PLnnnn message</c>, the source line with a caret under the
/// span, and a summary. Colour only on a terminal (and never with --no-color or NO_COLOR).
/// </summary>
internal sealed class TextReporter
{
    private readonly bool _color;
    private readonly bool _quiet;

    public TextReporter(bool color, bool quiet)
    {
        _color = color;
        _quiet = quiet;
    }

    private readonly PreparedFiles<string> _prepared = new();

    /// <summary>
    /// Writes a file's findings now, on the thread that linted it, and gives back its result without the file's text,
    /// which the report then no longer needs: <see cref="Write"/> prints what was written here.
    /// </summary>
    public FileAnalysisResult Prepare(FileAnalysisResult file)
    {
        var findings = new StringWriter();
        WriteFindings(file, findings);
        return _prepared.Keep(file, findings.ToString());
    }

    public void Write(LintRun run, TextWriter output)
    {
        int errors = 0, warnings = 0, notes = 0, suppressed = 0;
        foreach (var file in run.Files)
        {
            foreach (var finding in file.Findings)
            {
                if (finding.IsSuppressed) { suppressed++; continue; }
                if (finding.Severity == DiagnosticSeverity.Hidden) continue;
                switch (finding.Severity)
                {
                    case DiagnosticSeverity.Error: errors++; break;
                    case DiagnosticSeverity.Warning: warnings++; break;
                    default: notes++; break;
                }
            }
            if (_prepared.TryGet(file, out var written)) output.Write(written);
            else WriteFindings(file, output);
        }
        foreach (var notification in run.AllNotifications)
            output.WriteLine($"{(notification.Path == null ? "plimsoll" : TerminalText.Sanitize(DisplayPaths.For(notification.Path)))}: {Paint(LevelWord(notification.Level), Red)} {TerminalText.Sanitize(notification.Message)}");

        int total = errors + warnings + notes;
        if (_quiet && total == 0) return;
        string summary = total == 0
            ? $"No problems in {Count(run.Files.Length, "file")}."
            : $"{Count(total, "problem")} ({Count(errors, "error")}, {Count(warnings, "warning")}, {Count(notes, "note")}) in {Count(run.Files.Length, "file")}.";
        if (suppressed > 0) summary += $" {suppressed} suppressed.";
        output.WriteLine(summary);
    }

    private void WriteFindings(FileAnalysisResult file, TextWriter output)
    {
        string? displayPath = null; // once per file: it may ask the OS for the current directory
        foreach (var finding in file.Findings)
            if (!finding.IsSuppressed && finding.Severity != DiagnosticSeverity.Hidden)
                WriteFinding(file, displayPath ??= TerminalText.Sanitize(DisplayPaths.For(file.Path)), finding, output);
    }

    private void WriteFinding(FileAnalysisResult file, string displayPath, Finding finding, TextWriter output)
    {
        var span = finding.LineSpan;
        int line = span.StartLinePosition.Line, column = span.StartLinePosition.Character;
        string severity = SeverityWord(finding.Severity);
        output.WriteLine($"{displayPath}:{line + 1}:{column + 1}: {Paint(severity, finding.Severity == DiagnosticSeverity.Error ? Red : finding.Severity == DiagnosticSeverity.Warning ? Yellow : Cyan)} {Paint(finding.Id, Bold)} {TerminalText.Sanitize(finding.Diagnostic.GetMessage())}");
        if (_quiet || line >= file.Text.Lines.Count) return;

        var textLine = file.Text.Lines[line];
        string source = file.Text.ToString(textLine.Span);
        // The byte order mark takes no column (see FormatSourceText): leave it out of the echoed line too.
        int offset = line == 0 && source.Length > 0 && source[0] == '\uFEFF' ? 1 : 0;
        if (offset > 0) source = source.Substring(1);
        int caretEnd = span.EndLinePosition.Line == line ? span.EndLinePosition.Character : source.Length;
        var (echo, pad, width) = TerminalText.Echo(source, column, caretEnd);
        output.WriteLine("  " + echo);
        output.Write("  ");
        output.Write(pad);
        output.WriteLine(Paint(new string('^', width), Green));
    }

    internal static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "hint",
    };

    private static string LevelWord(Plimsoll.Diagnostics.ToolNotificationLevel level) => level switch
    {
        Plimsoll.Diagnostics.ToolNotificationLevel.Error => "error",
        Plimsoll.Diagnostics.ToolNotificationLevel.Warning => "warning",
        _ => "note",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private const string Red = "31", Yellow = "33", Cyan = "36", Green = "32", Bold = "1";

    private string Paint(string text, string code) => _color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
