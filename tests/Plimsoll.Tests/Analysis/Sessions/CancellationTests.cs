using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Rules;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Analysis.Sessions;

/// <summary>
/// A run for a stale version stops: the token is cancelled in the middle of a big input (by a rule, so exactly
/// mid-run) and the run throws <see cref="OperationCanceledException"/> after at most one more unit of work.
/// </summary>
public class CancellationTests
{
    /// <summary>Counts the instructions and services it sees and cancels the run at the given one.</summary>
    private sealed class CancellingAnalyzer : PlimsollAnalyzer
    {
        private readonly CancellationTokenSource _source;
        private readonly int _cancelAt;

        public CancellingAnalyzer(CancellationTokenSource source, int cancelAt)
        {
            _source = source;
            _cancelAt = cancelAt;
        }

        public int Seen;
        public int SeenAfterCancel;

        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray<RuleDescriptor>.Empty;

        public override void Initialize(AnalysisContext context)
        {
            context.RegisterInstructionAction(_ => Count());
            context.RegisterComposeServiceAction(_ => Count());
        }

        private void Count()
        {
            if (_source.IsCancellationRequested) SeenAfterCancel++;
            if (++Seen == _cancelAt) _source.Cancel();
        }
    }

    private static LintSession Session(CancellingAnalyzer probe, IFileSystem files)
        => LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers().Append(probe).ToList(), FileSystem = files });

    [Fact]
    public void A_Dockerfile_run_stops_at_the_next_instruction_once_cancelled()
    {
        var text = new StringBuilder("FROM ubuntu:24.04\n");
        for (int i = 0; i < 20_000; i++) text.Append("RUN curl -fsSL http://example.com/").Append(i).Append(".sh | sh && apt-get install -y pkg").Append(i).Append('\n');
        using var source = new CancellationTokenSource();
        var probe = new CancellingAnalyzer(source, cancelAt: 100);
        var session = Session(probe, new InMemoryFileSystem());

        Assert.ThrowsAny<OperationCanceledException>(() => session.Lint("/big/Dockerfile", SourceText.From(text.ToString()), source.Token));

        Assert.Equal(100, probe.Seen);
        Assert.Equal(0, probe.SeenAfterCancel);
    }

    [Fact]
    public void A_compose_run_stops_at_the_next_service_once_cancelled()
    {
        var text = new StringBuilder("services:\n");
        for (int i = 0; i < 5_000; i++) text.Append("  s").Append(i).Append(":\n    image: nginx\n    privileged: true\n");
        using var source = new CancellationTokenSource();
        var probe = new CancellingAnalyzer(source, cancelAt: 50);
        var session = Session(probe, new InMemoryFileSystem());

        Assert.ThrowsAny<OperationCanceledException>(() => session.Lint("/big/compose.yaml", SourceText.From(text.ToString()), source.Token));

        Assert.Equal(50, probe.Seen);
        Assert.Equal(0, probe.SeenAfterCancel);
    }

    [Fact]
    public void A_token_cancelled_before_the_run_does_no_work()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var probe = new CancellingAnalyzer(source, cancelAt: int.MaxValue);
        var session = Session(probe, new InMemoryFileSystem());

        Assert.ThrowsAny<OperationCanceledException>(() => session.Lint("/x/Dockerfile", SourceText.From("FROM ubuntu\n"), source.Token));
        Assert.Equal(0, probe.Seen);
    }

    [Fact]
    public void Loading_a_compose_project_stops_between_files_once_cancelled()
    {
        // The project is read lazily, by the rule that needs it (PL4001): cancel before the first service is judged.
        var files = new InMemoryFileSystem();
        var include = new StringBuilder("include:\n");
        for (int i = 0; i < 200; i++)
        {
            include.Append("  - ./part").Append(i).Append(".yaml\n");
            files.SetFile($"/proj/part{i}.yaml", $"services:\n  p{i}:\n    image: nginx:1.27\n");
        }
        include.Append("services:\n  web:\n    image: nginx:1.27\n    secrets: [missing]\n");
        files.SetFile("/proj/compose.yaml", include.ToString());
        using var source = new CancellationTokenSource();
        var loading = new Plimsoll.Semantics.Compose.Projects.ComposeProjectOptions
        {
            FileSystem = files,
            CancellationToken = source.Token,
            ParseYaml = (path, text) =>
            {
                if (path.EndsWith("part10.yaml", StringComparison.Ordinal)) source.Cancel();
                Assert.False(path.EndsWith("part11.yaml", StringComparison.Ordinal), "a file was parsed after cancellation");
                return Plimsoll.Syntax.Yaml.YamlSyntaxTree.Parse(text, path);
            },
        };

        Assert.ThrowsAny<OperationCanceledException>(() => Plimsoll.Semantics.Compose.Projects.ComposeProjectLoader.LoadFiles(new[] { "/proj/compose.yaml" }, loading));
    }
}
