using System.Diagnostics;
using System.Text;

namespace Plimsoll.Tests.Cli;

/// <summary>
/// Runs the real `plimsoll` (the built tool, out of process) and captures what a user would see.
/// With PLIMSOLL_TEST_TOOL set to an executable, <see cref="Run"/> runs that instead: tests/run-all.sh runs the CLI
/// tests a second time against the installed Native AOT tool, so every CLI behaviour is checked on what ships.
/// </summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "plimsoll.dll");

    private static readonly string? ToolUnderTest = Environment.GetEnvironmentVariable("PLIMSOLL_TEST_TOOL") is { Length: > 0 } tool ? tool : null;

    /// <summary>
    /// For runs over the whole corpus: ShellCheck (an external program, ~25 ms of CPU a file) is the subject of its own
    /// tests; here it would only multiply the time (the corpus takes ~45 s with it, ~2 s without).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WithoutShellCheck = new Dictionary<string, string> { ["PLIMSOLL_SHELLCHECK"] = "off" };

    /// <summary>The tool under test: the JIT build beside the tests, or PLIMSOLL_TEST_TOOL.</summary>
    public static Result Run(string workingDirectory, string? stdin, params string[] args)
        => RunWith(null, workingDirectory, stdin, args);

    /// <summary><see cref="Run"/> with extra environment variables.</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string>? environment, string workingDirectory, string? stdin, params string[] args)
        => ToolUnderTest != null ? Start(ToolUnderTest, environment, workingDirectory, stdin, args) : RunJitBuildWith(environment, workingDirectory, stdin, args);

    /// <summary>Always the framework-dependent build beside the tests (the reference the native build is compared with).</summary>
    public static Result RunJitBuild(string workingDirectory, string? stdin, params string[] args)
        => RunJitBuildWith(null, workingDirectory, stdin, args);

    /// <summary><see cref="RunJitBuild"/> with extra environment variables.</summary>
    public static Result RunJitBuildWith(IReadOnlyDictionary<string, string>? environment, string workingDirectory, string? stdin, params string[] args)
        => Start("dotnet", environment, workingDirectory, stdin, new[] { ToolPath }.Concat(args).ToArray());

    private static Result Start(string program, IReadOnlyDictionary<string, string>? environment, string workingDirectory, string? stdin, string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        if (environment != null) foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin != null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("plimsoll did not finish: " + string.Join(" ", args));
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
