using BenchmarkDotNet.Attributes;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Benchmarks;

/// <summary>
/// The shell layer of a lint run: every RUN script of the Dockerfile corpus parsed (as the analyzer driver does,
/// shell form and heredoc scripts) and its commands enumerated with inline `sh -c` scripts.
/// </summary>
[MemoryDiagnoser]
public class ShellBenchmarks
{
    private (DockerfileSemanticModel Model, RunInstructionSyntax Run)[] _runs = Array.Empty<(DockerfileSemanticModel, RunInstructionSyntax)>();

    [GlobalSetup]
    public void Setup()
    {
        var runs = new List<(DockerfileSemanticModel, RunInstructionSyntax)>();
        foreach (var (path, text) in CorpusFiles.Load("dockerfiles"))
        {
            var tree = DockerfileSyntaxTree.Parse(text, path);
            var model = DockerfileSemanticModel.Create(tree);
            foreach (var instruction in tree.Root.Instructions)
                if (instruction is RunInstructionSyntax run) runs.Add((model, run));
        }
        _runs = runs.ToArray();
        Console.WriteLine($"// corpus: {_runs.Length} RUN instructions");
    }

    [Benchmark]
    public int ParseRunScripts()
    {
        int lists = 0;
        foreach (var (model, run) in _runs)
            foreach (var script in RunScripts.For(model, run))
                lists += script.Parse.Script.Lists.Length;
        return lists;
    }

    [Benchmark]
    public int ParseAndEnumerateCommands()
    {
        int commands = 0;
        foreach (var (model, run) in _runs)
            foreach (var script in RunScripts.For(model, run))
                foreach (var command in script.Parse.DescendantCommandsWithInlineScripts())
                    if (command.SimpleCommand != null) commands++;
        return commands;
    }

    [Benchmark]
    public int ParseAndWalkNodes()
    {
        int nodes = 0;
        foreach (var (model, run) in _runs)
            foreach (var script in RunScripts.For(model, run))
                foreach (var node in script.Parse.Script.DescendantNodesAndSelf())
                    nodes++;
        return nodes;
    }
}
