using System.Diagnostics;
using System.Text.Json;
using Plimsoll.Analysis.ShellChecking;

namespace Plimsoll.Cli.Linting;

/// <summary>
/// Runs the <c>shellcheck</c> program for PL7001. Scripts of files linted at the same time are gathered for a short
/// moment and checked by one process (ShellCheck's start-up costs far more than a script), each script written to a
/// temporary file whose name maps the comments back. A process that does not finish in time is killed: the files of
/// its batch get a failure, the run goes on.
/// </summary>
internal sealed class ShellCheckRunner : IShellScriptChecker
{
    /// <summary>Names the program to run instead of the <c>shellcheck</c> found on PATH.</summary>
    public const string ExecutableVariable = "PLIMSOLL_SHELLCHECK";

    private readonly Lazy<string?> _executable;
    private readonly string _configured;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _window;
    // A process costs ~30 ms of CPU to start; each corpus RUN script ~7 ms to check. 120 scripts a process (not 40) cut
    // the corpus run with ShellCheck from 56.6 s to 52.1 s; 400 gained nothing more. The character bound keeps a batch of
    // long scripts (up to 16 KB each, ~1 s apiece for ShellCheck) well inside the per-process time limit.
    internal const int DefaultMaxBatch = 120;
    internal const int MaxBatchChars = 128 * 1024;

    private readonly int _maxBatch;
    private int _pendingChars;
    private readonly SemaphoreSlim _processes = new(Math.Max(1, Environment.ProcessorCount));
    private readonly object _gate = new();
    private List<Request> _pending = new();
    private int _pendingScripts;
    private int _generation;

