using Plimsoll.Analysis.Sessions;
using Plimsoll.Analysis.ShellChecking;
using Plimsoll.Cli.Linting;
using Plimsoll.Diagnostics;
using Plimsoll.Rules;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Rules.Shell;

/// <summary>The process runner behind PL7001: missing program, hung program, batching, cancellation.</summary>
public class ShellCheckRunnerTests
{
    private static readonly ShellCheckOptions Defaults = new(ShellCheckLevel.Info, new[] { 1090, 1091, 2187 });

    private static LintRun Lint(ShellCheckRunner runner, params (string Name, string Text)[] files)
    {
        string dir = TempDirectory.Create();
        foreach (var (name, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, name))!);
            File.WriteAllText(Path.Combine(dir, name), text);
        }
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), ShellScriptChecker = runner, CacheDocuments = false });
        var request = new LintRequest(new[] { dir }, null, "text", null, SeverityThreshold.Warning, null, null, Array.Empty<string>(), true, true, null);
        return new LintRunner(session).Run(request, TextReader.Null);
    }

    [Fact]
    public void A_missing_program_turns_the_rule_off_with_one_note()
    {
        var runner = new ShellCheckRunner(Path.Combine(TempDirectory.Create(), "no-such-shellcheck"));
        var run = Lint(runner, ("a/Dockerfile", "FROM debian:12\nRUN echo $a\n"), ("b/Dockerfile", "FROM debian:12\nRUN echo $b\n"));
        var notes = run.AllNotifications.Where(n => n.Message.Contains("ShellCheck", StringComparison.Ordinal)).ToList();
        var note = Assert.Single(notes);
        Assert.Equal(ToolNotificationLevel.Note, note.Level);
        Assert.Contains("PL7001", note.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Findings, f => f.Id == "PL7001");
        Assert.Contains(run.Findings, f => f.Id == "PL2001"); // everything else is linted
    }

    [Fact]
    public void A_hung_program_is_stopped_and_said_at_its_file()
    {
        string dir = TempDirectory.Create();
        string fake = Path.Combine(dir, "hanging-shellcheck");
        File.WriteAllText(fake, "#!/bin/sh\nsleep 60\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runner = new ShellCheckRunner(fake, timeout: TimeSpan.FromSeconds(1));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = Lint(runner, ("Dockerfile", "FROM debian:12\nRUN echo $a\n"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        var warning = Assert.Single(run.AllNotifications, n => n.Message.Contains("did not finish", StringComparison.Ordinal));
        Assert.Equal(ToolNotificationLevel.Warning, warning.Level);
        Assert.EndsWith("Dockerfile", warning.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_of_files_linted_together_share_a_process()
    {
        var runner = new ShellCheckRunner("shellcheck", window: TimeSpan.FromMilliseconds(200));
        var results = new ShellCheckResult[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, i =>
            results[i] = runner.Check(new[] { new ShellCheckInput($"echo $v{i}\n", ShellCheckDialect.Sh) }, Defaults, CancellationToken.None));
        Assert.True(runner.ProcessCount < results.Length, $"{runner.ProcessCount} processes for {results.Length} files");
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Null(results[i].Failure);
            Assert.Contains(results[i].Comments[0], c => c.Code == 2154 && c.Message.StartsWith($"v{i} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_batch_with_enough_text_does_not_wait_for_more_files()
    {
        // Past MaxBatchChars a batch goes at once instead of waiting out its window for more scripts: long scripts get
        // processes of their own rather than piling into one that could run past the time limit.
        var runner = new ShellCheckRunner("shellcheck", window: TimeSpan.FromMinutes(2), maxBatch: 1000);
        // One long comment: as much text as the bound, and quick for ShellCheck.
        var big = new[] { new ShellCheckInput("# " + new string('x', ShellCheckRunner.MaxBatchChars) + "\n", ShellCheckDialect.Sh) };
        var check = Task.Run(() => runner.Check(big, Defaults, CancellationToken.None));
        Assert.True(check.Wait(TimeSpan.FromSeconds(60)), "the batch waited for its two-minute window");
        Assert.Null(check.Result.Failure);
        Assert.Equal(1, runner.ProcessCount);
    }

    [Fact]
    public void Dialects_and_options_are_kept_apart_in_a_batch()
    {
        var runner = new ShellCheckRunner("shellcheck");
        var result = runner.Check(new[]
        {
            new ShellCheckInput("[[ -n \"$HOME\" ]]\n", ShellCheckDialect.Sh),
            new ShellCheckInput("[[ -n \"$HOME\" ]]\n", ShellCheckDialect.Bash),
        }, Defaults, CancellationToken.None);
        Assert.Contains(result.Comments[0], c => c.Code == 3010);
        Assert.Empty(result.Comments[1]);
    }

    [Fact]
    public void A_cancelled_check_stops_waiting()
    {
        var runner = new ShellCheckRunner("shellcheck", window: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Check(new[] { new ShellCheckInput("echo hi\n", ShellCheckDialect.Sh) }, Defaults, cancel.Token));
    }
}
