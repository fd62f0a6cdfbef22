using System.Text;
using System.Text.RegularExpressions;
using Plimsoll.Tests.Cli;
using Plimsoll.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Plimsoll.Tests.Fuzzing;

/// <summary>
/// The fuzzing harness: mutated corpus files and generated adversarial inputs (depth, width, expansion, encodings,
/// random bytes) go through the real tool (<c>plimsoll lint</c> with the built-in rules, Dockerfiles and compose files)
/// for a bounded time. Each input must be linted (exit 0 or 1, counted in the summary) or reported (exit 2 with a
/// message), never crash, finish within the per-file time limit, and keep the process under 1 GB. Failing inputs are
/// written out for reproduction. PLIMSOLL_FUZZ_SECONDS lengthens the run (default 60), PLIMSOLL_FUZZ_SEED replays one.
/// </summary>
[Trait("Tier", "Slow")]
public class FuzzHarnessTests
{
    private const long MemoryLimit = 1024L * 1024 * 1024;
    private const int BatchSize = 12;

    private readonly ITestOutputHelper _output;

    public FuzzHarnessTests(ITestOutputHelper output) => _output = output;

    private static int EnvInt(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out int value) && value > 0 ? value : fallback;

    [Fact]
    public void Adversarial_inputs_are_linted_or_reported_within_time_and_memory()
    {
        var budget = TimeSpan.FromSeconds(EnvInt("PLIMSOLL_FUZZ_SECONDS", 60));
        var perFile = TimeSpan.FromSeconds(EnvInt("PLIMSOLL_FUZZ_FILE_SECONDS", 20));
        int seed = EnvInt("PLIMSOLL_FUZZ_SEED", Environment.TickCount & 0x7FFFFFFF);
        var inputs = new AdversarialInputs(seed);
        var failures = new List<string>();
        string failureDir = Path.Combine(AppContext.BaseDirectory, "fuzz-failures");
        var started = DateTime.UtcNow;
        int tried = 0, batches = 0;
        long peak = 0;

        while (DateTime.UtcNow - started < budget && failures.Count == 0)
        {
            var batch = Enumerable.Range(0, BatchSize).Select(_ => inputs.Next()).ToList();
            batches++;
            tried += batch.Count;
            // A batch runs in one process; only when it misbehaves are its inputs run one by one, to name the culprit.
            var outcome = Lint(batch, perFile);
            peak = Math.Max(peak, outcome.PeakBytes);
            if (Problem(outcome, batch) == null) continue;
            foreach (var input in batch)
            {
                var single = Lint(new[] { input }, perFile);
                if (Problem(single, new[] { input }) is { } problem)
                    failures.Add($"{input.Name}: {problem} (written to {WriteOut(failureDir, seed, input)})");
            }
            if (failures.Count == 0 && outcome.TimedOut)
                failures.Add($"a batch of {batch.Count} inputs took over {perFile.TotalSeconds:0} s together though each alone was within it (seed {seed})");
        }

        _output.WriteLine($"fuzz: seed {seed}, {tried} inputs in {batches} processes, {(DateTime.UtcNow - started).TotalSeconds:0} s, peak {peak / (1024 * 1024)} MB");
        Assert.True(tried > 0);
        Assert.True(failures.Count == 0, $"seed {seed} (replay with PLIMSOLL_FUZZ_SEED={seed}):\n" + string.Join("\n", failures));
    }

    /// <summary>What is wrong with a run over <paramref name="inputs"/>, or null when each was linted or reported.</summary>
    private static string? Problem(WatchedProcess.Outcome outcome, IReadOnlyList<FuzzInput> inputs)
    {
        if (outcome.TimedOut) return $"no result within {outcome.Elapsed.TotalSeconds:0} s (hang)";
        if (outcome.PeakBytes > MemoryLimit) return $"peak memory {outcome.PeakBytes / (1024 * 1024)} MB, over 1 GB";
        if (outcome.StdErr.Contains("\n   at ", StringComparison.Ordinal) || outcome.StdErr.Contains("Unhandled exception", StringComparison.Ordinal))
            return "crashed: " + First(outcome.StdErr);
        if (outcome.StdOut.Contains("A rule failed", StringComparison.Ordinal))
            return "a rule threw: " + First(outcome.StdOut.Substring(outcome.StdOut.IndexOf("A rule failed", StringComparison.Ordinal)));
        switch (outcome.ExitCode)
        {
            case 0:
            case 1:
                var summary = Regex.Match(outcome.StdOut, @"in (\d+) files?\.");
                int expected = inputs.Sum(i => i.LintedFiles);
                // At least the linted files: a project's side file with findings of its own (an .env, an included
                // file) is reported as a file too.
                if (!summary.Success || int.Parse(summary.Groups[1].Value) < expected)
                    return $"not every file was linted (expected {expected}): " + First(outcome.StdOut.Length > 0 ? outcome.StdOut.Substring(Math.Max(0, outcome.StdOut.Length - 300)) : "(no output)");
                return null;
            case 2:
                // The reason is on stderr (usage, setup) or in the report itself as an error notification (an unreadable file).
                return outcome.StdErr.Trim().Length == 0 && !outcome.StdOut.Contains(": error ", StringComparison.Ordinal) ? "exit 2 without a message" : null;
            default:
                return $"exit code {outcome.ExitCode}: " + First(outcome.StdErr);
        }
    }

    private static string First(string text) => text.Length <= 300 ? text.Trim() : text.Substring(0, 300).Trim() + "…";

    private static WatchedProcess.Outcome Lint(IReadOnlyList<FuzzInput> inputs, TimeSpan limit)
    {
        string root = TempDirectory.Create();
        try
        {
            for (int i = 0; i < inputs.Count; i++)
            {
                string dir = Path.Combine(root, "input" + i);
                Directory.CreateDirectory(dir);
                foreach (var (name, content) in inputs[i].Files) File.WriteAllBytes(Path.Combine(dir, name), content);
            }
            string? tool = Environment.GetEnvironmentVariable("PLIMSOLL_TEST_TOOL") is { Length: > 0 } t ? t : null;
            var args = new List<string>();
            if (tool == null) args.Add(CliProcess.ToolPath);
            args.AddRange(new[] { "lint", "--no-color", "." });
            // A hang in one input counts against the whole batch, so the batch gets the per-file limit, not a multiple.
            return WatchedProcess.Run(tool ?? "dotnet", args, root, limit);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string WriteOut(string failureDir, int seed, FuzzInput input)
    {
        string dir = Path.Combine(failureDir, $"seed{seed}-" + Regex.Replace(input.Name, "[^A-Za-z0-9._-]+", "_"));
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in input.Files) File.WriteAllBytes(Path.Combine(dir, name), content);
        File.WriteAllText(Path.Combine(dir, "README.txt"), $"{input.Name}\nReplay: plimsoll lint {dir}\n", Encoding.UTF8);
        return dir;
    }
}
