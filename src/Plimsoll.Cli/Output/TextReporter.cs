using System.Text;
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

    private readonly PreparedFiles<byte[]> _prepared = new();

    /// <summary>
    /// Writes a file's findings now, on the thread that linted it, and gives back its result without the file's text,
    /// which the report then no longer needs: <see cref="Write"/> prints what was written here.
    /// </summary>
    public FileAnalysisResult Prepare(FileAnalysisResult file)
    {
        // One builder per linting thread, emptied for each file: a file's findings cost their text once, not the
        // builder's growth and a string per line as well (a corpus run writes megabytes of findings).
        var findings = t_findings ??= new StringBuilder(FindingsCapacity);
        findings.Clear();
        WriteFindings(file, findings);
        // Kept as UTF-8 until the report is written: half the memory of a string. What a corpus run holds to its end
        // is mostly this, and the collector copies it from generation to generation.
        var written = Utf8Of(findings);
        if (findings.Capacity > MaxKeptCapacity) (t_findings, t_chars) = (null, null); // an exceptional file's size is not kept
        return _prepared.Keep(file, written);
    }

    // A start: the builder and the chars grow to the largest file's findings on their thread (a ShellCheck run keeps 128).
    private const int FindingsCapacity = 1024;

    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_findings;

    [ThreadStatic]
    private static char[]? t_chars;

    /// <summary>
    /// The builder's text as UTF-8 in an exact array, through this thread's character buffer (no string of it is made;
    /// the span encoder is the fast one).
    /// </summary>
    private static byte[] Utf8Of(StringBuilder text)
    {
        var chars = t_chars is { } buffer && buffer.Length >= text.Length ? buffer : t_chars = new char[Math.Max(text.Length, FindingsCapacity)];
        text.CopyTo(0, chars, 0, text.Length);
        var span = chars.AsSpan(0, text.Length);
        var bytes = new byte[Encoding.UTF8.GetByteCount(span)];
        Encoding.UTF8.GetBytes(span, bytes);
        return bytes;
    }

    /// <summary>Writes the report as UTF-8: what <see cref="Prepare"/> kept goes out as the bytes it was kept as.</summary>
    public void Write(LintRun run, Stream stream)
    {
        // Files' findings go into the buffer as bytes; the writer's text (notifications, summary) comes after them all,
        // so the writer needs no flush in between (a StreamWriter's flush is also its stream's: a write call per file).
        // Not disposed: that would close the caller's stream (BufferedStream cannot leave it open); flushed below.
        var buffered = new BufferedStream(stream, BufferBytes);
        using (var writer = new StreamWriter(buffered, new UTF8Encoding(false), bufferSize: BufferBytes, leaveOpen: true))
            Write(run, writer, buffered);
        buffered.Flush();
    }

    private const int BufferBytes = 64 * 1024;

    private void Write(LintRun run, TextWriter output, Stream files)
    {
        // Files kept whole (compose runs, whose results are merged after the run) are written here as Prepare writes
        // them, through one builder for all.
        StringBuilder? findings = null;
        foreach (var file in run.Files)
        {
            if (_prepared.TryGet(file, out var written))
            {
                files.Write(written);
                continue;
            }
            findings ??= new StringBuilder(FindingsCapacity);
            findings.Clear();
            WriteFindings(file, findings);
            files.Write(Utf8Of(findings));
        }
        foreach (var notification in run.AllNotifications)
            output.WriteLine($"{(notification.Path == null ? "plimsoll" : TerminalText.Sanitize(DisplayPaths.For(notification.Path)))}: {Paint(LevelWord(notification.Level), Red)} {TerminalText.Sanitize(notification.Message)}");

        var counts = run.Counts;
        int total = counts.Shown;
        if (_quiet && total == 0) return;
        string summary = total == 0
            ? $"No problems in {Count(run.Files.Length, "file")}."
            : $"{Count(total, "problem")} ({Count(counts.Errors, "error")}, {Count(counts.Warnings, "warning")}, {Count(counts.Notes, "note")}) in {Count(run.Files.Length, "file")}.";
        if (counts.Suppressed > 0) summary += $" {counts.Suppressed} suppressed.";
        output.WriteLine(summary);
    }

    private void WriteFindings(FileAnalysisResult file, StringBuilder output)
    {
        string? displayPath = null; // once per file: it may ask the OS for the current directory
        foreach (var finding in file.Findings)
            if (!finding.IsSuppressed && finding.Severity != DiagnosticSeverity.Hidden)
                WriteFinding(file, displayPath ??= TerminalText.Sanitize(DisplayPaths.For(file.Path)), finding, output);
    }

    private void WriteFinding(FileAnalysisResult file, string displayPath, Finding finding, StringBuilder output)
    {
        var span = finding.LineSpan;
        int line = span.StartLinePosition.Line, column = span.StartLinePosition.Character;
        string severity = SeverityWord(finding.Severity);
        // Appended in place (the builder's interpolation handler): no string is made for the line.
        output.Append($"{displayPath}:{line + 1}:{column + 1}: {Paint(severity, finding.Severity == DiagnosticSeverity.Error ? Red : finding.Severity == DiagnosticSeverity.Warning ? Yellow : Cyan)} {Paint(finding.Id, Bold)} {TerminalText.Sanitize(finding.Diagnostic.GetMessage())}").AppendLine();
        if (_quiet || line >= file.Text.Lines.Count) return;

        var textLine = file.Text.Lines[line];
        string source = file.Text.ToString(textLine.Span);
        // The byte order mark takes no column (see FormatSourceText): leave it out of the echoed line too.
        int offset = line == 0 && source.Length > 0 && source[0] == '\uFEFF' ? 1 : 0;
        if (offset > 0) source = source.Substring(1);
        int caretEnd = span.EndLinePosition.Line == line ? span.EndLinePosition.Character : source.Length;
        var (echo, pad, width) = TerminalText.Echo(source, column, caretEnd);
        output.Append("  ").Append(echo).AppendLine();
        output.Append("  ").Append(pad);
        if (_color) output.Append(Paint(new string('^', width), Green));
        else output.Append('^', width);
        output.AppendLine();
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
