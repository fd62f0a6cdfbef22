using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Plimsoll.Cli.Linting;
using Plimsoll.Reporting.Sarif;

namespace Plimsoll.Cli.Output;

/// <summary>
/// GitLab Code Quality report (a JSON array of issues) for the <c>artifacts:reports:codequality</c> of a job.
/// Paths are relative to the repository root, as GitLab matches them against the merge request's diff.
/// </summary>
internal static class GitLabReporter
{
    public static void Write(LintRun run, Stream output)
    {
        string root = DisplayPaths.RepositoryRoot();
        var hashes = new Dictionary<string, PrimaryLocationLineHash.LineHashes>(StringComparer.Ordinal);
        var issues = new List<GitLabIssue>();
        foreach (var reported in ReportedFinding.From(run, includeSuppressed: false))
        {
            var file = reported.File;
            string path = RepositoryPath(root, file.Path);
            if (!hashes.TryGetValue(file.Path, out var lineHashes))
                hashes[file.Path] = lineHashes = PrimaryLocationLineHash.Compute(file.Text);
            string lineHash = lineHashes.ForLine(reported.StartLine) ?? reported.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture);
            issues.Add(new GitLabIssue("issue", reported.Message, reported.Finding.Id, Fingerprint(reported.Finding.Id, path, lineHash),
                Severity(reported.Finding.Severity), new GitLabLocation(path, new GitLabLines(reported.StartLine, reported.EndLine))));
        }
        JsonSerializer.Serialize(output, issues, ReportJsonContext.Reports.IReadOnlyListGitLabIssue);
    }

    /// <summary>GitLab's scale is info/minor/major/critical/blocker; like ESLint's formatter, errors are major.</summary>
    internal static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "major",
        DiagnosticSeverity.Warning => "minor",
        _ => "info",
    };

    /// <summary>
    /// Stable across unrelated edits: the rule, the file and the content-based line hash (not the line number),
    /// so a finding that only moves is the same issue to GitLab.
    /// </summary>
    internal static string Fingerprint(string ruleId, string path, string lineHash)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(ruleId + "\n" + path + "\n" + lineHash));
        return Convert.ToHexStringLower(digest);
    }

    private static string RepositoryPath(string root, string path)
    {
        if (path == "-") return path;
        string relative = Path.GetRelativePath(root, Path.GetFullPath(path));
        return (relative.StartsWith("..", StringComparison.Ordinal) ? DisplayPaths.For(path) : relative).Replace('\\', '/');
    }
}