    /// <param name="executable">The program (a name looked up on PATH, or a path); null: $PLIMSOLL_SHELLCHECK, else <c>shellcheck</c>.</param>
    /// <param name="timeout">How long one process may run before it is killed.</param>
    /// <param name="window">How long the first script of a batch waits for others (zero: each call runs alone).</param>
    public ShellCheckRunner(string? executable = null, TimeSpan? timeout = null, TimeSpan? window = null, int maxBatch = DefaultMaxBatch)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(ExecutableVariable);
        _configured = executable ?? (string.IsNullOrEmpty(fromEnvironment) ? "shellcheck" : fromEnvironment);
        _executable = new Lazy<string?>(() => Locate(_configured));
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
        _window = window ?? TimeSpan.FromMilliseconds(50);
        _maxBatch = Math.Max(1, maxBatch);
    }

    /// <summary>The runner the command line and the language server use; null when $PLIMSOLL_SHELLCHECK is <c>off</c>.</summary>
    public static ShellCheckRunner? FromEnvironment()
        => string.Equals(Environment.GetEnvironmentVariable(ExecutableVariable), "off", StringComparison.OrdinalIgnoreCase) ? null : new ShellCheckRunner();

    public string? UnavailableReason => _executable.Value == null ? $"'{_configured}' was not found" : null;

    /// <summary>How many shellcheck processes were started (for measurements and tests).</summary>
    public int ProcessCount => _processCount;
    private int _processCount;

    public ShellCheckResult Check(IReadOnlyList<ShellCheckInput> scripts, ShellCheckOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (scripts.Count == 0) return new ShellCheckResult(Array.Empty<IReadOnlyList<ShellCheckComment>>(), null);
        if (UnavailableReason is { } reason) return ShellCheckResult.Failed(scripts.Count, reason);
        var request = new Request(scripts, options);
        bool flushNow, startTimer;
        int generation;
        lock (_gate)
        {
            startTimer = _pending.Count == 0;
            _pending.Add(request);
            _pendingScripts += scripts.Count;
            foreach (var script in scripts) _pendingChars += script.Text.Length;
            flushNow = _pendingScripts >= _maxBatch || _pendingChars >= MaxBatchChars || _window <= TimeSpan.Zero;
            generation = _generation;
        }
        if (flushNow) Task.Run(() => Flush(generation));
        else if (startTimer) Task.Delay(_window).ContinueWith(_ => Flush(generation), TaskScheduler.Default);
        try
        {
            request.Done.Task.Wait(cancellationToken);
        }
        catch (AggregateException e) when (e.InnerException != null)
        {
            return ShellCheckResult.Failed(scripts.Count, e.InnerException.Message);
        }
        return request.Done.Task.Result;
    }

    // Flushes the batch of that generation, unless it was flushed already (full before its window ended).
    private void Flush(int generation)
    {
        List<Request> batch;
        lock (_gate)
        {
            if (_pending.Count == 0 || generation != _generation) return;
            _generation++;
            batch = _pending;
            _pending = new List<Request>();
            _pendingScripts = 0;
            _pendingChars = 0;
        }
        try
        {
            // One process per dialect and option set: ShellCheck takes both for all its files.
            var groups = batch.SelectMany(r => r.Scripts.Select((script, index) => (Request: r, Index: index, Script: script)))
                .GroupBy(s => (s.Script.Dialect, s.Request.Options.Key));
            foreach (var group in groups)
            {
                var items = group.ToList();
                var failure = RunProcess(items.Select(i => i.Script.Text).ToList(), group.Key.Dialect, items[0].Request.Options, out var comments);
                for (int i = 0; i < items.Count; i++)
                {
                    if (failure != null) items[i].Request.Failure ??= failure;
                    else items[i].Request.Comments[items[i].Index] = comments[i];
                }
            }
        }
        catch (Exception e)
        {
            // Whatever went wrong, every waiting file must hear it (a background flush has nobody else to tell).
            foreach (var request in batch) request.Failure ??= e.Message;
        }
        foreach (var request in batch)
            request.Done.TrySetResult(request.Failure != null ? ShellCheckResult.Failed(request.Scripts.Count, request.Failure)
                : new ShellCheckResult(request.Comments.Select(c => (IReadOnlyList<ShellCheckComment>)(c ?? new List<ShellCheckComment>())).ToArray(), null));
    }

    // Writes the scripts to a temporary directory and runs one shellcheck over them; null when it worked.
    private string? RunProcess(List<string> texts, ShellCheckDialect dialect, ShellCheckOptions options, out List<ShellCheckComment>[] comments)
    {
        comments = texts.Select(_ => new List<ShellCheckComment>()).ToArray();
        string directory = Path.Combine(Path.GetTempPath(), "plimsoll-shellcheck-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        _processes.Wait();
        try
        {
            var start = new ProcessStartInfo(_executable.Value!)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("--format=json1");
            start.ArgumentList.Add("--norc");
            start.ArgumentList.Add("--shell=" + dialect.ToString().ToLowerInvariant());
            start.ArgumentList.Add("--severity=" + options.MinimumLevel.ToString().ToLowerInvariant());
            if (options.ExcludedCodes.Count > 0) start.ArgumentList.Add("--exclude=" + string.Join(",", options.ExcludedCodes));
            start.ArgumentList.Add("--");
            for (int i = 0; i < texts.Count; i++)
            {
                string name = i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".sh";
                File.WriteAllText(Path.Combine(directory, name), texts[i]);
                start.ArgumentList.Add(name);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("the process did not start");
            Interlocked.Increment(ref _processCount);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // it ended meanwhile
                }
                return $"'{_configured}' did not finish within {_timeout.TotalSeconds:0.#} s and was stopped";
            }
            process.WaitForExit();
            string json = output.Result;
            // 0: nothing found, 1: comments; anything else is a failure (bad options, unreadable files).
            if (process.ExitCode is not (0 or 1) || json.Length == 0)
                return $"'{_configured}' failed (exit code {process.ExitCode}): {FirstLine(error.Result)}";
            Parse(json, comments);
            return null;
        }
        finally
        {
            _processes.Release();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temporary directory is harmless
            }
        }
    }

    private static void Parse(string json, List<ShellCheckComment>[] comments)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("comments", out var list) || list.ValueKind != JsonValueKind.Array) return;
        foreach (var item in list.EnumerateArray())
        {
            string file = item.GetProperty("file").GetString() ?? "";
            if (!int.TryParse(Path.GetFileNameWithoutExtension(file), out int index) || index < 0 || index >= comments.Length) continue;
            var level = item.GetProperty("level").GetString() switch
            {
                "error" => ShellCheckLevel.Error,
                "warning" => ShellCheckLevel.Warning,
                "info" => ShellCheckLevel.Info,
                _ => ShellCheckLevel.Style,
            };
            comments[index].Add(new ShellCheckComment(item.GetProperty("code").GetInt32(), level, item.GetProperty("message").GetString() ?? "",
                item.GetProperty("line").GetInt32(), item.GetProperty("column").GetInt32(), item.GetProperty("endLine").GetInt32(), item.GetProperty("endColumn").GetInt32()));
        }
    }

    private static string FirstLine(string text)
    {
        text = text.Trim();
        int end = text.IndexOf('\n');
        return end < 0 ? text : text.Substring(0, end).TrimEnd();
    }

    // A name is looked up on PATH (as the shell would); a path must exist.
    private static string? Locate(string program)
    {
        if (program.IndexOf('/') >= 0 || program.IndexOf(Path.DirectorySeparatorChar) >= 0) return File.Exists(program) ? Path.GetFullPath(program) : null;
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in OperatingSystem.IsWindows() ? new[] { program + ".exe", program } : new[] { program })
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    private sealed class Request
    {
        public Request(IReadOnlyList<ShellCheckInput> scripts, ShellCheckOptions options)
        {
            Scripts = scripts;
            Options = options;
            Comments = new List<ShellCheckComment>?[scripts.Count];
        }

        public IReadOnlyList<ShellCheckInput> Scripts { get; }
        public ShellCheckOptions Options { get; }
        public List<ShellCheckComment>?[] Comments { get; }
        public string? Failure { get; set; }
        public TaskCompletionSource<ShellCheckResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
