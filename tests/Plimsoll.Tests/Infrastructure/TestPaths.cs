namespace Plimsoll.Tests.Infrastructure;

/// <summary>Where the repository and the read-only shared data (corpus, conformance, schemas) are.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    /// <summary>The folder that holds Lint.sln.</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>
    /// The shared data folder: $PLIMSOLL_SHARED when set, else the `shared` folder beside the repository
    /// (that is how both developer machines and CI lay it out).
    /// </summary>
    public static string SharedRoot
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("PLIMSOLL_SHARED");
            if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
            return Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        }
    }

    public static string Corpus => Path.Combine(SharedRoot, "corpus");
    public static string Conformance => Path.Combine(SharedRoot, "conformance", "buildkit");
    public static string Schemas => Path.Combine(SharedRoot, "schemas");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lint.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Lint.sln not found above " + AppContext.BaseDirectory);
    }
}
