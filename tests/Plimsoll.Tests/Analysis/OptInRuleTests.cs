using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Syntax.Dockerfile;

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
