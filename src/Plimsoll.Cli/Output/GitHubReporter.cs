using System.Text;
using Microsoft.CodeAnalysis;
using Plimsoll.Cli.Linting;
using Plimsoll.Diagnostics;

namespace Plimsoll.Cli.Output;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>): each finding becomes an annotation
/// on the pull request. Suppressed findings are left out.
/// </summary>
internal static class GitHubReporter
{
    public static void Write(LintRun run, TextWriter output)
    {
        foreach (var reported in ReportedFinding.From(run, includeSuppressed: false))
        {
            var finding = reported.Finding;
            output.Write("::" + Command(finding.Severity) + " ");
            output.Write("file=" + EscapeProperty(reported.DisplayPath));
            output.Write(",line=" + reported.StartLine + ",col=" + reported.StartColumn);
            output.Write(",endLine=" + reported.EndLine + ",endColumn=" + reported.EndColumn);
            output.Write(",title=" + EscapeProperty(finding.Id));
            output.Write("::" + EscapeData(reported.Message));
            output.Write('\n');
        }
        foreach (var notification in run.AllNotifications)
        {
            string command = notification.Level == ToolNotificationLevel.Error ? "error" : notification.Level == ToolNotificationLevel.Warning ? "warning" : "notice";
            string properties = notification.Path == null ? "" : " file=" + EscapeProperty(DisplayPaths.For(notification.Path)) + ",title=plimsoll";
            output.Write("::" + command + properties + "::" + EscapeData(notification.Message) + "\n");
        }
    }

    internal static string Command(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "notice",
    };

    /// <summary>The message after <c>::</c>: the runner decodes %25, %0D and %0A.</summary>
    internal static string EscapeData(string value) =>
        new StringBuilder(value).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").ToString();

    /// <summary>A property value: also ':' and ',', which would otherwise end the value.</summary>
    internal static string EscapeProperty(string value) =>
        new StringBuilder(EscapeData(value)).Replace(":", "%3A").Replace(",", "%2C").ToString();
}
