using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Reporting.Sarif;
using Plimsoll.Rules;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Text;

namespace Plimsoll.Tests.Syntax.Text;

/// <summary>
/// Reported positions count lines as the parser does: a Dockerfile breaks only on LF (BuildKit), YAML on LF, CR and
/// CRLF (YAML 1.2), never on U+0085, U+2028 or U+2029 as Roslyn's SourceText would; a BOM takes no column.
/// </summary>
public class LineCountingTests
{
    private static readonly AnalyzerDriver Driver = new(new AnalyzerRegistry(BuiltInRules.CreateAnalyzers()));

    private static readonly string[] Pieces = { "a", " ", "#", "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\uFEFF", "é" };

    private static Arbitrary<string> Texts()
        => Gen.ArrayOf(Gen.Elements(Pieces)).Select(p => string.Concat(p)).ToArbitrary();

    // The line of every position by the format's own rule, counted the obvious way.
    private static (int Line, int Column) Expected(string text, int position, LineBreakRule rule)
    {
        int line = 0, start = 0;
        for (int i = 0; i < position; i++)
        {
            char c = text[i];
            bool crBreaks = rule == LineBreakRule.Yaml && c == '\r' && !(i + 1 < text.Length && text[i + 1] == '\n');
            if (c == '\n' || crBreaks)
            {
                line++;
                start = i + 1;
            }
        }
        int column = position - start;
        if (line == 0 && position > 0 && text.Length > 0 && text[0] == '\uFEFF') column--;
        return (line, column);
    }

    [Property(MaxTest = 300)]
    public Property Every_position_is_on_the_line_the_format_says()
        => Prop.ForAll(Texts(), text =>
        {
            foreach (var rule in new[] { LineBreakRule.LineFeed, LineBreakRule.Yaml })
            {
                var source = FormatSourceText.For(SourceText.From(text), rule);
                int breaks = rule == LineBreakRule.LineFeed ? text.Count(c => c == '\n') : Expected(text, text.Length, rule).Line;
                Assert.Equal(breaks + 1, source.Lines.Count);
                for (int position = 0; position <= text.Length; position++)
                {
                    var (line, column) = Expected(text, position, rule);
                    var actual = source.Lines.GetLinePosition(position);
                    Assert.Equal(line, actual.Line);
                    Assert.Equal(column, actual.Character);
                }
            }
        });

    [Property(MaxTest = 300)]
    public Property The_unicode_rule_breaks_lines_where_Roslyn_does()
        => Prop.ForAll(Texts(), text =>
        {
            var roslyn = SourceText.From(text).Lines;
            var ours = FormatSourceText.For(SourceText.From(text), LineBreakRule.Unicode).Lines;
            Assert.Equal(roslyn.Select(l => l.Start), ours.Select(l => l.Start));
        });

    [Theory]
    [InlineData("\u0085")] // Windows-1252 '…' read as Latin-1
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\r")]
    public void A_character_Roslyn_breaks_on_in_a_comment_does_not_shift_findings_or_suppressions(string odd)
    {
        string dockerfile = "FROM alpine:3.20\n# note " + odd + " more\n# plimsoll disable-next-line PL1003\nRUN curl http://a.example/x -o /x\nRUN curl http://b.example/y -o /y\n";
        var result = Driver.AnalyzeDockerfile(SourceText.From(dockerfile), "Dockerfile");
        var http = Assert.Single(result.Findings, f => f.Id == "PL1003" && !f.IsSuppressed);
        Assert.Equal(4, http.LineSpan.StartLinePosition.Line); // line 5, 0-based
        Assert.Equal(9, http.LineSpan.StartLinePosition.Character);
        // The suppression above line 4 still applies to line 4.
        Assert.Contains(result.Findings, f => f.Id == "PL1003" && f.IsSuppressed && f.LineSpan.StartLinePosition.Line == 3);
        // Baseline hashes are looked up by reported line: the hashes count lines the same way.
        var hashes = PrimaryLocationLineHash.Compute(result.Text);
        Assert.Equal(result.Text.Lines.Count, hashes.LineCount);
    }

    [Fact]
    public void Yaml_counts_a_lone_CR_as_a_line_break_but_not_U2028()
    {
        var tree = YamlSyntaxTree.Parse(SourceText.From("a: 1\rb: \u2028x\na: 2\n"), "compose.yaml");
        var error = Assert.Single(tree.Diagnostics); // the duplicate key
        Assert.Equal(2, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Dockerfile_with_a_BOM_reports_columns_of_line_one_from_after_it()
    {
        var result = Driver.AnalyzeDockerfile(SourceText.From("\uFEFFFROM alpine\n"), "Dockerfile");
        var tag = Assert.Single(result.Findings, f => f.Id == "PL1001");
        Assert.Equal(0, tag.LineSpan.StartLinePosition.Line);
        Assert.Equal(5, tag.LineSpan.StartLinePosition.Character);
        Assert.Equal("\uFEFFFROM alpine\n", DockerfileSyntaxTree.Parse(SourceText.From("\uFEFFFROM alpine\n")).ToFullString());
    }
}
