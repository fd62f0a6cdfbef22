using System.Diagnostics;
using System.Text;

namespace Plimsoll.Tests.Cli;

/// <summary>Runs another program (git, pre-commit, dotnet) for the end-to-end tests and finds programs on PATH.</summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output)
    {
        public Result EnsureSuccess(string what)
        {
            Assert.True(ExitCode == 0, $"{what} failed with exit code {ExitCode}:\n{Output}");
            return this;
        }
    }

    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        if (environment != null)
            foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(600_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish: {string.Join(" ", args)}");
        }
        return new Result(process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>
/// A fact that needs <c>pre-commit</c> on PATH: skipped without it on a developer machine, but run (and failing
/// with a clear message) when <c>CI=true</c>, so CI cannot silently lose the test.
/// </summary>
public sealed class PreCommitFactAttribute : FactAttribute
{
    public PreCommitFactAttribute()
    {
        if (ExternalTool.FindOnPath("pre-commit") is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = "pre-commit not found on PATH (install it, e.g. `apt-get install -y pre-commit`); with CI=true this test fails instead";
    }
}
