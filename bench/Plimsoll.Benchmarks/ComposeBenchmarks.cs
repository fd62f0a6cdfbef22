using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Benchmarks;

/// <summary>Parses every compose file of the shared corpus into the lossless YAML tree and builds the compose model. files/s = files / mean.</summary>
[MemoryDiagnoser]
public class ComposeBenchmarks
{
    private (string Path, SourceText Text)[] _files = Array.Empty<(string, SourceText)>();

    [GlobalSetup]
    public void Setup()
    {
        _files = CorpusFiles.Load("compose");
        Console.WriteLine($"// corpus: {_files.Length} compose files, {_files.Sum(f => (long)f.Text.Length)} chars");
        ComposeSchemaValidator.Validate(YamlSyntaxTree.Parse(SourceText.From("services: {}\n"), "compose.yaml"), ComposeSchema.Default!); // builds the schema
    }

    [Benchmark]
    public int ParseAndModelCorpus()
    {
        int services = 0;
        foreach (var (path, text) in _files)
        {
            var tree = YamlSyntaxTree.Parse(text, path);
            services += ComposeFile.Load(tree).Services.Length;
        }
        return services;
    }

    /// <summary>The shipped Compose schema (JsonSchema.Net) on every corpus file, parse included; the schema is built in setup.</summary>
    [Benchmark]
    public int ParseAndValidateCorpus()
    {
        var schema = ComposeSchema.Default!;
        int problems = 0;
        foreach (var (path, text) in _files)
        {
            var tree = YamlSyntaxTree.Parse(text, path);
            if (!tree.HasErrors) problems += ComposeSchemaValidator.Validate(tree, schema).Length;
        }
        return problems;
    }
}
