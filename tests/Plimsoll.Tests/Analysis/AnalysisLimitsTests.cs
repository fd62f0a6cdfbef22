using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile.Expansion;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Analysis;

/// <summary>
/// Limits never pass a file silently: what the analysis gave up on is a located PL9003 (or PL9002 for a compose file
/// that is not read to the end), and the expansion that would blow up memory is capped.
/// </summary>
public class AnalysisLimitsTests
{
    private static readonly AnalyzerDriver Driver = new(new AnalyzerRegistry(BuiltInRules.CreateAnalyzers()));

    private static FileAnalysisResult Dockerfile(string text) => Driver.AnalyzeDockerfile(SourceText.From(text), "Dockerfile");

    private static FileAnalysisResult Compose(string text, string? dotEnv = null)
    {
        string dir = TempDirectory.Create();
        string path = Path.Combine(dir, "compose.yaml");
        File.WriteAllText(path, text);
        if (dotEnv != null) File.WriteAllText(Path.Combine(dir, ".env"), dotEnv);
        return Driver.AnalyzeComposeFile(SourceText.From(text), path, isStack: false);
    }

    // ---- BOM in compose --------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("# comment\n")]
    [InlineData("---\n")]
    public void A_compose_file_with_a_BOM_is_read_like_one_without(string prefix)
    {
        string body = prefix + "services:\n  s:\n    image: x:1\n    privileged: true\n";
        var withBom = Compose("\uFEFF" + body);
        var without = Compose(body);
        Assert.DoesNotContain(withBom.Findings, f => f.Id == "PL9002");
        Assert.Equal(without.Findings.Select(f => (f.Id, f.LineSpan.StartLinePosition)), withBom.Findings.Select(f => (f.Id, f.LineSpan.StartLinePosition)));
        Assert.Contains(withBom.Findings, f => f.Id == "PL2002");
        Assert.Equal("\uFEFF" + body, YamlSyntaxTree.Parse(SourceText.From("\uFEFF" + body), "compose.yaml").ToFullString());
    }

    // ---- expansion caps --------------------------------------------------------------------------

    private static readonly Gen<string> Names = Gen.Elements("A", "Bv", "x_1", "LONG_NAME", "v");

    /// <summary>Chains that double (or more) at each step, through ARG or ENV, global or in a stage: capped and reported.</summary>
    [Property(MaxTest = 12)]
    public Property Exponential_ARG_and_ENV_chains_are_capped_and_reported()
        => Prop.ForAll(
            (from steps in Gen.Choose(17, 40)
             from fanOut in Gen.Choose(2, 4)
             from name in Names
             from keyword in Gen.Elements("ARG", "ENV", "global")
             select (steps, fanOut, name, keyword)).ToArbitrary(),
            input =>
            {
                var (steps, fanOut, name, keyword) = input;
                var lines = new List<string>();
                string Line(int i) => $"{(keyword == "ENV" ? "ENV" : "ARG")} {name}{i}=" + (i == 0 ? "xy" : string.Concat(Enumerable.Repeat("${" + name + (i - 1) + "}", fanOut)));
                if (keyword == "global")
                {
                    for (int i = 0; i <= steps; i++) lines.Add(Line(i));
                    lines.Add($"FROM alpine:${{{name}{steps}}}");
                }
                else
                {
                    lines.Add("FROM alpine:3.20");
                    for (int i = 0; i <= steps; i++) lines.Add(Line(i));
                    lines.Add($"USER ${{{name}{steps}}}");
                }
                var before = GC.GetAllocatedBytesForCurrentThread();
                var result = Dockerfile(string.Join("\n", lines) + "\n");
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                var note = Assert.Single(result.Findings, f => f.Id == "PL9003");
                Assert.Contains("expands to more than", note.Diagnostic.GetMessage());
                Assert.StartsWith(keyword == "ENV" ? "ENV" : "ARG", lines[note.LineSpan.StartLinePosition.Line]);
                Assert.True(allocated < 512L * 1024 * 1024, $"allocated {allocated:N0} bytes");
            });

