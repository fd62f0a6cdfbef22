using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Cli.Linting;

namespace Plimsoll.Cli.Output;

/// <summary>A finding with its file and 1-based positions, as the machine-readable formats report it.</summary>
/// <param name="DisplayPath">The file's path as users read it (<see cref="DisplayPaths.For"/>), computed once per file.</param>
internal readonly record struct ReportedFinding(FileAnalysisResult File, Finding Finding, string DisplayPath)
{
    public int StartLine => Finding.LineSpan.StartLinePosition.Line + 1;
    public int StartColumn => Finding.LineSpan.StartLinePosition.Character + 1;
    public int EndLine => Finding.LineSpan.EndLinePosition.Line + 1;
    public int EndColumn => Finding.LineSpan.EndLinePosition.Character + 1;
    public string Message => Finding.Diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Findings in file order; hidden ones never (as in the text output), suppressed ones only when asked.</summary>
    public static IEnumerable<ReportedFinding> From(LintRun run, bool includeSuppressed)
        => run.Files.SelectMany(file => From(file, includeSuppressed));

    /// <summary>One file's findings, as <see cref="From(LintRun, bool)"/> gives them.</summary>
    public static IEnumerable<ReportedFinding> From(FileAnalysisResult file, bool includeSuppressed)
    {
        string? displayPath = null;
        foreach (var finding in file.Findings)
            if (finding.Severity != DiagnosticSeverity.Hidden && (includeSuppressed || !finding.IsSuppressed))
                yield return new ReportedFinding(file, finding, displayPath ??= DisplayPaths.For(file.Path));
    }
}
