namespace Plimsoll.Tests.Infrastructure;

/// <summary>
/// Fresh directories for tests, all under one folder per test run (named by the test process id), deleted when the
/// run ends — and, since a test host can be stopped before its exit handlers finish, also by the next run when that
/// process is gone — so tests (tool installs, packed packages, oracle inputs) leave nothing behind.
/// </summary>
internal static class TempDirectory
{
    private static readonly Lazy<string> RunRoot = new(() =>
    {
        string parent = Path.Combine(Path.GetTempPath(), "plimsoll-tests");
        DeleteFoldersOfEndedRuns(parent);
        string root = Path.Combine(parent, Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
        };
        return root;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static void DeleteFoldersOfEndedRuns(string parent)
    {
        if (!Directory.Exists(parent)) return;
        foreach (var folder in Directory.GetDirectories(parent))
        {
            string name = Path.GetFileName(folder);
            int dash = name.IndexOf('-');
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), out int pid) && IsRunning(pid)) continue;
            try { Directory.Delete(folder, recursive: true); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static string Create()
    {
        string path = Path.Combine(RunRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
