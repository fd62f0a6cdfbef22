using System.Diagnostics;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Workspace;

/// <summary>
/// The files git tracks, from <c>git ls-files</c>: git ignores only untracked files, so a file added with
/// <c>git add -f</c> under an ignored folder is linted. Asked only when a walk meets an ignored path, once per
/// repository. Without git (or outside a work tree) the answer is unknown, and ignore rules apply to every file.
/// </summary>
internal sealed class GitTrackedFiles : ITrackedFiles
{
    public IReadOnlyCollection<string>? ListTracked(string repositoryRoot)
    {
        var start = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "-C", repositoryRoot, "ls-files", "-z", "--cached", "--full-name" }) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start);
            if (process == null) return null;
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = error.Result;
            if (process.ExitCode != 0) return null;
            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return null; // no git on PATH
        }
    }
}
