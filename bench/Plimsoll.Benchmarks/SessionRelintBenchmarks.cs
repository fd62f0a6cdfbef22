using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Rules;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Benchmarks;

/// <summary>
/// What an editor pays per keystroke: linting a document again through a <see cref="LintSession"/>. Cold: a new
/// session (nothing parsed yet). Warm: the same session after one file changed, so only that file is parsed again.
/// A 20-file compose project (compose.yaml including 19 files) and the largest Dockerfile of the corpus.
/// </summary>
[MemoryDiagnoser]
public class SessionRelintBenchmarks
{
    private const string Root = "/bench/project";
    private InMemoryFileSystem _files = null!;
    private LintSession _warm = null!;
    private string _dockerfilePath = "";
    private SourceText _dockerfile = null!;
    private readonly string[] _partVersions = new string[2];
    private int _edits;

    [GlobalSetup]
    public void Setup()
    {
        _files = new InMemoryFileSystem();
        var root = new StringBuilder("include:\n");
        for (int i = 0; i < 19; i++)
        {
            root.Append("  - ./services/part").Append(i).Append(".yaml\n");
            _files.SetFile($"{Root}/services/part{i}.yaml", Part(i, "1.27"));
        }
        // 'from_parts' is defined in an included file: PL4001 reads the whole project (all 20 files) to find it.
        root.Append("services:\n  web:\n    image: nginx:${TAG}\n    user: \"101\"\n    secrets: [shared, from_parts]\n    ports: [\"80:80\"]\n")
            .Append("secrets:\n  shared:\n    file: ./shared.txt\n");
        _files.SetFile(Root + "/compose.yaml", root.ToString());
        _files.SetFile(Root + "/shared.txt", "x");
        _files.SetFile(Root + "/.env", "TAG=1.27\n");
        _partVersions[0] = Part(7, "1.27");
        _partVersions[1] = Part(7, "1.28");

        var largest = CorpusFiles.Load("dockerfiles").OrderByDescending(f => f.Text.Length).First();
        _dockerfilePath = "/bench/docker/Dockerfile";
        _dockerfile = largest.Text;
        Console.WriteLine($"// Dockerfile: {largest.Path} ({largest.Text.Length} chars)");

        _warm = NewSession();
        var first = _warm.Lint(Root + "/compose.yaml", null);
        if (first.Findings.Any(f => f.Id == "PL4001") || _warm.YamlParseCount != 20)
            throw new InvalidOperationException($"the project was not read as intended: {_warm.YamlParseCount} files parsed");
        _warm.Lint(_dockerfilePath, _dockerfile);
    }

    private static string Part(int i, string tag)
    {
        var part = new StringBuilder("services:\n");
        for (int s = 0; s < 3; s++)
        {
            part.Append($"  svc{i}_{s}:\n    image: registry.example.com/team/app{i}:{tag}\n    user: \"1000\"\n")
                .Append("    environment:\n      LOG_LEVEL: info\n      DB_HOST: db\n    secrets: [shared]\n")
                .Append($"    ports: [\"{8000 + i * 10 + s}:8080\"]\n    networks: [backend]\n");
        }
        part.Append("networks:\n  backend: {}\n");
        if (i == 7) part.Append("secrets:\n  from_parts:\n    environment: FROM_PARTS\n");
        return part.ToString();
    }

    private LintSession NewSession() => LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = _files });

    [Benchmark]
    public FileAnalysisResult ComposeProjectCold() => NewSession().Lint(Root + "/compose.yaml", null);

    /// <summary>One included file edited (two versions alternate, so each call parses it again), then the root linted again.</summary>
    [Benchmark]
    public FileAnalysisResult ComposeProjectWarmAfterOneFileEdit()
    {
        string part = Root + "/services/part7.yaml";
        _files.SetFile(part, _partVersions[++_edits % 2]);
        _warm.OnFilesChanged(new[] { part });
        return _warm.Lint(Root + "/compose.yaml", null);
    }

    [Benchmark]
    public FileAnalysisResult DockerfileCold() => NewSession().Lint(_dockerfilePath, _dockerfile);

    /// <summary>The Dockerfile linted again unchanged (another file changed): tree and semantic model are reused.</summary>
    [Benchmark]
    public FileAnalysisResult DockerfileWarm() => _warm.Lint(_dockerfilePath, _dockerfile);
}
