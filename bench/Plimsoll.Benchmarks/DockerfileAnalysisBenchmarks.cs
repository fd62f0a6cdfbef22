using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Benchmarks;

/// <summary>
/// Lints every Dockerfile of the shared corpus with the built-in rules, as `plimsoll lint` does for one file at a
/// time: parse, semantic model, suppression comments, rules, findings. No configuration files are read.
/// Allocation per run from the memory diagnoser; files/s = files / mean.
/// </summary>
[MemoryDiagnoser]
public class DockerfileAnalysisBenchmarks
{
    private (string Path, SourceText Text)[] _files = Array.Empty<(string, SourceText)>();
    private AnalyzerDriver _driver = null!;

    [GlobalSetup]
    public void Setup()
    {
        _files = CorpusFiles.Load("dockerfiles");
        _driver = new AnalyzerDriver(new AnalyzerRegistry(BuiltInRules.CreateAnalyzers()));
        Console.WriteLine($"// corpus: {_files.Length} Dockerfiles, {_files.Sum(f => (long)f.Text.Length)} chars");
    }

    [Benchmark]
    public int AnalyzeCorpus()
    {
        int findings = 0;
        foreach (var (path, text) in _files)
            findings += _driver.AnalyzeDockerfile(text, path).Findings.Length;
        return findings;
    }
}
