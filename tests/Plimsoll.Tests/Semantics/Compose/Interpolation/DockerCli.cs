using System.Diagnostics;
using System.Text;

namespace Plimsoll.Tests.Semantics.Compose.Interpolation;

/// <summary>Runs <c>docker stack config</c> (client-side, no engine needed) with a controlled environment.</summary>
internal static class DockerCli
{
    private static readonly Lazy<string?> PathLazy = new(Find);

    // docker processes at once: CI has two cores, and each run is short.
    private static readonly SemaphoreSlim Slots = new(4);

    private static int runs;

    public static string? Path => PathLazy.Value;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails the test, saying what to install, when docker is missing (only reached under CI=true: elsewhere the test is skipped).</summary>
    public static void Require()
    {
        if (Path is null) Assert.Fail("CI=true but the docker CLI is not on PATH: install it so the docker stack config oracle runs");
    }

    /// <summary>How many docker processes this test run has started.</summary>
    public static int Runs => Volatile.Read(ref runs);

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>
    /// The process gets exactly <paramref name="environment"/> (nothing inherited), so the interpolator under test can be
    /// given the same variables as its process environment.
    /// </summary>
    public static Task<Result> StackConfigAsync(string composeFile, IReadOnlyDictionary<string, string> environment)
        => StackConfigAsync(new[] { composeFile }, environment);

    /// <summary><c>docker stack config -c A [-c B …]</c>: later files override earlier ones, as in a stack deploy.</summary>
    public static async Task<Result> StackConfigAsync(IReadOnlyList<string> composeFiles, IReadOnlyDictionary<string, string> environment)
    {
        Require();
        var info = new ProcessStartInfo(Path ?? "docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("stack");
        info.ArgumentList.Add("config");
        foreach (var file in composeFiles)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(file);
        }
        info.Environment.Clear();
        foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;

        await Slots.WaitAsync();
        try
        {
            Interlocked.Increment(ref runs);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("docker stack config did not finish in 30 s for " + string.Join(", ", composeFiles));
            }
            return new Result(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Slots.Release();
        }
    }

    private static string? Find()
    {
        var pathVariable = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in pathVariable.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "docker.exe" } : new[] { "docker" })
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
