using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Rules;

/// <summary>The rule pages are executable: every example runs, so the docs cannot drift from the code.</summary>
public class RulePageTests
{
    private static readonly string RulesDirectory = Path.Combine(TestPaths.RepoRoot, "rules");
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(RulesDirectory, "PL*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var page = RulePage.Read(file);
            for (int i = 0; i < page.Examples.Count; i++) data.Add(page.Id, i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_behaves_as_the_page_says(string ruleId, int exampleIndex)
    {
        var page = RulePage.Read(Path.Combine(RulesDirectory, ruleId + ".md"));
        var example = page.Examples[exampleIndex];
        var findings = RuleRunner.Run(Registry, example.Language, example.Code).Where(f => f.Id == ruleId && !f.IsSuppressed).ToList();

        if (example.IsCompliant)
            Assert.True(findings.Count == 0, $"{ruleId} {example} must not raise {ruleId}, but got: {string.Join("; ", findings.Select(f => f.Diagnostic.GetMessage()))}\n{example.Code}");
        else
            Assert.True(findings.Count > 0, $"{ruleId} {example} must raise {ruleId}\n{example.Code}");
    }

    [Fact]
    public void Every_rule_has_a_page_with_both_kinds_of_examples_and_every_page_has_a_rule()
    {
        var pages = Directory.GetFiles(RulesDirectory, "PL*.md").Select(RulePage.Read).ToDictionary(p => p.Id);
        foreach (var rule in Registry.Rules)
        {
            Assert.True(pages.ContainsKey(rule.Id), $"rules/{rule.Id}.md is missing");
            var page = pages[rule.Id];
            Assert.StartsWith($"# {rule.Id}: ", page.Text);
            Assert.Contains(page.Examples, e => e.IsCompliant);
            Assert.Contains(page.Examples, e => !e.IsCompliant);
            foreach (var heading in new[] { "What it flags", "Why it matters", "Noncompliant", "Compliant", "How to fix", "Equivalent rules in other tools" })
                Assert.Contains(RulePage.Sections(page.Text), s => s.Heading == heading);
            foreach (var hadolint in rule.Peers.Hadolint) Assert.Contains(hadolint, page.Text);
        }
        foreach (var id in pages.Keys)
            Assert.True(Registry.FindRule(id) != null || Plimsoll.Diagnostics.SyntaxDiagnostics.Ids.Contains(id), $"rules/{id}.md documents no rule");
    }

    [Fact]
    public void Pages_are_embedded_in_the_rules_assembly_for_explain_and_sarif()
    {
        foreach (var file in Directory.GetFiles(RulesDirectory, "PL*.md"))
            Assert.Equal(File.ReadAllText(file), BuiltInRules.GetRulePage(Path.GetFileNameWithoutExtension(file)));
    }
}
