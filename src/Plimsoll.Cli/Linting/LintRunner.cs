using System.Collections.Concurrent;
using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Diagnostics;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Linting;

/// <summary>The outcome of a lint run: per-file results, tool notifications and the rules that ran.</summary>
internal sealed record LintRun(ImmutableArray<FileAnalysisResult> Files, ImmutableArray<ToolNotification> Notifications, AnalyzerRegistry Registry)
{
    public IEnumerable<Finding> Findings => Files.SelectMany(f => f.Findings);
    public IEnumerable<ToolNotification> AllNotifications => Notifications.Concat(Files.SelectMany(f => f.Notifications));
}

/// <summary>Finds the files the command line names, has the session lint them in parallel, and gathers the results in a stable order.</summary>
internal sealed class LintRunner
{
    private readonly LintSession _session;

    public LintRunner(LintSession session) => _session = session;

    public LintRun Run(LintRequest request, TextReader stdin, Action<int, int>? progress = null)
    {
        var notifications = new List<ToolNotification>();
        var inputs = new List<(string Path, SourceFileContent? Content)>();

        if (request.Paths.Count == 1 && request.Paths[0] == "-")
        {
            string name = request.StdinFileName ?? "Dockerfile";
            inputs.Add((name, SourceFileReader.Decode(name, System.Text.Encoding.UTF8.GetBytes(stdin.ReadToEnd()))));
        }
        else
        {
            var missing = new List<string>();
            foreach (var (path, _) in SourceFileFinder.Find(request.Paths, request.ForcedKind, missing, respectGitIgnore: true))
                inputs.Add((path, null));
            foreach (var path in missing)
                notifications.Add(new ToolNotification(path, "No such file or directory.", ToolNotificationLevel.Error));
        }

        var results = new FileAnalysisResult?[inputs.Count];
        var unreadable = new ConcurrentBag<ToolNotification>();
        int done = 0;
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (path, content) = inputs[i];
            var result = _session.Lint(path, content?.Text);
            // A file that could not be read is not a linted file: only its notification is reported.
            if (result.IsUnreadable) foreach (var n in result.Notifications) unreadable.Add(n);
            else results[i] = result;
            progress?.Invoke(Interlocked.Increment(ref done), inputs.Count);
        });

        notifications.AddRange(unreadable.OrderBy(n => n.Path, StringComparer.Ordinal));
        notifications.AddRange(_session.ConfigurationNotifications);
        return new LintRun(results.Where(r => r != null).Select(r => r!).ToImmutableArray(), notifications.ToImmutableArray(), _session.Registry);
    }
}
