using BenchmarkDotNet.Attributes;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Benchmarks;

/// <summary>
/// The shell layer of a lint run: the shell-form script of every RUN of the Dockerfile corpus (its logical text, as the
/// analyzer driver hands it to the parser) parsed again at each invocation — not through the RUN node, which keeps its
/// scripts after the first call — and its commands enumerated with inline `sh -c` scripts.
/// </summary>
[MemoryDiagnoser]
public class ShellBenchmarks
{
    private (string Text, ShellDialect Dialect)[] _scripts = Array.Empty<(string, ShellDialect)>();

    [GlobalSetup]
    public void Setup()
    {
        var scripts = new List<(string, ShellDialect)>();
        foreach (var (path, text) in CorpusFiles.Load("dockerfiles"))
        {
            var tree = DockerfileSyntaxTree.Parse(text, path);
            var model = DockerfileSemanticModel.Create(tree);
            foreach (var instruction in tree.Root.Instructions)
                if (instruction is RunInstructionSyntax { ShellForm: { } shellForm } run && model.UsesPosixShell(run))
                {
                    var shell = model.GetShell(run);
                    scripts.Add((shellForm.Token.Value, ShellDialects.ForProgram(shell.IsEmpty ? null : shell[0])));
                }
        }
        _scripts = scripts.ToArray();
        Console.WriteLine($"// corpus: {_scripts.Length} RUN scripts, {_scripts.Sum(s => (long)s.Text.Length)} characters");
    }

    [Benchmark]
    public int ParseRunScripts()
    {
        int lists = 0;
        foreach (var (text, dialect) in _scripts) lists += ShellParser.Parse(text, dialect).Script.Lists.Length;
        return lists;
    }

    /// <summary>The corpus in its order through a fresh <see cref="ShellParseCache"/>, as a lint run reads it: repeats are not parsed again.</summary>
    [Benchmark]
    public int ParseRunScriptsSharingRepeats()
    {
        var cache = new ShellParseCache();
        int lists = 0;
        foreach (var (text, dialect) in _scripts) lists += cache.Parse(text, dialect).Script.Lists.Length;
        return lists;
    }

    [Benchmark]
    public int ParseAndEnumerateCommands()
    {
        int commands = 0;
        foreach (var (text, dialect) in _scripts)
            foreach (var command in ShellParser.Parse(text, dialect).DescendantCommandsWithInlineScripts())
                if (command.SimpleCommand != null) commands++;
        return commands;
    }

    [Benchmark]
    public int ParseAndWalkNodes()
    {
        int nodes = 0;
        foreach (var (text, dialect) in _scripts)
            foreach (var node in ShellParser.Parse(text, dialect).Script.DescendantNodesAndSelf())
                nodes++;
        return nodes;
    }
}
