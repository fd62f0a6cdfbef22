using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Benchmarks;

/// <summary>Parses every Dockerfile of the shared corpus. MB/s = total chars / mean time; allocation per input byte from the memory diagnoser.</summary>
[MemoryDiagnoser]
public class DockerfileParserBenchmarks
{
    private (string Path, SourceText Text)[] _files = Array.Empty<(string, SourceText)>();

    [GlobalSetup]
    public void Setup()
    {
        _files = CorpusFiles.Load("dockerfiles");
        // The text is materialised once here (SourceText.From keeps the string) so parsing reads memory only.
        long chars = _files.Sum(f => (long)f.Text.Length);
        Console.WriteLine($"// corpus: {_files.Length} Dockerfiles, {chars} chars");
    }

    [Benchmark]
    public int ParseCorpus()
    {
        int instructions = 0;
        foreach (var (path, text) in _files)
            instructions += DockerfileSyntaxTree.Parse(text, path).Root.Instructions.Length;
        return instructions;
    }
}
