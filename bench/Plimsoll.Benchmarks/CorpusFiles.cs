using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Benchmarks;

/// <summary>The shared corpus, loaded once into memory so that benchmarks measure parsing, not disk reads.</summary>
internal static class CorpusFiles
{
    public static string CorpusRoot
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("PLIMSOLL_SHARED");
            if (!string.IsNullOrEmpty(fromEnv)) return Path.Combine(fromEnv, "corpus");
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Lint.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
            }
            throw new InvalidOperationException("Set PLIMSOLL_SHARED to the shared data folder.");
        }
    }

    public static (string Path, SourceText Text)[] Load(string kind)
        => Directory.GetFiles(Path.Combine(CorpusRoot, kind)).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (f, SourceText.From(File.ReadAllText(f)))).ToArray();
}