    [Fact]
    public void Substitutions_nested_beyond_the_lexer_limit_are_reported()
    {
        string nested = string.Concat(Enumerable.Repeat("${A:-", 200)) + "x" + new string('}', 200);
        var result = Dockerfile("ARG A\nFROM alpine:" + nested + "\n");
        var note = Assert.Single(result.Findings, f => f.Id == "PL9003");
        Assert.Contains("nested more than 128 levels", note.Diagnostic.GetMessage());
        Assert.Equal(1, note.LineSpan.StartLinePosition.Line);
        Assert.DoesNotContain(Dockerfile("ARG A\nFROM alpine:" + string.Concat(Enumerable.Repeat("${A:-", 100)) + "3.20" + new string('}', 100) + "\n").Findings, f => f.Id == "PL9003");
    }

    [Fact]
    public void A_value_within_the_cap_is_resolved_and_not_reported()
    {
        var result = Dockerfile("ARG V0=ab\nARG V1=$V0$V0\nARG V2=$V1$V1\nFROM alpine:$V2\n");
        Assert.DoesNotContain(result.Findings, f => f.Id == "PL9003");
        Assert.Contains(result.Findings, f => f.Id == "PL1002" && f.Diagnostic.GetMessage().Contains("alpine:abababab"));
    }

    [Fact]
    public void The_word_lexer_stops_at_its_limit_also_through_pattern_replacement()
    {
        var lexer = new WordLexer { MaxLength = 1000 };
        string big = new('a', 800);
        var twice = lexer.ProcessWord("$A$A", name => big);
        Assert.True(twice.LimitExceeded);
        Assert.Null(twice.Result);
        var replaced = lexer.ProcessWord("${A//a/$A}", name => big);
        Assert.True(replaced.LimitExceeded);
        var fine = lexer.ProcessWord("$A", name => big);
        Assert.True(fine.Succeeded);
        Assert.Equal(800, fine.Result!.Length);
    }

    [Fact]
    public void Compose_interpolation_and_dotenv_chains_are_capped()
    {
        string dotEnv = "A0=x\n" + string.Concat(Enumerable.Range(1, 40).Select(i => $"A{i}=${{A{i - 1}}}${{A{i - 1}}}\n"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Compose("services:\n  s:\n    image: x:${A40}\n    privileged: true\n    environment:\n      X: ${A40}${A40}${A40}\n", dotEnv);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 512L * 1024 * 1024);
        Assert.Contains(result.Findings, f => f.Id == "PL2002");

        var big = new string('v', ComposeInterpolator.MaxValueLength / 2 + 1);
        var interpolator = new ComposeInterpolator(ComposeVariables.FromEnvironment(new Dictionary<string, string> { ["A"] = big }));
        var value = interpolator.Interpolate("${A}-${A}");
        Assert.True(value.HasError);
        Assert.Contains("longer than", value.Error);
        Assert.False(interpolator.Interpolate("${A}").HasError);
    }

    // ---- shell give-ups --------------------------------------------------------------------------

    // "$( " with a space: "$((" would open an arithmetic expansion, which runs nothing.
    private static readonly (string Open, string Close)[] Nesters = { ("$( ", ")"), ("(", ")"), ("{ ", "; }"), ("$(echo $( ", "))"), ("if true; then ", "; fi") };

    /// <summary>Any mix of nesting constructs beyond the parser's depth: a located note on the RUN, never silence.</summary>
    [Property(MaxTest = 25)]
    public Property Shell_nesting_beyond_the_limit_is_reported_on_the_RUN()
        => Prop.ForAll(Gen.Choose(101, 600).ToArbitrary(), Gen.ArrayOf(Gen.Choose(0, Nesters.Length - 1)).ToArbitrary(), (depth, picks) =>
        {
            if (picks.Length == 0) picks = new[] { 0 };
            var open = new System.Text.StringBuilder();
            var close = new System.Text.StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                var (o, c) = Nesters[picks[i % picks.Length]];
                open.Append(o);
                close.Insert(0, c);
            }
            var result = Dockerfile("FROM alpine:3.20\nUSER 1000\nRUN " + open + "curl -fsSL https://example.com/i.sh | sh" + close + "\n");
            var note = Assert.Single(result.Findings, f => f.Id == "PL9003");
            Assert.Equal(2, note.LineSpan.StartLinePosition.Line);
            Assert.Contains("nested more than 100 levels", note.Diagnostic.GetMessage());
        });

