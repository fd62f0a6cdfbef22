using System.Collections.Concurrent;
using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Diagnostics;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;
using Plimsoll.Cli.Workspace;

namespace Plimsoll.Cli.Linting;

/// <summary>The outcome of a lint run: per-file results, tool notifications and the rules that ran.</summary>
internal sealed record LintRun(ImmutableArray<FileAnalysisResult> Files, ImmutableArray<ToolNotification> Notifications, AnalyzerRegistry Registry, FindingCounts Counts)
{
    /// <summary>
    /// The findings of the files as they were kept: all of them when the run kept whole results (SARIF, a fix run), none
    /// of a file whose report part was made while the run went on (<see cref="LintRunner.Run"/>'s keep). What the run
    /// found in all is <see cref="Counts"/>.
    /// </summary>
    public IEnumerable<Finding> Findings => Files.SelectMany(f => f.Findings);

    /// <summary>A run of whole results: its counts are those of its files' findings.</summary>
    public static LintRun OfWholeResults(ImmutableArray<FileAnalysisResult> files, ImmutableArray<ToolNotification> notifications, AnalyzerRegistry registry)
        => new(files, notifications, registry, FindingCounts.Of(files.SelectMany(f => f.Findings)));
    public IEnumerable<ToolNotification> AllNotifications => Notifications.Concat(Files.SelectMany(f => f.Notifications));
}

/// <summary>Finds the files the command line names, has the session lint them in parallel, and gathers the results in a stable order.</summary>
internal sealed class LintRunner
{
    private readonly LintSession _session;
    private readonly IFileSystem _search;

    // The named paths are looked up and walked in the session's file system: on the command line, the disk with the
    // run's listings remembered, so the files found are read without looking at their paths again.
    public LintRunner(LintSession session)
    {
        _session = session;
        _search = session.FileSystem;
    }

