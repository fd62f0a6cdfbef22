using System.Text;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Rules;

/// <summary>
/// The README rule table, each page's header table and each page's table of peer rules are derived from the rules'
/// descriptors; these tests fail when they are out of date. Regenerate with
/// <c>PLIMSOLL_BLESS_RULE_PAGES=1 dotnet test tests/Plimsoll.Tests --filter FullyQualifiedName~RuleDocsTests</c>.
/// Rows a descriptor cannot know (a page's "Applies to", the README's PL9001/PL9002) are kept as written.
/// </summary>
public class RuleDocsTests
{
    private const string Regenerate = "regenerate: PLIMSOLL_BLESS_RULE_PAGES=1 dotnet test tests/Plimsoll.Tests --filter FullyQualifiedName~RuleDocsTests";
    private static readonly string RulesDirectory = Path.Combine(TestPaths.RepoRoot, "rules");
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());
    private static readonly bool Bless = Environment.GetEnvironmentVariable("PLIMSOLL_BLESS_RULE_PAGES") == "1";
    private const string NoPeers = "No peer tool has an equivalent rule.";

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Registry.Rules) data.Add(rule.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_header_and_peer_table_match_the_descriptor(string id)
    {
        var rule = Registry.FindRule(id)!;
        string path = Path.Combine(RulesDirectory, id + ".md");
        string text = File.ReadAllText(path).Replace("\r\n", "\n");
        string expected = WithPeerTable(WithHeader(text, rule), rule);
        if (Bless && expected != text) File.WriteAllText(path, expected);
        else Assert.True(expected == text, $"rules/{id}.md: the header or the peer table is out of date ({Regenerate})");
    }

    [Fact]
    public void Readme_rule_table_matches_the_descriptors()
    {
        string path = Path.Combine(TestPaths.RepoRoot, "README.md");
        string text = File.ReadAllText(path).Replace("\r\n", "\n");
        var lines = text.Split('\n').ToList();
        int heading = lines.IndexOf("### Rules");
        Assert.True(heading >= 0, "README.md has no '### Rules' section");
        int start = lines.FindIndex(heading, l => l.StartsWith("|", StringComparison.Ordinal));
        int end = start;
        while (end < lines.Count && lines[end].StartsWith("|", StringComparison.Ordinal)) end++;
        var kept = lines.Skip(start).Take(end - start).Where(l => l.StartsWith("| [PL9", StringComparison.Ordinal)).ToList();
        var table = new List<string> { "| id | name | default | tags | fix | title |", "|---|---|---|---|---|---|" };
        foreach (var rule in Registry.Rules)
            table.Add($"| [{rule.Id}](rules/{rule.Id}.md) | {rule.Name} | {Severity(rule.DefaultSeverity)}{OptIn(rule)} | {string.Join(", ", rule.Tags.Select(RuleTags.Name))} | {FixWord(rule.Fix)} | {rule.Title} |");
        table.AddRange(kept);
        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, table);
        string expected = string.Join("\n", lines);
        if (Bless && expected != text) File.WriteAllText(path, expected);
        else Assert.True(expected == text, $"README.md: the rule table is out of date ({Regenerate})");
    }

    private static string WithHeader(string text, RuleDescriptor rule)
    {
        var lines = text.Split('\n').ToList();
        int start = lines.FindIndex(l => l.StartsWith("|", StringComparison.Ordinal));
        int end = start;
        while (end < lines.Count && lines[end].StartsWith("|", StringComparison.Ordinal)) end++;
        var kept = lines.Skip(start).Take(end - start).Where(l => l.StartsWith("| Applies to |", StringComparison.Ordinal)).ToList();
        var header = new List<string>
        {
            "| | |",
            "|---|---|",
            $"| Id | `{rule.Id}` |",
            $"| Name | `{rule.Name}` |",
            $"| Category | {rule.Category} |",
            $"| Tags | {string.Join(", ", rule.Tags.Select(RuleTags.Name))} |",
            $"| Default severity | {Severity(rule.DefaultSeverity)}{OptIn(rule)} |",
            $"| Security severity | {rule.SecuritySeverity} ({SecurityWord(rule.SecuritySeverity)}) |",
            $"| Precision | {PrecisionWord(rule.Precision)} |",
            $"| Fix | {FixWord(rule.Fix)} |",
        };
        header.AddRange(kept);
        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, header);
        return string.Join("\n", lines);
    }

    private static string WithPeerTable(string text, RuleDescriptor rule)
    {
        const string heading = "## Equivalent rules in other tools\n";
        int at = text.IndexOf(heading, StringComparison.Ordinal);
        if (at < 0) return text;
        int bodyStart = at + heading.Length;
        int cursor = bodyStart;
        while (cursor < text.Length && text[cursor] == '\n') cursor++;
        int oldEnd = cursor;
        if (text.Substring(cursor).StartsWith(NoPeers, StringComparison.Ordinal)) oldEnd = cursor + NoPeers.Length;
        else
            while (oldEnd < text.Length && text[oldEnd] == '|')
            {
                int next = text.IndexOf('\n', oldEnd);
                oldEnd = next < 0 ? text.Length : next + 1;
            }
        var table = new StringBuilder();
        if (rule.Peers.IsEmpty) table.Append(NoPeers);
        else
        {
            table.Append("| Tool | Id |\n|---|---|\n");
            foreach (var group in rule.Peers.GroupBy(p => p.Tool).OrderBy(g => g.Key))
                table.Append("| ").Append(PeerRule.ToolName(group.Key)).Append(" | ")
                    .Append(string.Join(", ", group.Select(p => p.Title == null ? $"`{p.Id}`" : $"{p.Title} (`{p.Id}`)"))).Append(" |\n");
        }
        string rest = text.Substring(oldEnd);
        if (rule.Peers.IsEmpty && !rest.StartsWith("\n", StringComparison.Ordinal)) rest = "\n" + rest;
        return text.Substring(0, bodyStart) + "\n" + table + rest;
    }

    // An opt-in rule reports nothing until its severity is set; the tables say so next to the severity it then has.
    private static string OptIn(RuleDescriptor rule) => rule.IsEnabledByDefault ? "" : " (off by default)";

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "silent",
    };

    private static string SecurityWord(string score)
    {
        double value = double.Parse(score, System.Globalization.CultureInfo.InvariantCulture);
        return value >= 9.0 ? "critical" : value >= 7.0 ? "high" : value >= 4.0 ? "medium" : value > 0 ? "low" : "none";
    }

    private static string PrecisionWord(RulePrecision precision) => precision switch
    {
        RulePrecision.VeryHigh => "very high",
        RulePrecision.High => "high",
        RulePrecision.Medium => "medium",
        _ => "low",
    };

    private static string FixWord(FixApplicability? fix) => fix switch
    {
        FixApplicability.Safe => "safe",
        FixApplicability.Unsafe => "unsafe",
        FixApplicability.DisplayOnly => "display-only",
        _ => "none",
    };
}
