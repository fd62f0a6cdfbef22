using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Analysis;

/// <summary>
/// An opt-in rule (disabled by default) reports nothing until its own severity setting turns it on; settings for a
/// whole category or for all rules do not turn it on (Roslyn's rule), but they apply once it is on.
/// </summary>
public class OptInRuleTests
{
    private sealed class OptInAnalyzer : PlimsollAnalyzer
    {
        public static readonly RuleMessage Finding = new("finding", "FROM seen");

        public static readonly RuleDescriptor Rule = new(
            id: "TEST100", name: "OptIn", title: "An opt-in rule", category: "Style", defaultSeverity: DiagnosticSeverity.Info,
            description: "Reports every FROM.", securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
            tags: [RuleTag.Style], messages: [Finding], enabledByDefault: false);

        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

        /// <summary>How many times a callback ran (the driver skips an analyzer whose rules are all off).</summary>
        public int Runs;

        public override void Initialize(AnalysisContext context)
        {
            context.RegisterInstructionAction(i =>
            {
                Interlocked.Increment(ref Runs);
                i.Report(Finding, i.Instruction.Span);
            }, DockerfileSyntaxKind.FromInstruction);
            context.RegisterShellCommandAction(_ => Interlocked.Increment(ref Runs));
            context.RegisterStageAction(_ => Interlocked.Increment(ref Runs));
            context.RegisterDockerfileAction(_ => Interlocked.Increment(ref Runs));
        }
    }

    private sealed class FixedOptions(AnalyzerOptions options) : IAnalyzerOptionsProvider
    {
        public AnalyzerOptions GetOptions(string filePath) => options;
    }

    private static IEnumerable<Finding> Lint(params (string Key, string Value)[] settings) => Lint(new OptInAnalyzer(), settings);

    private static IEnumerable<Finding> Lint(OptInAnalyzer analyzer, params (string Key, string Value)[] settings)
    {
        var registry = new AnalyzerRegistry(new PlimsollAnalyzer[] { analyzer });
        var options = AnalyzerOptions.Create(settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)), _ => "Style");
        return new AnalyzerDriver(registry, new FixedOptions(options)).AnalyzeDockerfile(SourceText.From("FROM alpine:3.20\nRUN echo hi\n"), "Dockerfile").Findings;
    }

    [Fact]
    public void An_analyzer_whose_rules_are_all_off_is_not_run_at_all()
    {
        var off = new OptInAnalyzer();
        Assert.Empty(Lint(off));
        Assert.Equal(0, off.Runs);
        var none = new OptInAnalyzer();
        Assert.Empty(Lint(none, ("dotnet_diagnostic.TEST100.severity", "none")));
        Assert.Equal(0, none.Runs);

        var on = new OptInAnalyzer();
        Assert.Single(Lint(on, ("dotnet_diagnostic.TEST100.severity", "warning")));
        Assert.Equal(4, on.Runs); // the file, its stage, its FROM, the RUN's one command
    }

    /// <summary>The compose callbacks of an opt-in rule, counted.</summary>
    private sealed class OptInComposeAnalyzer : PlimsollAnalyzer
    {
        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(OptInAnalyzer.Rule);

        public int Runs;

        public override void Initialize(AnalysisContext context)
        {
            context.RegisterComposeProjectAction(_ => Interlocked.Increment(ref Runs));
            context.RegisterComposeServiceAction(s =>
            {
                Interlocked.Increment(ref Runs);
                s.Report(OptInAnalyzer.Finding, s.Service.KeyNode);
            });
            context.RegisterComposeNetworkAction(_ => Interlocked.Increment(ref Runs));
            context.RegisterComposeSecretAction(_ => Interlocked.Increment(ref Runs));
        }
    }

    private sealed class OptionsByFile(Func<string, AnalyzerOptions> options) : IAnalyzerOptionsProvider
    {
        public AnalyzerOptions GetOptions(string filePath) => options(filePath);
    }

    private static readonly AnalyzerOptions Off = AnalyzerOptions.Create([], _ => "Style");
    private static readonly AnalyzerOptions On = AnalyzerOptions.Create([new("dotnet_diagnostic.TEST100.severity", "warning")], _ => "Style");

    private static FileAnalysisResult LintCompose(OptInComposeAnalyzer analyzer, Func<string, AnalyzerOptions> options)
    {
        var files = new InMemoryFileSystem(new Dictionary<string, string>
        {
            ["/p/compose.yaml"] = "include:\n  - lib/db.yaml\nservices:\n  web:\n    image: nginx:1.27\nnetworks:\n  front: {}\nsecrets:\n  key:\n    file: key.txt\n",
            ["/p/lib/db.yaml"] = "services:\n  db:\n    image: postgres:17\n",
            ["/p/key.txt"] = "k",
        });
        var driver = new AnalyzerDriver(new AnalyzerRegistry(new PlimsollAnalyzer[] { analyzer }), new OptionsByFile(options), files);
        return driver.AnalyzeComposeFile(SourceText.From(files.ReadFile("/p/compose.yaml").Content!.Text.ToString()), "/p/compose.yaml", isStack: false,
            compose: new ComposeAnalysisOptions { FileSystem = files });
    }

    [Fact]
    public void A_compose_analyzer_whose_rules_are_off_in_every_file_of_the_project_is_not_run()
    {
        var off = new OptInComposeAnalyzer();
        Assert.Empty(LintCompose(off, _ => Off).Findings);
        Assert.Equal(0, off.Runs);

        var on = new OptInComposeAnalyzer();
        var result = LintCompose(on, _ => On);
        Assert.Equal(5, on.Runs); // the project, its two services, its network, its secret
        Assert.Single(result.Findings); // web; db's finding belongs to the included file
        Assert.Single(result.ProjectFiles.SelectMany(f => f.Findings));

        // On only where the included file lives: the analyzer runs, and reports only there.
        var included = new OptInComposeAnalyzer();
        var mixed = LintCompose(included, path => path.Contains("/lib/", StringComparison.Ordinal) ? On : Off);
        Assert.Equal(5, included.Runs);
        Assert.Empty(mixed.Findings);
        var db = Assert.Single(mixed.ProjectFiles.SelectMany(f => f.Findings));
        Assert.Equal("TEST100", db.Id);
    }

    [Fact]
    public void Reports_nothing_without_configuration()
    {
        Assert.False(OptInAnalyzer.Rule.IsEnabledByDefault);
        Assert.Empty(Lint());
    }

    [Fact]
    public void Category_and_all_rule_settings_do_not_turn_it_on()
    {
        Assert.Empty(Lint(("dotnet_analyzer_diagnostic.category-Style.severity", "error")));
        Assert.Empty(Lint(("dotnet_analyzer_diagnostic.severity", "warning")));
    }

    [Fact]
    public void Its_own_severity_setting_turns_it_on_at_that_severity()
    {
        var finding = Assert.Single(Lint(("dotnet_diagnostic.TEST100.severity", "warning")));
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Empty(Lint(("dotnet_diagnostic.TEST100.severity", "none")));
    }
}
