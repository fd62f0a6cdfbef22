using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Benchmarks;

/// <summary>
/// Every compose file of the shared corpus: parsed into the lossless YAML tree and read into the compose model
/// (its project: merge keys, interpolation, merging), and analysed by the driver with every built-in rule as
/// <c>plimsoll lint</c> does. files/s = files / mean.
/// </summary>
[MemoryDiagnoser]
public class ComposeBenchmarks
{
    private static readonly ComposeProjectOptions NoVariables = new() { VariableSource = ComposeVariables.Empty };
    private (string Path, SourceText Text)[] _files = Array.Empty<(string, SourceText)>();
    private AnalyzerDriver _driver = null!;

    [GlobalSetup]
    public void Setup()
    {
        _files = CorpusFiles.Load("compose");
        _driver = new AnalyzerDriver(new AnalyzerRegistry(BuiltInRules.CreateAnalyzers()));
        Console.WriteLine($"// corpus: {_files.Length} compose files, {_files.Sum(f => (long)f.Text.Length)} chars");
    }

    [Benchmark]
    public int ParseAndModelCorpus()
    {
        int services = 0;
        foreach (var (path, text) in _files)
        {
            var tree = YamlSyntaxTree.Parse(text, path);
            services += ComposeProjectLoader.LoadFiles(new[] { path }, tree, options: NoVariables).Services.Length;
        }
        return services;
    }

    [Benchmark]
    public int AnalyzeCorpus()
    {
        int findings = 0;
        foreach (var (path, text) in _files)
            findings += _driver.AnalyzeComposeFile(text, path, isStack: path.Contains("stack", StringComparison.OrdinalIgnoreCase)).Findings.Length;
        return findings;
    }
}
