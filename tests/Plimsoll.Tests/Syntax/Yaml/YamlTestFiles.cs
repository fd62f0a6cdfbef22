using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Syntax.Yaml;

/// <summary>The Compose files of the shared corpus.</summary>
public static class YamlTestFiles
{
    public static string ComposeCorpus => Path.Combine(TestPaths.Corpus, "compose");

    public static IReadOnlyList<string> ComposeFiles =>
        Directory.GetFiles(ComposeCorpus).OrderBy(f => f, StringComparer.Ordinal).ToList();

    public static IEnumerable<object[]> ComposeFileNames() => ComposeFiles.Select(f => new object[] { Path.GetFileName(f) });

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(ComposeCorpus, fileName));
}
