using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Tests.Analysis.Fixes;

/// <summary>Core's fix applier: applicability levels, conflicts, passes until stable, and the pass limit.</summary>
public class SourceFixerTests
{
    private static readonly AnalyzerDriver BuiltIn = new(new AnalyzerRegistry(BuiltInRules.CreateAnalyzers()));

    private static IReadOnlyList<Finding> Lint(SourceText text) => BuiltIn.AnalyzeDockerfile(text, "Dockerfile").Findings;

    [Fact]
    public void Safe_mode_applies_only_safe_fixes_and_unsafe_mode_adds_the_others()
    {
        var text = SourceText.From("FROM alpine:3.20\nADD app.conf /etc/\nADD http://example.com/a.txt /a\nUSER app\n");
        var safe = SourceFixer.FixUntilStable(text, Lint, FixApplicability.Safe);
        Assert.Equal("FROM alpine:3.20\nCOPY app.conf /etc/\nADD http://example.com/a.txt /a\nUSER app\n", safe.Fixed.ToString());
        var all = SourceFixer.FixUntilStable(text, Lint, FixApplicability.Unsafe);
        Assert.Equal("FROM alpine:3.20\nCOPY app.conf /etc/\nADD https://example.com/a.txt /a\nUSER app\n", all.Fixed.ToString());
        Assert.Equal(new[] { "PL1006", "PL1003" }, all.Applied.Select(a => a.RuleId));
        Assert.True(all.Stable);
    }

    [Fact]
    public void Overlapping_fixes_are_applied_one_per_pass_and_a_fix_that_never_settles_stops_at_the_pass_limit()
    {
        // Two rules that both rewrite the FROM keyword: the second conflicts in the first pass, then applies to the new text.
        var registry = new AnalyzerRegistry(new PlimsollAnalyzer[] { new KeywordRewriter("TEST100", "from", "FROM"), new KeywordRewriter("TEST101", "FROM", "From") });
        var driver = new AnalyzerDriver(registry);
        var step = SourceFixer.ApplyOnce(SourceText.From("from alpine:3.20\n"), driver.AnalyzeDockerfile(SourceText.From("from alpine:3.20\n"), "Dockerfile").Findings, FixApplicability.Safe);
        Assert.Empty(step.Skipped);   // only TEST100 matches "from"

        // A fix that keeps re-creating its own finding (From → from → From …) is cut off and reported, not looped.
        var flipFlop = new AnalyzerDriver(new AnalyzerRegistry(new PlimsollAnalyzer[] { new KeywordRewriter("TEST102", "From", "from"), new KeywordRewriter("TEST103", "from", "From") }));
        var result = SourceFixer.FixUntilStable(SourceText.From("From alpine:3.20\n"), t => flipFlop.AnalyzeDockerfile(t, "Dockerfile").Findings, FixApplicability.Safe, maxPasses: 4);
        Assert.False(result.Stable);
        Assert.Equal(4, result.Passes);
        Assert.Single(result.Skipped);
        Assert.Contains("did not settle within 4 passes", result.Skipped[0].Reason);
    }

    [Fact]
    public void Two_fixes_editing_the_same_text_in_one_pass_take_the_first_and_skip_the_second_with_a_reason()
    {
        var registry = new AnalyzerRegistry(new PlimsollAnalyzer[] { new KeywordRewriter("TEST104", "FROM", "FROM "), new KeywordRewriter("TEST105", "FROM", "FROM\t") });
        var driver = new AnalyzerDriver(registry);
        var text = SourceText.From("FROM alpine:3.20\n");
        var step = SourceFixer.ApplyOnce(text, driver.AnalyzeDockerfile(text, "Dockerfile").Findings, FixApplicability.Safe);
        Assert.Equal("FROM  alpine:3.20\n", step.Fixed.ToString());
        var skipped = Assert.Single(step.Skipped);
        Assert.Equal("TEST105", skipped.Finding.Id);
        Assert.Contains("conflicts with another fix", skipped.Reason);
    }

    [Fact]
    public void Display_only_and_suppressed_fixes_are_never_applied()
    {
        var registry = new AnalyzerRegistry(new PlimsollAnalyzer[] { new KeywordRewriter("TEST106", "FROM", "from", FixApplicability.DisplayOnly) });
        var driver = new AnalyzerDriver(registry);
        var text = SourceText.From("FROM alpine:3.20\n");
        Assert.False(SourceFixer.FixUntilStable(text, t => driver.AnalyzeDockerfile(t, "Dockerfile").Findings, FixApplicability.Unsafe).Changed);
        var suppressed = SourceText.From("FROM alpine:3.20\n# plimsoll disable-next-line PL1006 -- kept on purpose\nADD a.conf /etc/\nADD b.conf /etc/\n");
        var result = SourceFixer.FixUntilStable(suppressed, Lint, FixApplicability.Safe);
        Assert.Equal("FROM alpine:3.20\n# plimsoll disable-next-line PL1006 -- kept on purpose\nADD a.conf /etc/\nCOPY b.conf /etc/\n", result.Fixed.ToString());
    }

    /// <summary>A test rule: reports the FROM keyword when it reads <c>from</c>, with a fix that writes <c>to</c>.</summary>
    private sealed class KeywordRewriter : PlimsollAnalyzer
    {
        private readonly RuleMessage _message = new("keyword", "keyword {keyword}");
        private readonly RuleDescriptor _rule;
        private readonly string _from;
        private readonly string _to;
        private readonly FixApplicability _applicability;

        public KeywordRewriter(string id, string from, string to, FixApplicability applicability = FixApplicability.Safe)
        {
            _rule = new RuleDescriptor(id, "KeywordRewriter", "test", "Test", DiagnosticSeverity.Warning, "test", "0.0", RulePrecision.High,
                [RuleTag.Style], [_message], fix: applicability);
            _from = from;
            _to = to;
            _applicability = applicability;
        }

        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(_rule);

        public override void Initialize(AnalysisContext context) => context.RegisterInstructionAction(instruction =>
        {
            var keyword = instruction.Instruction.Keyword;
            if (keyword.Text == _from)
                instruction.Report(_message, keyword.Span, new CodeFix("rewrite", ImmutableArray.Create(new TextChange(keyword.Span, _to)), _applicability), keyword.Text);
        }, DockerfileSyntaxKind.FromInstruction);
    }
}
