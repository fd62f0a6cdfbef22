using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Semantics.Compose;
using Plimsoll.Syntax.Compose;
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
        ComposeSchemaValidator.Validate(YamlSyntaxTree.Parse(SourceText.From("services: {}\n"), "compose.yaml"), ComposeSchema.Default!); // builds the schema
        _trees = _files.Select(f => YamlSyntaxTree.Parse(f.Text, f.Path)).Where(t => !t.HasErrors && t.Root != null).ToArray();
        _instances = _trees.Select(t => ComposeSchemaInstance.Convert(t.Root!, new YamlAliasBudget()).Root).ToArray();
        Console.WriteLine($"// {EvaluateCorpusInstances()} of {_instances.Length} instances valid (the others are also evaluated for messages)");
    }

    private YamlSyntaxTree[] _trees = Array.Empty<YamlSyntaxTree>();
    private System.Text.Json.JsonElement[] _instances = Array.Empty<System.Text.Json.JsonElement>();

    private static readonly string s_schemaJson = ReadShippedSchema();

    private static string ReadShippedSchema()
    {
        using var stream = typeof(ComposeSchema).Assembly.GetManifestResourceStream("Plimsoll.compose-spec.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>What each process pays once before its first compose file: building the shipped schema.</summary>
    [Benchmark]
    public object BuildShippedSchema() => ComposeSchema.Parse(s_schemaJson).Schema;

    /// <summary>The schema's share, split: YAML trees to JSON instances (spans kept for messages) ...</summary>
    [Benchmark]
    public int ConvertCorpusToJson()
    {
        int nodes = 0;
        foreach (var tree in _trees) nodes += ComposeSchemaInstance.Convert(tree.Root!, new YamlAliasBudget()).Root.ValueKind == System.Text.Json.JsonValueKind.Object ? 1 : 0;
        return nodes;
    }

    /// <summary>... and JsonSchema.Net's pass/fail evaluation of the instances.</summary>
    [Benchmark]
    public int EvaluateCorpusInstances()
    {
        var options = new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.Flag };
        int valid = 0;
        foreach (var instance in _instances) if (ComposeSchema.Default!.Schema.Evaluate(instance, options).IsValid) valid++;
        return valid;
    }

    /// <summary>YamlDotNet's own event stream over the corpus: the floor under the lossless tree.</summary>
    [Benchmark]
    public int YamlDotNetEvents()
    {
        int events = 0;
        foreach (var (_, text) in _files)
        {
            var parser = new YamlDotNet.Core.Parser(new YamlDotNet.Core.Scanner(new StringReader(text.ToString()), skipComments: false));
            try { while (parser.MoveNext()) events++; }
            catch (YamlDotNet.Core.YamlException) { }
        }
        return events;
    }

    /// <summary>The lossless YAML trees alone.</summary>
    [Benchmark]
    public int ParseCorpus()
    {
        int documents = 0;
        foreach (var (path, text) in _files) documents += YamlSyntaxTree.Parse(text, path).Documents.Length;
        return documents;
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
