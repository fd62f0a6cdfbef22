using System.Collections.Concurrent;
using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Diagnostics;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;
using Plimsoll.Cli.Workspace;

namespace Plimsoll.Cli.Linting;

/// <summary>The outcome of a lint run: per-file results, tool notifications and the rules that ran.</summary>
internal sealed record LintRun(ImmutableArray<FileAnalysisResult> Files, ImmutableArray<ToolNotification> Notifications, AnalyzerRegistry Registry)
{
    public IEnumerable<Finding> Findings => Files.SelectMany(f => f.Findings);
    public IEnumerable<ToolNotification> AllNotifications => Notifications.Concat(Files.SelectMany(f => f.Notifications));
}

/// <summary>Finds the files, analyzes them in parallel (each file parsed once), and gathers the results in a stable order.</summary>
internal sealed class LintRunner
{
    private readonly AnalyzerDriver _driver;
    private readonly Plimsoll.Syntax.Compose.ComposeSchema? _composeSchema;

    public LintRunner(AnalyzerDriver driver, Plimsoll.Syntax.Compose.ComposeSchema? composeSchema = null)
    {
        _driver = driver;
        _composeSchema = composeSchema;
    }

    public LintRun Run(LintRequest request, TextReader stdin, Action<int, int>? progress = null)
    {
        var notifications = new List<ToolNotification>();
        var inputs = new List<(string Path, SourceFileKind Kind, SourceFileContent? Content)>();

        if (request.Paths.Count == 1 && request.Paths[0] == "-")
        {
            string name = request.StdinFileName ?? "Dockerfile";
            var content = SourceFileReader.Decode(name, System.Text.Encoding.UTF8.GetBytes(stdin.ReadToEnd()));
            inputs.Add((name, request.ForcedKind ?? KindOrDockerfile(name), content));
        }
        else
        {
            var search = new SourceFileFinder(PhysicalFileSystem.Instance, new GitTrackedFiles()).Find(request.Paths, request.ForcedKind);
            foreach (var found in search.Files)
                inputs.Add((found.Path, found.Kind == SourceFileKind.Unknown ? KindOfNamedFile(found.Path) : found.Kind, null));
            foreach (var path in search.Missing)
                notifications.Add(new ToolNotification(path, "No such file or directory.", ToolNotificationLevel.Error));
            foreach (var (path, message) in search.Unreadable)
                notifications.Add(new ToolNotification(path, message, ToolNotificationLevel.Error));
            foreach (var (path, message) in search.IgnoreFileProblems)
                notifications.Add(new ToolNotification(path, message, ToolNotificationLevel.Warning));
        }

        var results = new FileAnalysisResult?[inputs.Count];
        var fileNotifications = new ConcurrentBag<ToolNotification>();
        int done = 0;
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (path, kind, content) = inputs[i];
            if (content == null)
            {
                var read = PhysicalFileSystem.Instance.ReadFile(path);
                if (!read.IsOk)
                {
                    // Never a silent pass: a file that could not be read fails the run, saying why (FIFO, size limit, encoding).
                    string message = read.Status == FileReadStatus.NotFound ? "No such file or directory." : $"Cannot lint the file: it {read.Message}.";
                    fileNotifications.Add(new ToolNotification(path, message, ToolNotificationLevel.Error));
                    progress?.Invoke(Interlocked.Increment(ref done), inputs.Count);
                    return;
                }
                content = read.Content!;
                if (content.EncodingNote != null) fileNotifications.Add(new ToolNotification(path, $"The file {content.EncodingNote}.", ToolNotificationLevel.Warning));
            }
            try
            {
                results[i] = kind switch
                {
                    SourceFileKind.Compose => ComposeLinting.Analyze(_driver, content, _composeSchema),
                    _ => _driver.AnalyzeDockerfile(content.Text, path),
                };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                fileNotifications.Add(new ToolNotification(path, $"Cannot read the file: {e.Message}", ToolNotificationLevel.Error));
            }
            progress?.Invoke(Interlocked.Increment(ref done), inputs.Count);
        });

        notifications.AddRange(fileNotifications.OrderBy(n => n.Path, StringComparer.Ordinal));
        return new LintRun(results.Where(r => r != null).Select(r => r!).ToImmutableArray(), notifications.ToImmutableArray(), _driver.Registry);
    }

    private static SourceFileKind KindOrDockerfile(string name)
    {
        var kind = SourceFileKinds.FromPath(name);
        return kind == SourceFileKind.Unknown ? KindOfNamedFile(name) : kind;
    }

    /// <summary>A file named on the command line whose name is not a known one: YAML by its extension is compose, anything else a Dockerfile.</summary>
    internal static SourceFileKind KindOfNamedFile(string path)
        => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? SourceFileKind.Compose
            : SourceFileKind.Dockerfile;
}
