using System.Diagnostics;
using System.Text;

namespace Plimsoll.Tests.Cli.Pin;

/// <summary>
/// Runs the real <c>plimsoll</c> (the JIT build beside the tests, or PLIMSOLL_TEST_TOOL, as <see cref="CliProcess"/>)
/// with extra environment variables: a Docker config folder, proxies, PATH for credential helpers.
/// Proxies are cleared unless given, so a machine's proxy settings cannot reroute the loopback registries.
/// </summary>
internal static class PinCli
{
    public static CliProcess.Result Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        string? tool = Environment.GetEnvironmentVariable("PLIMSOLL_TEST_TOOL") is { Length: > 0 } t ? t : null;
        var info = new ProcessStartInfo(tool ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (tool == null) info.ArgumentList.Add(CliProcess.ToolPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "NO_PROXY", "no_proxy" })
            info.Environment.Remove(name);
        info.Environment["DOCKER_CONFIG"] = Path.Combine(workingDirectory, ".no-docker-config");
        if (environment != null)
            foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("plimsoll did not finish: " + string.Join(" ", args));
        }
        return new CliProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
