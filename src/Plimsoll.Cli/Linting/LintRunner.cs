using System.Collections.Concurrent;
using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Diagnostics;
using Plimsoll.Workspace;

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
            var missing = new List<string>();
            foreach (var (path, kind) in SourceFileFinder.Find(request.Paths, request.ForcedKind, missing, respectGitIgnore: true))
                inputs.Add((path, kind == SourceFileKind.Unknown ? SourceFileKind.Dockerfile : kind, null));
            foreach (var path in missing)
                notifications.Add(new ToolNotification(path, "No such file or directory.", ToolNotificationLevel.Error));
        }

        // Compose projects: a file that is linted reports its own findings; included and extended files are reported
        // by the files that load them (once, however many do). Parsed project files are shared by the whole run.
        var linted = new HashSet<string>(inputs.Where(i => i.Kind == SourceFileKind.Compose).Select(i => FullPath(i.Path)), StringComparer.Ordinal);
        var composeOptions = new ComposeAnalysisOptions { Cache = new Plimsoll.Semantics.Compose.Projects.ComposeFileCache(), LintedFiles = linted.Contains };
        var results = new FileAnalysisResult?[inputs.Count];
        var fileNotifications = new ConcurrentBag<ToolNotification>();
        int done = 0;
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (path, kind, content) = inputs[i];
            try
            {
                content ??= SourceFileReader.Read(path);
                results[i] = kind switch
                {
                    SourceFileKind.Compose => ComposeLinting.Analyze(_driver, content, _composeSchema, composeOptions),
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
        var files = FileAnalysisResult.MergeByPath(results.Where(r => r != null).Select(r => r!));
        return new LintRun(files, notifications.ToImmutableArray(), _driver.Registry);
    }

    private static string FullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    private static SourceFileKind KindOrDockerfile(string name)
    {
        var kind = SourceFileKinds.FromPath(name);
        return kind == SourceFileKind.Unknown ? SourceFileKind.Dockerfile : kind;
    }
}
