using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Diagnostics;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Analysis;

/// <summary>
/// Shell command callbacks registered for some command names run for exactly the commands that resolve to those names
/// (wrappers looked through), their filter is asked once per name, and a filter that fails is reported as the rule failing.
/// </summary>
public class NamedShellCommandActionTests
{
    private static readonly RuleDescriptor Rule = new(
        "TEST010", "Named", "Runs for some commands", "seen {0}", "Test", DiagnosticSeverity.Warning,
        "A rule about some commands.", securitySeverity: "0.0", RulePrecision.VeryHigh,
        new PeerRuleIds(Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

    private sealed class AptGetAnalyzer : PlimsollAnalyzer
    {
        public readonly ConcurrentQueue<string> Seen = new();
        public readonly ConcurrentDictionary<string, int> Asked = new();

        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(
            c => Seen.Enqueue(c.Command.SimpleCommand!.GetText(c.Script.Text)),
            name =>
            {
                Asked.AddOrUpdate(name, 1, (_, n) => n + 1);
                return name == "apt-get";
            });
    }

    private sealed class FilterThrowsAnalyzer : PlimsollAnalyzer
    {
        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
            => context.RegisterShellCommandAction(_ => { }, name => name == "curl" ? throw new InvalidOperationException("filter bug") : false);
    }

    private const string Script = "FROM debian:12\n"
        + "RUN apt-get update && echo apt-get && sudo -E apt-get install -y x && $APT install y \\\n"
        + " && env A=1 apt-get clean; cat list | apt-get foo; /usr/bin/apt-get bar; sh -c 'apt-get baz'\n";

    [Fact]
    public void Runs_for_commands_resolving_to_the_name_and_for_no_other()
    {
        var analyzer = new AptGetAnalyzer();
        new AnalyzerDriver(new AnalyzerRegistry(new PlimsollAnalyzer[] { analyzer })).AnalyzeDockerfile(SourceText.From(Script), "Dockerfile");
        Assert.Equal(
            new[] { "apt-get update", "sudo -E apt-get install -y x", "env A=1 apt-get clean", "apt-get foo", "/usr/bin/apt-get bar", "apt-get baz" },
            analyzer.Seen.ToArray());
    }

    [Fact]
    public void The_filter_is_asked_once_per_command_name_however_many_commands_and_files_have_it()
    {
        var analyzer = new AptGetAnalyzer();
        var driver = new AnalyzerDriver(new AnalyzerRegistry(new PlimsollAnalyzer[] { analyzer }));
        driver.AnalyzeDockerfile(SourceText.From(Script), "a/Dockerfile");
        driver.AnalyzeDockerfile(SourceText.From(Script + "RUN echo again && apt-get update\n"), "b/Dockerfile");
        Assert.Equal(6 + 7, analyzer.Seen.Count);
        Assert.All(analyzer.Asked, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(new[] { "apt-get", "cat", "echo", "sh" }, analyzer.Asked.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void A_failing_filter_is_the_rule_failing_and_every_other_rule_still_reports()
    {
        var registry = new AnalyzerRegistry(BuiltInRules.CreateAnalyzers().Append(new FilterThrowsAnalyzer()).ToList());
        var result = new AnalyzerDriver(registry).AnalyzeDockerfile(SourceText.From("FROM ubuntu\nRUN curl http://example.com/x.sh | sh\n"), "Dockerfile");
        var failure = Assert.Single(result.Notifications, n => n.Message.StartsWith("A rule failed", StringComparison.Ordinal));
        Assert.Equal("A rule failed (FilterThrowsAnalyzer): InvalidOperationException: filter bug.", failure.Message);
        Assert.Equal(ToolNotificationLevel.Error, failure.Level);
        Assert.Contains(result.Findings, f => f.Id == "PL1003");
        Assert.Contains(result.Findings, f => f.Id == "PL1005"); // itself registered for curl and wget only
    }

    /// <summary>A host's own context (a third party's) that knows only the plain registration.</summary>
    private sealed class PlainContext : AnalysisContext
    {
        public readonly List<Action<ShellCommandAnalysisContext>> ShellCommandActions = new();

        public override void RegisterShellCommandAction(Action<ShellCommandAnalysisContext> action) => ShellCommandActions.Add(action);
        public override void RegisterDockerfileAction(Action<DockerfileAnalysisContext> action) { }
        public override void RegisterStageAction(Action<StageAnalysisContext> action) { }
        public override void RegisterInstructionAction(Action<InstructionAnalysisContext> action, params Plimsoll.Syntax.Dockerfile.DockerfileSyntaxKind[] kinds) { }
        public override void RegisterComposeProjectAction(Action<ComposeProjectAnalysisContext> action) { }
        public override void RegisterComposeServiceAction(Action<ComposeServiceAnalysisContext> action) { }
        public override void RegisterComposeNetworkAction(Action<ComposeNetworkAnalysisContext> action) { }
        public override void RegisterComposeSecretAction(Action<ComposeSecretAnalysisContext> action) { }
        public override void RegisterContainerSettingsAction(Action<ContainerSettingsAnalysisContext> action) { }
    }

    [Fact]
    public void A_context_that_knows_only_the_plain_registration_still_filters_by_name()
    {
        var analyzer = new AptGetAnalyzer();
        var plain = new PlainContext();
        analyzer.Initialize(plain);
        var registered = Assert.Single(plain.ShellCommandActions);
        // Run the wrapped callback through a real registry for each command of the script.
        var relay = new RelayAnalyzer(registered);
        new AnalyzerDriver(new AnalyzerRegistry(new PlimsollAnalyzer[] { relay })).AnalyzeDockerfile(SourceText.From(Script), "Dockerfile");
        Assert.Equal(6, analyzer.Seen.Count);
    }

    private sealed class RelayAnalyzer(Action<ShellCommandAnalysisContext> action) : PlimsollAnalyzer
    {
        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(action);
    }
}
