using System.Diagnostics;
using System.Text;

namespace Plimsoll.Tests.Cli;

/// <summary>Runs the real `plimsoll` (the built tool, out of process) and captures what a user would see.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "plimsoll.dll");

    public static Result Run(string workingDirectory, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(ToolPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
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
