using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Plimsoll.Tests.Fuzzing;

/// <summary>
/// Runs a process with a time limit (killed when it is exceeded) and measures its peak resident memory by sampling
/// VmHWM in /proc (Linux keeps the high-water mark, so a short sampling interval loses nothing but the last moments).
/// </summary>
internal static class WatchedProcess
{
    public sealed record Outcome(int ExitCode, string StdOut, string StdErr, long PeakBytes, bool TimedOut, TimeSpan Elapsed);

    public static Outcome Run(string program, IEnumerable<string> args, string workingDirectory, TimeSpan limit)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        // The inputs test Plimsoll's own parsing and rules; ShellCheck, a separate program with its own time limit,
        // would spend most of the budget on the generated RUN lines (~2.5 ms each) and is tested on its own.
        info.Environment["PLIMSOLL_SHELLCHECK"] = "off";
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        bool timedOut = false;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            if (stopwatch.Elapsed > limit)
            {
                timedOut = true;
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit();
                break;
            }
        }
        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result, peak, timedOut, stopwatch.Elapsed);
    }

    // VmHWM: the peak resident set size of the process so far (kB), or 0 once it is gone.
    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var digits = new string(line.Where(char.IsDigit).ToArray());
                return long.Parse(digits, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return 0;
    }
}
