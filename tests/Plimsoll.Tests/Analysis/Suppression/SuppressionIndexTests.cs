using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.Suppression;

namespace Plimsoll.Tests.Analysis.Suppression;

public class SuppressionIndexTests
{
    private static readonly Dictionary<string, string[]> Hadolint = new()
    {
        ["DL3006"] = new[] { "PL1006" },
        ["DL3008"] = new[] { "PL1008", "PL1108" },
    };

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "PL1001", "PL1002", "PL1003", "PL1006", "PL1008", "PL1108" };

    // Comments as a syntax layer would report them: the first '#' on a line to the line's end.
    private static List<SourceComment> CommentsOf(SourceText text)
    {
        var comments = new List<SourceComment>();
        foreach (var line in text.Lines)
        {
            string s = line.ToString();
            int hash = s.IndexOf('#');
            if (hash < 0) continue;
            var span = TextSpan.FromBounds(line.Start + hash, line.End);
            comments.Add(new SourceComment(line.LineNumber, span, text.ToString(span), s.Substring(0, hash).Trim().Length == 0));
        }
        return comments;
    }

    private static SuppressionIndex Index(string source, Func<int, int>? lastLine = null, bool withText = true)
    {
        var text = SourceText.From(source);
        return SuppressionIndex.Build(CommentsOf(text), new SuppressionContext
        {
            Text = withText ? text : null,
            LastLineOfConstruct = lastLine,
            IsKnownRuleId = Known.Contains,
            MapHadolintRule = id => Hadolint.TryGetValue(id, out var ids) ? ids : Array.Empty<string>(),
        });
    }

    private static bool Suppressed(SuppressionIndex index, string rule, int line) => index.TryGetSuppression(rule, line, line, out _);

    [Fact]
    public void Disable_next_line_covers_only_the_next_code_line_and_the_named_rules()
    {
        var index = Index("FROM a\n# plimsoll disable-next-line PL1001 -- pinned elsewhere\nFROM b\nFROM c\n");
        Assert.True(Suppressed(index, "PL1001", 2));
        Assert.False(Suppressed(index, "PL1002", 2));
        Assert.False(Suppressed(index, "PL1001", 3));
        Assert.False(Suppressed(index, "PL1001", 0));
        Assert.Empty(index.Problems);
    }

    [Fact]
    public void Comments_given_out_of_order_are_read_in_source_order()
    {
        // The next line after the first comment is a comment line: it is skipped only when the comments are read in order.
        const string source = "# plimsoll disable-next-line PL1001\n# plimsoll disable-next-line PL1002\nFROM b\n";
        var text = SourceText.From(source);
        var comments = CommentsOf(text);
        comments.Reverse();
        var index = SuppressionIndex.Build(comments, new SuppressionContext { Text = text, IsKnownRuleId = Known.Contains });
        Assert.True(Suppressed(index, "PL1001", 2));
        Assert.True(Suppressed(index, "PL1002", 2));
        Assert.Equal(new[] { 0, 1 }, index.Suppressions.Select(s => s.Comment.Line));
    }

    [Fact]
    public void Next_line_skips_blank_and_comment_lines()
    {
        const string source = "# plimsoll disable-next-line PL1001\n\n   \n# an ordinary comment\nFROM b\n";
        Assert.True(Suppressed(Index(source), "PL1001", 4));
        // Without the text, blank lines cannot be recognised: the next line is line 1.
        var blind = Index(source, withText: false);
        Assert.True(Suppressed(blind, "PL1001", 1));
        Assert.False(Suppressed(blind, "PL1001", 4));
    }

    [Fact]
    public void Next_line_covers_the_whole_construct_that_starts_there()
    {
        const string source = "# plimsoll disable-next-line PL1001 -- legacy\nRUN apt-get update && \\\n    apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nRUN true\n";
        var index = Index(source, lastLine: line => line == 1 ? 3 : line);
        Assert.True(Suppressed(index, "PL1001", 1));
        Assert.True(Suppressed(index, "PL1001", 3));
        Assert.False(Suppressed(index, "PL1001", 4));
        Assert.True(index.TryGetSuppression("PL1001", 2, 3, out var s));
        Assert.Equal((1, 3), (s.FirstLine, s.LastLine));
    }

    [Fact]
    public void A_construct_end_before_its_start_or_past_the_end_is_clamped()
    {
        var index = Index("# plimsoll disable-next-line PL1001\nFROM a\nFROM b\n", lastLine: _ => -5);
        Assert.Equal((1, 1), (index.Suppressions[0].FirstLine, index.Suppressions[0].LastLine));
        var huge = Index("# plimsoll disable-next-line PL1001\nFROM a\nFROM b", lastLine: _ => int.MaxValue);
        Assert.Equal((1, 2), (huge.Suppressions[0].FirstLine, huge.Suppressions[0].LastLine));
    }

    [Fact]
    public void Disable_is_file_wide_wherever_it_is()
    {
        var index = Index("FROM a\nFROM b\n# plimsoll disable PL1002 -- generated file\n");
        Assert.True(Suppressed(index, "PL1002", 0));
        Assert.True(Suppressed(index, "PL1002", 500));
        Assert.False(Suppressed(index, "PL1001", 0));
        Assert.Equal(SuppressionScope.File, index.Suppressions[0].Scope);
    }

    [Fact]
    public void Disable_line_is_a_trailing_comment()
    {
        var index = Index("services:\n  web:\n    image: nginx # plimsoll disable-line PL1001 -- tag managed by renovate\n    ports: []\n");
        Assert.True(Suppressed(index, "PL1001", 2));
        Assert.False(Suppressed(index, "PL1001", 3));
        Assert.Equal("tag managed by renovate", index.Suppressions[0].Justification);
    }

    [Fact]
    public void Disable_line_on_its_own_line_is_a_problem_and_suppresses_nothing()
    {
        var index = Index("# plimsoll disable-line PL1001 -- reason\nFROM a\n");
        Assert.False(Suppressed(index, "PL1001", 0));
        Assert.False(Suppressed(index, "PL1001", 1));
        Assert.Equal(SuppressionProblemKind.MisplacedDirective, Assert.Single(index.Problems).Kind);
    }

    [Fact]
    public void Disable_next_line_with_nothing_after_it_is_a_problem()
    {
        var index = Index("FROM a\n# plimsoll disable-next-line PL1001\n\n");
        Assert.Empty(index.Suppressions);
        Assert.Equal(SuppressionProblemKind.MisplacedDirective, Assert.Single(index.Problems).Kind);
    }

    [Fact]
    public void Hadolint_ignore_applies_to_the_very_next_line_with_mapped_ids()
    {
        var index = Index("# hadolint ignore=DL3006,DL3008\nFROM ubuntu\n# hadolint ignore=DL3006\n\nFROM debian\n");
        Assert.True(Suppressed(index, "PL1006", 1));
        Assert.True(Suppressed(index, "PL1008", 1));
        Assert.True(Suppressed(index, "PL1108", 1));
        Assert.False(Suppressed(index, "PL1006", 4)); // hadolint: a blank line in between breaks it
        Assert.Equal(SuppressionSyntax.Hadolint, index.Suppressions[0].Syntax);
        Assert.Equal(new[] { "PL1006", "PL1008", "PL1108" }, index.Suppressions[0].RuleIds);
    }

    [Fact]
    public void Hadolint_global_ignore_is_file_wide_and_a_trailing_hash_is_the_reason()
    {
        var index = Index("FROM a\n# hadolint global ignore=DL3006 # base images are pinned by digest upstream\nFROM b\n");
        Assert.True(Suppressed(index, "PL1006", 0));
        Assert.True(Suppressed(index, "PL1006", 2));
        Assert.Equal("base images are pinned by digest upstream", index.Suppressions[0].Justification);
    }

    [Fact]
    public void Unmapped_hadolint_ids_are_problems_at_the_id()
    {
        const string source = "# hadolint ignore=SC2086, DL3006\nRUN echo $x\n";
        var index = Index(source);
        var problem = Assert.Single(index.Problems);
        Assert.Equal(SuppressionProblemKind.UnmappedHadolintRule, problem.Kind);
        Assert.Equal("SC2086", source.Substring(problem.Span.Start, problem.Span.Length));
        Assert.True(Suppressed(index, "PL1006", 1));
    }

    [Fact]
    public void Hadolint_pragmas_can_be_turned_off()
    {
        var text = SourceText.From("# hadolint ignore=DL3006\nFROM a\n");
        var index = SuppressionIndex.Build(CommentsOf(text), new SuppressionContext
        {
            Text = text,
            MapHadolintRule = id => Hadolint[id],
            HonourHadolintPragmas = false,
        });
        Assert.False(Suppressed(index, "PL1006", 1));
        Assert.Empty(index.Problems);
    }

    [Theory]
    [InlineData("# PLIMSOLL DISABLE-NEXT-LINE pl1001")]
    [InlineData("# Plimsoll Disable-Next-Line Pl1001")]
    [InlineData("#plimsoll disable-next-line PL1001")]
    [InlineData("##  plimsoll   disable-next-line   PL1001  ")]
    [InlineData("#\tplimsoll\tdisable-next-line\tPL1001\t--\tbecause")]
    [InlineData("# plimsoll disable-next-line PL1002,PL1001")]
    [InlineData("# plimsoll disable-next-line PL1002 , PL1001 ,")]
    [InlineData("# plimsoll disable-next-line PL1002 PL1001")]
    [InlineData("# plimsoll disable-next-line ALL")]
    [InlineData("# HADOLINT IGNORE = dl3008")]
    [InlineData("# hadolint ignore=DL3006 , DL3008")]
    public void Spellings_that_suppress_PL1001_or_its_hadolint_twin(string comment)
    {
        var index = Index(comment + "\nFROM a\n");
        string rule = comment.Contains("hadolint", StringComparison.OrdinalIgnoreCase) ? "PL1008" : "PL1001";
        Assert.True(Suppressed(index, rule, 1), comment);
        Assert.Empty(index.Problems);
    }

    [Theory]
    [InlineData("# plimsoll is run in CI")]
    [InlineData("# plimsoll: disable-next-line PL1001")]
    [InlineData("# plimsolls disable-next-line PL1001")]
    [InlineData("# hadolint shell=bash")]
    [InlineData("# hadolint is the older linter")]
    [InlineData("# see https://example.com/plimsoll disable-next-line")]
    [InlineData("#")]
    public void Prose_is_not_a_directive(string comment)
    {
        var index = Index(comment + "\nFROM a\n");
        Assert.Empty(index.Suppressions);
        Assert.Empty(index.Problems);
    }

    [Fact]
    public void Crlf_endings_do_not_leak_into_ids_or_reasons()
    {
        var text = SourceText.From("# plimsoll disable-next-line PL1001 -- reason\r\nFROM a\r\n");
        var line0 = text.Lines[0];
        // A caller that includes the '\r' in the comment text.
        var comment = new SourceComment(0, TextSpan.FromBounds(0, line0.EndIncludingLineBreak - 1), "# plimsoll disable-next-line PL1001 -- reason\r", true);
        var index = SuppressionIndex.Build(new[] { comment }, new SuppressionContext { Text = text, IsKnownRuleId = Known.Contains });
        Assert.True(Suppressed(index, "PL1001", 1));
        Assert.Equal("reason", index.Suppressions[0].Justification);
        Assert.Empty(index.Problems);

        var trailing = Index("a: 1 # plimsoll disable-line PL1001\r\nb: 2\r\n");
        Assert.True(Suppressed(trailing, "PL1001", 0));
        Assert.Equal(new[] { "PL1001" }, trailing.Suppressions[0].RuleIds);
    }

    [Theory]
    [InlineData("# plimsoll disable PL1001 -- a -- b", "a -- b")]
    [InlineData("# plimsoll disable PL1001 --a--b--", "a--b--")]
    [InlineData("# plimsoll disable PL1001--tight", "tight")]
    [InlineData("# plimsoll disable PL1001 --", "")]
    [InlineData("# plimsoll disable PL1001", "")]
    [InlineData("# plimsoll disable PL1001 -- see # 42", "see # 42")]
    public void Reasons_run_from_the_first_double_dash(string comment, string justification)
    {
        var index = Index(comment + "\nFROM a\n");
        var s = Assert.Single(index.Suppressions);
        Assert.Equal(justification, s.Justification);
        Assert.Equal(justification.Length > 0, s.HasJustification);
        Assert.Equal(new[] { "PL1001" }, s.RuleIds);
    }

    [Fact]
    public void Suppressions_without_reason_are_honoured_and_listed()
    {
        var index = Index("# plimsoll disable-next-line PL1001\nFROM a\n# plimsoll disable-next-line PL1002 -- ok\nFROM b\n");
        Assert.True(Suppressed(index, "PL1001", 1));
        var bare = Assert.Single(index.SuppressionsWithoutJustification);
        Assert.Equal(0, bare.Line);
    }

    [Fact]
    public void Unknown_ids_are_problems_at_the_id_and_known_ones_still_apply()
    {
        const string source = "# plimsoll disable-next-line PL1001, PL9999 -- x\nFROM a\n# plimsoll disable-next-line DL3006\nFROM b\n";
        var index = Index(source);
        Assert.True(Suppressed(index, "PL1001", 1));
        Assert.False(Suppressed(index, "DL3006", 3));
        Assert.Single(index.Suppressions);
        Assert.Equal(new[] { "PL9999", "DL3006" }, index.Problems.Select(p => source.Substring(p.Span.Start, p.Span.Length)));
        Assert.All(index.Problems, p => Assert.Equal(SuppressionProblemKind.UnknownRuleId, p.Kind));
        Assert.Equal(new[] { 0, 2 }, index.Problems.Select(p => p.Line));
    }

    [Theory]
    [InlineData("# plimsoll disable-next-line", SuppressionProblemKind.MissingRuleIds)]
    [InlineData("# plimsoll disable -- no ids", SuppressionProblemKind.MissingRuleIds)]
    [InlineData("# hadolint ignore=", SuppressionProblemKind.MissingRuleIds)]
    [InlineData("# hadolint ignore DL3006", SuppressionProblemKind.MissingRuleIds)]
    [InlineData("# plimsoll disable-file PL1001", SuppressionProblemKind.UnknownDirective)]
    [InlineData("# plimsoll enable PL1001", SuppressionProblemKind.UnknownDirective)]
    public void Malformed_directives_are_problems(string comment, SuppressionProblemKind kind)
    {
        var index = Index(comment + "\nFROM a\n");
        Assert.Empty(index.Suppressions);
        Assert.Equal(kind, Assert.Single(index.Problems).Kind);
    }

    [Fact]
    public void All_covers_every_rule_and_named_rules_are_preferred()
    {
        var index = Index("# plimsoll disable all -- vendored file\n# plimsoll disable-next-line all -- a\n# plimsoll disable-next-line PL1001 -- b\nFROM a\n");
        Assert.True(index.TryGetSuppression("PL1001", 3, 3, out var named));
        Assert.Equal("b", named.Justification);
        Assert.True(index.TryGetSuppression("PL1002", 3, 3, out var all));
        Assert.Equal("a", all.Justification);
        Assert.True(all.AppliesToAllRules);
        Assert.Empty(all.RuleIds);
        Assert.True(index.TryGetSuppression("ANYTHING", 0, 0, out var fileWide));
        Assert.Equal("vendored file", fileWide.Justification);
    }

    [Fact]
    public void The_returned_suppression_carries_what_SARIF_needs()
    {
        const string source = "FROM a\n  # plimsoll disable-next-line PL1001 -- reviewed\nFROM b\n";
        var index = Index(source);
        Assert.True(index.TryGetSuppression("PL1001", 2, 2, out var s));
        Assert.Equal(SuppressionKind.InSource, s.Kind);
        Assert.Equal("reviewed", s.Justification);
        Assert.Equal(1, s.Line);
        Assert.Equal("# plimsoll disable-next-line PL1001 -- reviewed", source.Substring(s.Span.Start, s.Span.Length));
    }

    [Fact]
    public void Unused_suppressions_are_those_no_finding_hit()
    {
        var index = Index("# plimsoll disable-next-line PL1001\nFROM a\n# plimsoll disable-next-line PL1002\nFROM b\n# plimsoll disable PL1003\n");
        Assert.Equal(3, index.UnusedSuppressions().Count());
        Assert.False(index.TryGetSuppression("PL1002", 1, 1, out _)); // a miss marks nothing
        Assert.True(index.TryGetSuppression("PL1001", 1, 1, out _));
        Assert.Equal(new[] { 2, 4 }, index.UnusedSuppressions().Select(c => c.Line));
    }

    [Fact]
    public void Usage_tracking_is_thread_safe()
    {
        var lines = new List<string>();
        for (int i = 0; i < 500; i++)
        {
            lines.Add($"# plimsoll disable-next-line PL100{1 + i % 3} -- r{i}");
            lines.Add("FROM x");
        }
        var index = Index(string.Join("\n", lines) + "\n");
        Assert.Equal(500, index.Suppressions.Count);
        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int pair = i % 500;
            if (pair % 2 == 0) Assert.True(index.TryGetSuppression($"PL100{1 + pair % 3}", pair * 2 + 1, pair * 2 + 1, out _));
        });
        Assert.Equal(Enumerable.Range(0, 500).Where(p => p % 2 == 1).Select(p => p * 2), index.UnusedSuppressions().Select(c => c.Line));
    }

    [Fact]
    public void Empty_and_null_context_work()
    {
        Assert.False(SuppressionIndex.Empty.TryGetSuppression("PL1001", 0, 0, out _));
        var index = SuppressionIndex.Build(new[] { new SourceComment(3, new TextSpan(10, 40), "# plimsoll disable-next-line PL1234 -- why", true) });
        Assert.True(Suppressed(index, "PL1234", 4));
    }

    [Fact]
    public void Listed_ids_that_never_fired_are_reported_per_suppression()
    {
        var index = Index("# plimsoll disable-next-line PL1001, PL1002, PL1003 -- x\nFROM a\n");
        var s = index.Suppressions[0];
        Assert.Equal(new[] { "PL1001", "PL1002", "PL1003" }, s.UnusedRuleIds);
        Assert.True(index.TryGetSuppression("pl1002", 1, 1, out _));
        Assert.Equal(new[] { "PL1001", "PL1003" }, s.UnusedRuleIds);
        Assert.Empty(index.UnusedSuppressions());
    }
}
