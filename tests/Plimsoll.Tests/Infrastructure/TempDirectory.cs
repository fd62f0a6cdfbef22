namespace Plimsoll.Tests.Infrastructure;

/// <summary>
/// Fresh directories for tests, all under one folder per test run that is deleted when the run ends, so tests
/// (tool installs, packed packages, oracle inputs) leave nothing behind in the system temp folder.
/// </summary>
internal static class TempDirectory
{
    private static readonly Lazy<string> RunRoot = new(() =>
    {
        string root = Path.Combine(Path.GetTempPath(), "plimsoll-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
        };
        return root;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Create()
    {
        string path = Path.Combine(RunRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
