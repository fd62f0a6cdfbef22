using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Cli.Linting;
using Plimsoll.Reporting.Sarif;

namespace Plimsoll.Cli.Output;

/// <summary>
/// GitLab Code Quality report (a JSON array of issues) for the <c>artifacts:reports:codequality</c> of a job.
/// Paths are relative to the repository root, as GitLab matches them against the merge request's diff.
/// </summary>
internal sealed class GitLabReporter
{
    private readonly string _root = DisplayPaths.RepositoryRoot();
    private readonly PreparedFiles<IReadOnlyList<GitLabIssue>> _prepared = new();

    /// <summary>Makes a file's issues now, on the thread that linted it (see <see cref="PreparedFiles{TPart}"/>): the file's line hashes need its text.</summary>
    public FileAnalysisResult Prepare(FileAnalysisResult file) => _prepared.Keep(file, Issues(file).ToList());

    public void WriteReport(LintRun run, Stream output)
    {
        var issues = run.Files.SelectMany(file => _prepared.TryGet(file, out var prepared) ? prepared : Issues(file)).ToList();
        JsonSerializer.Serialize(output, issues, ReportJsonContext.Reports.IReadOnlyListGitLabIssue);
    }

    private IEnumerable<GitLabIssue> Issues(FileAnalysisResult file)
    {
        string? path = null;
        PrimaryLocationLineHash.LineHashes? lineHashes = null;
        foreach (var reported in ReportedFinding.From(file, includeSuppressed: false))
        {
            path ??= RepositoryPath(_root, file.Path);
            lineHashes ??= PrimaryLocationLineHash.Compute(file.Text);
            string lineHash = lineHashes.ForLine(reported.StartLine) ?? reported.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return new GitLabIssue("issue", reported.Message, reported.Finding.Id, Fingerprint(reported.Finding.Id, path, lineHash),
                Severity(reported.Finding.Severity), new GitLabLocation(path, new GitLabLines(reported.StartLine, reported.EndLine)));
        }
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