    [Fact]
    public void Nesting_within_the_limit_is_analysed_without_a_note()
    {
        var result = Dockerfile("FROM alpine:3.20\nUSER 1000\nRUN " + string.Concat(Enumerable.Repeat("$(", 90)) + "curl -fsSL http://example.com/i.sh | sh" + new string(')', 90) + "\n");
        Assert.DoesNotContain(result.Findings, f => f.Id == "PL9003");
        Assert.Contains(result.Findings, f => f.Id == "PL1003");
    }

    [Theory]
    [InlineData("", true)]                                // /bin/sh: two subshells
    [InlineData("SHELL [\"/bin/ash\", \"-c\"]\n", true)]
    [InlineData("SHELL [\"/bin/bash\", \"-c\"]\n", false)] // bash: an arithmetic command, nothing runs
    [InlineData("SHELL [\"zsh\", \"-c\"]\n", false)]
    public void Double_parenthesis_is_arithmetic_only_in_bash_zsh_and_ksh(string shell, bool pipesToShell)
    {
        var result = Dockerfile("FROM alpine:3.20\nUSER 1000\n" + shell + "RUN ((curl http://x.example/i.sh | sh))\n");
        Assert.Equal(pipesToShell, result.Findings.Any(f => f.Id == "PL1005"));
    }

    [Fact]
    public void Inline_sh_c_reads_POSIX_and_bash_c_reads_bash()
    {
        Assert.Contains(Dockerfile("FROM alpine:3.20\nUSER 1000\nRUN sh -c '((curl http://x.example/i.sh | sh))'\n").Findings, f => f.Id == "PL1005");
        Assert.DoesNotContain(Dockerfile("FROM alpine:3.20\nUSER 1000\nRUN bash -c '((curl http://x.example/i.sh | sh))'\n").Findings, f => f.Id == "PL1005");
    }

    [Theory]
    [InlineData("alpine:3.20", true)]
    [InlineData("mcr.microsoft.com/windows/servercore:ltsc2022", false)]
    [InlineData("mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022", false)]
    public void The_escape_directive_does_not_turn_shell_analysis_off_on_Linux(string image, bool analysed)
    {
        var result = Dockerfile("# escape=`\nFROM " + image + "\nUSER 1000\nRUN curl http://x.example/i.sh `\n  | sh\nRUN curl -fsSLo /tmp/a.tgz `\n  https://x.example/a.tgz\n");
        Assert.Equal(analysed, result.Findings.Any(f => f.Id == "PL1005"));
        Assert.Equal(analysed, result.Findings.Any(f => f.Id == "PL1004"));
    }

    // ---- budgets ---------------------------------------------------------------------------------

    [Fact]
    public void A_compose_file_beyond_the_read_budget_fails_with_a_located_PL9002()
    {
        var lines = new List<string> { "services:" };
        for (int i = 0; i < YamlAliasBudget.DefaultLimit / 2 + 10; i++) lines.Add($"  s{i}: {{image: x, user: '1'}}");
        lines.Add("  last:\n    image: x:1\n    privileged: true");
        var result = Compose(string.Join("\n", lines) + "\n");
        var budget = Assert.Single(result.Findings, f => f.Id == "PL9002");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, budget.Severity);
        Assert.Contains("not analysed", budget.Diagnostic.GetMessage());
        Assert.True(budget.LineSpan.StartLinePosition.Line > 1000);
    }

    [Fact]
    public void An_inline_script_that_cannot_be_read_is_a_located_PL9003_and_one_that_can_is_analysed()
    {
        // Two levels, readable in place: analysed (PL1005), nothing reported as skipped.
        var readable = Dockerfile("FROM alpine:3.20\nRUN sh -c 'sh -c \"curl http://x | sh\"'\n");
        Assert.Contains(readable.Findings, f => f.Id == "PL1005");
        Assert.DoesNotContain(readable.Findings, f => f.Id == "PL9003");

        // The third level is written with escaped quotes: it cannot be read in place, so it is reported, at the command that runs it.
        var escaped = Dockerfile("FROM alpine:3.20\nRUN sh -c 'sh -c \"sh -c \\\"curl http://x | sh\\\"\"'\n");
        var note = Assert.Single(escaped.Findings, f => f.Id == "PL9003");
        Assert.Equal(1, note.LineSpan.StartLinePosition.Line);
        Assert.Equal(11, note.LineSpan.StartLinePosition.Character);
        Assert.Contains("inline script", note.Diagnostic.GetMessage());
    }
}
