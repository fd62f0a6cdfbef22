using Plimsoll.Diagnostics;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Tests.Analysis;

/// <summary>A rule that throws does not stop the run: it becomes a notification naming the analyzer, and every other rule still reports.</summary>
public class FailingRuleTests
{
    private sealed class ThrowingAnalyzer : PlimsollAnalyzer
    {
        private static readonly RuleDescriptor Rule = new(
            "TEST001", "Throws", "Always throws", "never reported", "Test", DiagnosticSeverity.Warning,
            "A rule with a bug.", securitySeverity: "0.0", RulePrecision.VeryHigh,
            new PeerRuleIds(Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.RegisterInstructionAction(_ => throw new InvalidOperationException("boom"), DockerfileSyntaxKind.FromInstruction);
            context.RegisterShellCommandAction(ThrowOnCommand);
        }

        private static void ThrowOnCommand(ShellCommandAnalysisContext context) => throw new FormatException("bad " + context.Command.GetType().Name);
    }

    [Fact]
    public void A_throwing_rule_becomes_a_notification_with_its_analyzer_name_and_the_others_still_report()
    {
        var registry = new AnalyzerRegistry(BuiltInRules.CreateAnalyzers().Append(new ThrowingAnalyzer()).ToList());
        var result = new AnalyzerDriver(registry).AnalyzeDockerfile(SourceText.From("FROM ubuntu\nRUN curl http://example.com/x.sh | sh\n"), "Dockerfile");

        var messages = result.Notifications.Select(n => n.Message).ToList();
        Assert.Contains("A rule failed (ThrowingAnalyzer): InvalidOperationException: boom.", messages);   // a lambda: named by its class, not "<>c"
        Assert.Contains(messages, m => m.StartsWith("A rule failed (ThrowingAnalyzer): FormatException: bad ", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Id == "PL1001");
        Assert.Contains(result.Findings, f => f.Id == "PL1003");
        Assert.Contains(result.Findings, f => f.Id == "PL1005");
        // The file was not fully checked: an error, so the run exits 2 after reporting everything else (issue 14 item 6).
        Assert.All(result.Notifications.Where(n => n.Message.StartsWith("A rule failed", StringComparison.Ordinal)), n => Assert.Equal(ToolNotificationLevel.Error, n.Level));
    }
}
