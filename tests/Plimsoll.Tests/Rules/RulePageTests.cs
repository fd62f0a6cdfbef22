using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Rules;

/// <summary>
/// The rule pages are executable and their examples are their own assertions: each noncompliant example states every
/// finding (id, span, message) with markers, and its fixed text when the rule fixes it; compliant examples raise nothing.
/// After a deliberate change, <c>PLIMSOLL_BLESS_RULE_PAGES=1 dotnet test --filter FullyQualifiedName~RulePageTests</c>
/// rewrites the markers and fixed blocks from what the rules now report; review the diff of rules/ before committing.
/// </summary>
public class RulePageTests
{
    private static readonly string RulesDirectory = Path.Combine(TestPaths.RepoRoot, "rules");
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());
    private static readonly bool Bless = Environment.GetEnvironmentVariable("PLIMSOLL_BLESS_RULE_PAGES") == "1";
    private static readonly object BlessLock = new();

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
    public void Example_states_its_findings_and_fixes(string ruleId, int exampleIndex)
    {
        var page = RulePage.Read(Path.Combine(RulesDirectory, ruleId + ".md"));
        var example = page.Examples[exampleIndex];
        var (code, expected) = FindingMarkers.Parse(example.Code);
        bool withSchema = ruleId == "PL9002";
        var ids = expected.Select(e => e.Id).Append(ruleId).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<Finding> Analyze(string text) => RuleRunner.Run(Registry, example.Language, text, withSchema, example.Settings, shellCheck: ids.Contains("PL7001"), example.Files).Where(f => ids.Contains(f.Id) && !f.IsSuppressed).ToList();

        var findings = Analyze(code);
        var actual = findings.Select(FindingMarkers.Expected.Of).OrderBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var stated = expected.OrderBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();

        // What the rule's fixes (safe and unsafe) make of the example.
        string? fixedText = null;
        if (findings.Any(f => f.Id == ruleId && f.Fix is { } fix && fix.EffectiveApplicability != FixApplicability.DisplayOnly))
            fixedText = SourceFixer.FixUntilStable(SourceText.From(code), text => Analyze(text.ToString()).Where(f => f.Id == ruleId).ToList(), FixApplicability.Unsafe).Fixed.ToString();

        if (Bless && !example.IsCompliant && (!actual.SequenceEqual(stated) || fixedText != example.Fixed))
        {
            BlessExample(page.Path, example, code, actual, fixedText);
            return;
        }

        if (example.IsCompliant)
        {
            Assert.True(actual.All(a => a.Id != ruleId), $"{ruleId} {example} must not raise {ruleId}, but got:\n{string.Join("\n", actual)}\n{code}");
            return;
        }
        Assert.True(stated.Any(e => e.Id == ruleId), $"{ruleId} {example} states no {ruleId} finding: mark each finding under its line (see FindingMarkers)");
        Assert.True(actual.SequenceEqual(stated), $"{ruleId} {example}: the findings differ from the markers.\nstated:\n{string.Join("\n", stated)}\nactual:\n{string.Join("\n", actual)}\n"
                                                + "(after a deliberate change: PLIMSOLL_BLESS_RULE_PAGES=1 dotnet test tests/Plimsoll.Tests --filter FullyQualifiedName~RulePageTests)");
        Assert.Equal(fixedText, example.Fixed);
    }

    /// <summary>Rewrites one example's block (markers) and its fixed block in the page.</summary>
    private static void BlessExample(string path, RuleExample example, string code, IReadOnlyList<FindingMarkers.Expected> actual, string? fixedText)
    {
        lock (BlessLock)
        {
            string text = File.ReadAllText(path).Replace("\r\n", "\n");
            string fence = "```" + example.Language;
            // The opening line as written: it may carry settings ("```yaml with plimsoll.x = y").
            string opening = example.Block.Substring(0, example.Block.IndexOf('\n'));
            string block = opening + "\n" + FindingMarkers.Render(code, actual) + "```\n";
            string replaced = example.FixedBlock == null ? example.Block : example.Block + BetweenBlocks(text, example) + example.FixedBlock;
            int at = text.IndexOf(replaced, StringComparison.Ordinal);
            if (at < 0) return;
            string fixedBlock = fixedText == null ? "" : "\n" + fence + " fixed\n" + fixedText + (fixedText.EndsWith("\n", StringComparison.Ordinal) ? "" : "\n") + "```\n";
            text = text.Substring(0, at) + block + fixedBlock + text.Substring(at + replaced.Length);
            File.WriteAllText(path, text);
        }
    }

    private static string BetweenBlocks(string text, RuleExample example)
    {
        int start = text.IndexOf(example.Block, StringComparison.Ordinal) + example.Block.Length;
        int end = text.IndexOf(example.FixedBlock!, start, StringComparison.Ordinal);
        return start <= end ? text.Substring(start, end - start) : "";
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
            if (rule.Fix != null) Assert.Contains(RulePage.Sections(page.Text), s => s.Heading == "Fix safety");
            foreach (var peer in rule.Peers) Assert.Contains(peer.Id, page.Text);
        }
        foreach (var id in pages.Keys)
            Assert.True(Registry.FindRule(id) != null || Plimsoll.Diagnostics.SyntaxDiagnostics.Ids.Contains(id), $"rules/{id}.md documents no rule");
    }

    /// <summary>
    /// A message no example shows is a finding a reader of the page never sees (its wording, what it points at):
    /// each message a built-in rule declares must be raised by a noncompliant example of that rule's page.
    /// </summary>
    // Messages only a .NET project's SDK container settings raise: those come from MSBuild evaluation, which the page
    // examples (Dockerfiles and compose files) cannot show. ContainerSettingsRulesTests covers them.
    private static readonly Dictionary<(string Rule, string Message), string> MessagesNoExampleCanShow = new()
    {
        [("PL2001", "containerUserRoot")] = "raised from the ContainerUser property of a .NET project",
        [("PL4002", "credentialContainerVariable")] = "raised from a ContainerEnvironmentVariable item of a .NET project",
        [("PL4002", "credentialUrlContainerVariable")] = "raised from a ContainerEnvironmentVariable item of a .NET project",
        [("PL1020", "untrustedContainerBaseImage")] = "raised from the ContainerBaseImage property of a .NET project",
        [("PL3020", "sshContainerPort")] = "raised from a ContainerPort item of a .NET project",
        [("PL2030", "systemContainerDirectory")] = "raised from the ContainerWorkingDirectory property of a .NET project",
    };

    [Fact]
    public void Every_message_of_a_rule_is_shown_by_an_example_on_its_page()
    {
        foreach (var (rule, message) in MessagesNoExampleCanShow.Keys)
            Assert.True(Registry.FindRule(rule)?.Messages.Any(m => m.Id == message) == true, $"the exemption {rule} {message} names no message of a rule");

        var unshown = new List<string>();
        foreach (var rule in Registry.Rules)
        {
            var page = RulePage.Read(Path.Combine(RulesDirectory, rule.Id + ".md"));
            var shown = page.Examples.Where(e => !e.IsCompliant)
                .SelectMany(e => RuleRunner.Run(Registry, e.Language, FindingMarkers.Parse(e.Code).Code, withSchema: rule.Id == "PL9002", e.Settings, shellCheck: rule.Id == "PL7001", e.Files))
                .Where(f => f.Id == rule.Id && !f.IsSuppressed)
                .Select(f => f.Diagnostic.Descriptor)
                .ToHashSet();
            foreach (var message in rule.Messages)
                if (!shown.Contains(message.Descriptor) && !MessagesNoExampleCanShow.ContainsKey((rule.Id, message.Id))) unshown.Add($"{rule.Id} {message.Id}: {message.Template}");
        }
        Assert.True(unshown.Count == 0, $"messages no noncompliant example of the rule's page raises:\n{string.Join("\n", unshown)}");
    }

    [Fact]
    public void Pages_are_embedded_in_the_rules_assembly_for_explain_and_sarif()
    {
        foreach (var file in Directory.GetFiles(RulesDirectory, "PL*.md"))
            Assert.Equal(File.ReadAllText(file), BuiltInRules.GetRulePage(Path.GetFileNameWithoutExtension(file)));
    }
}