    /// <param name="keep">
    /// What of each linted Dockerfile the run keeps until the report, taken on the thread that linted it: a report that
    /// needs no file text renders its part there and keeps the result without it, and without the findings it has
    /// written (a corpus run otherwise holds every file's text and findings to the end, and the collector copies them
    /// from generation to generation); the run's <see cref="LintRun.Counts"/> are taken before. Not used when compose
    /// files are linted: their results are merged by path after the run.
    /// </param>
    public LintRun Run(LintRequest request, TextReader stdin, Action<int, int>? progress = null, Func<FileAnalysisResult, FileAnalysisResult>? keep = null)
    {
        var notifications = new List<ToolNotification>();
        var inputs = new List<(string Path, SourceFileContent? Content)>();
        var containerSettings = new List<Plimsoll.Semantics.DotNet.ContainerSettings>();

        if (request.Paths.Count == 1 && request.Paths[0] == "-")
        {
            string name = request.StdinFileName ?? "Dockerfile";
            inputs.Add((name, SourceFileReader.Decode(name, System.Text.Encoding.UTF8.GetBytes(stdin.ReadToEnd()))));
        }
        else
        {
            // .NET solutions and projects: evaluated by MSBuild, they name more files and container settings.
            var projectTargets = request.DotNetTargets?.ToList()
                ?? request.Paths.Select(p => DotNetLintTargets.Resolve(p, _search)).OfType<string>().ToList();
            var searched = request.Paths.Where(p => !DotNetLintTargets.IsProjectFile(p)).ToList();
            var dotnet = projectTargets.Count > 0 ? DotNetLintTargets.Evaluate(projectTargets) : null;
            var seen = new HashSet<string>(FilePaths.Comparer);
            // One named path gives each file once: the set of full paths is only needed when two could name one file.
            bool oneSource = searched.Count + (dotnet != null ? 1 : 0) <= 1;
            if (searched.Count > 0 || dotnet == null)
            {
                var found = new SourceFileFinder(_search, new GitTrackedFiles()).Find(searched, request.ForcedKind);
                foreach (var file in found.Files)
                    if (oneSource || seen.Add(FilePaths.GetFullPath(file.Path))) inputs.Add((file.Path, null));
                foreach (var path in found.Missing)
                    notifications.Add(new ToolNotification(path, "No such file or directory.", ToolNotificationLevel.Error));
                foreach (var (path, message) in found.Unreadable)
                    notifications.Add(new ToolNotification(path, message, ToolNotificationLevel.Error));
                foreach (var (path, message) in found.IgnoreFileProblems)
                    notifications.Add(new ToolNotification(path, message, ToolNotificationLevel.Warning));
            }
            if (dotnet != null)
            {
                foreach (var file in dotnet.Files)
                    if (seen.Add(FilePaths.GetFullPath(file))) inputs.Add((file, null));
                notifications.AddRange(dotnet.Notifications);
                containerSettings.AddRange(dotnet.ContainerSettings);
            }
        }

        // Compose projects: a file that is linted reports its own findings; included and extended files are reported
        // by the files that load them (once, however many do). Parsed project files are shared by the whole run.
        var linted = new HashSet<string>(inputs.Where(i => _session.Classify(i.Path, i.Content?.Text).IsComposeFamily()).Select(i => FullPath(i.Path)), StringComparer.Ordinal);
        _session.LintedFiles = linted.Contains;
        if (linted.Count > 0)
        {
            _session.PrepareForComposeFiles();
            keep = null;
        }
        var results = new FileAnalysisResult?[inputs.Count];
        var counts = new FindingCounts[inputs.Count];
        var fileNotifications = new ConcurrentBag<ToolNotification>();
        int done = 0;
        // With ShellCheck, a file waits for its process most of the time: many files in flight keep a queue of batches
        // (a process costs ~80 ms to start, a real RUN script ~10-30 ms) so that every core runs one.
        int parallelism = Environment.ProcessorCount;
        if (_session.ShellScriptChecker is { } checker)
        {
            if (checker.UnavailableReason is { } why)
                notifications.Add(new ToolNotification(null, $"ShellCheck is off (PL7001 reports nothing): {why}. Install shellcheck, or set {ShellCheckRunner.ExecutableVariable} to its path.", ToolNotificationLevel.Note));
            else if (inputs.Count > 1)
            {
                parallelism = Math.Max(128, 32 * Environment.ProcessorCount);
                ThreadPool.GetMinThreads(out int workers, out int io);
                if (workers < parallelism + 2) ThreadPool.SetMinThreads(parallelism + 2, io);
            }
        }
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            var (path, content) = inputs[i];
            var result = _session.Lint(path, content?.Text);
            // A file that could not be read is not a linted file: only why is reported (and the run fails).
            if (result.IsUnreadable) foreach (var n in result.Notifications) fileNotifications.Add(n);
            else if (keep == null) results[i] = result;
            else
            {
                counts[i] = FindingCounts.Of(result.Findings);
                results[i] = keep(result);
            }
            progress?.Invoke(Interlocked.Increment(ref done), inputs.Count);
        });

        var files = results.Where(r => r != null).Select(r => r!).ToList();
        // Projects sharing a Directory.Build.props report its settings once: results of one file are merged.
        var settingsResults = containerSettings.SelectMany(settings => _session.LintContainerSettings(settings));
        var settingsFiles = new List<FileAnalysisResult>();
        foreach (var group in settingsResults.GroupBy(r => r.Path, FilePaths.Comparer))
        {
            var findings = group.SelectMany(r => r.Findings)
                .GroupBy(f => (f.Id, f.Diagnostic.Location.SourceSpan))
                .Select(g => g.First())
                .OrderBy(f => f.Diagnostic.Location.SourceSpan.Start).ThenBy(f => f.Id, StringComparer.Ordinal);
            var notes = group.SelectMany(r => r.Notifications).Distinct();
            settingsFiles.Add(group.First() with { Findings = findings.ToImmutableArray(), Notifications = notes.ToImmutableArray() });
        }
        files.AddRange(settingsFiles);

        notifications.AddRange(fileNotifications.OrderBy(n => n.Path, StringComparer.Ordinal));
        notifications.AddRange(_session.ConfigurationNotifications);
        var merged = FileAnalysisResult.MergeByPath(files);
        // Whole results are counted as merged (two compose files may report one included file's finding once); with
        // keep, every input is a file of its own (no compose project), counted before its findings were let go.
        if (keep == null) return LintRun.OfWholeResults(merged, notifications.ToImmutableArray(), _session.Registry);
        var total = counts.Aggregate(default(FindingCounts), (sum, c) => sum + c) + FindingCounts.Of(settingsFiles.SelectMany(f => f.Findings));
        return new LintRun(merged, notifications.ToImmutableArray(), _session.Registry, total);
    }

    private static string FullPath(string path)
    {
        try
        {
            return FilePaths.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }
}
