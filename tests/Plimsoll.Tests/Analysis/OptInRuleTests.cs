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

        public override void Initialize(AnalysisContext context)
            => context.RegisterInstructionAction(i => i.Report(Finding, i.Instruction.Span), DockerfileSyntaxKind.FromInstruction);
    }

    private sealed class FixedOptions(AnalyzerOptions options) : IAnalyzerOptionsProvider
    {
        public AnalyzerOptions GetOptions(string filePath) => options;
    }

    private static IEnumerable<Finding> Lint(params (string Key, string Value)[] settings)
    {
        var registry = new AnalyzerRegistry(new PlimsollAnalyzer[] { new OptInAnalyzer() });
        var options = AnalyzerOptions.Create(settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)), _ => "Style");
        return new AnalyzerDriver(registry, new FixedOptions(options)).AnalyzeDockerfile(SourceText.From("FROM alpine:3.20\n"), "Dockerfile").Findings;
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
