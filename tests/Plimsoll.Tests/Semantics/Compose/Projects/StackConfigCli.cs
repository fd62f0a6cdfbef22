using System.Diagnostics;
using System.Text;
using Plimsoll.Tests.Semantics.Compose.Interpolation;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>Runs <c>docker stack config -c A [-c B ...]</c> (client-side, no engine) with exactly the given environment.</summary>
internal static class StackConfigCli
{
    // At most four docker processes at once from these tests.
    private static readonly SemaphoreSlim Slots = new(4);

    public static async Task<DockerCli.Result> RunAsync(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(DockerCli.Path ?? "docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("stack");
        info.ArgumentList.Add("config");
        foreach (var file in files)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(file);
        }
        info.Environment.Clear();
        foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;

        await Slots.WaitAsync();
        try
        {
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
                throw new TimeoutException("docker stack config did not finish in 30 s for " + string.Join(", ", files));
            }
            return new DockerCli.Result(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Slots.Release();
        }
    }
}
