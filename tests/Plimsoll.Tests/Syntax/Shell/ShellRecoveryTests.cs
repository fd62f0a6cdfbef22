using Plimsoll.Syntax.Shell;
using static Plimsoll.Tests.Syntax.Shell.ShellTestHelpers;

namespace Plimsoll.Tests.Syntax.Shell;

/// <summary>Bad input gives a partial tree, an error with a precise span, and never an exception.</summary>
public class ShellRecoveryTests
{
    private static ShellSyntaxError OnlyError(string src, out ShellParseResult result)
    {
        result = ShellParser.Parse(src);
        AssertSpansNest(result);
        return Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void UnterminatedSingleQuote()
    {
        const string src = "echo 'abc && rm x";
        var e = OnlyError(src, out var r);
        Assert.Equal((5, 1), (e.Start, e.Length));
        Assert.Contains("single quote", e.Message);
        var cmd = (SimpleCommand)r.Script.Lists[0].Pipelines[0].Commands[0];
        Assert.Equal("abc && rm x", cmd.Words[1].ApproximateValue);
    }

    [Fact]
    public void UnterminatedDoubleQuote()
    {
        const string src = "echo ok; echo \"abc $x";
        var e = OnlyError(src, out var r);
        Assert.Equal((14, 1), (e.Start, e.Length));
        Assert.Equal(2, r.Script.Lists.Length);
    }

    [Fact]
    public void UnterminatedCommandSubstitution_KeepsPartialBody()
    {
        const string src = "X=$(curl -s https://x | sh";
        var e = OnlyError(src, out var r);
        Assert.Equal((2, 2), (e.Start, e.Length));
        var contexts = r.Script.DescendantCommands().ToList();
        Assert.Contains(contexts, c => c.SimpleCommand!.CommandName == "curl");
        Assert.Contains(contexts, c => c.SimpleCommand!.CommandName == "sh");
    }

    [Fact]
    public void UnterminatedBacktickAndBrace()
    {
        Assert.Contains("backquote", OnlyError("echo `date", out _).Message);
        var e = OnlyError("echo ${HOME", out _);
        Assert.Equal((5, 2), (e.Start, e.Length));
    }

    [Fact]
    public void MissingFi_PointsAtIf()
    {
        const string src = "true; if a; then b";
        var e = OnlyError(src, out var r);
        Assert.Equal((6, 2), (e.Start, e.Length));
        var ifc = Assert.IsType<ShellIfCommand>(r.Script.Lists[1].Pipelines[0].Commands[0]);
        Assert.Single(ifc.Clauses[0].Body.Lists);
    }

    [Fact]
    public void MissingDone_AndMissingDo()
    {
        Assert.Contains("done", OnlyError("for a in b; do echo", out _).Message);
        Assert.Contains("'do'", OnlyError("while true; echo", out _).Message);
    }

    [Fact]
    public void StrayClosingTokens_AreReportedAndSkipped()
    {
        var r = ShellParser.Parse("echo a; fi; echo b ) ; ;; echo c");
        AssertSpansNest(r);
        Assert.Equal(new[] { "unexpected 'fi'", "unexpected ';'", "unexpected ')'", "unexpected ';'", "unexpected ';;'" }, r.Diagnostics.Select(d => d.Message));
        Assert.Equal((8, 2), (r.Diagnostics[0].Start, r.Diagnostics[0].Length));
        var names = r.Script.DescendantCommands().Select(c => c.SimpleCommand!.CommandName).ToList();
        Assert.Equal(new[] { "echo", "echo", "echo" }, names);
    }

    [Fact]
    public void DanglingOperators()
    {
        var e = OnlyError("make &&", out _);
        Assert.Equal((5, 2), (e.Start, e.Length));
        e = OnlyError("curl x |", out _);
        Assert.Equal((7, 1), (e.Start, e.Length));
        Assert.NotEmpty(ShellParser.Parse("| sh").Diagnostics);
    }

    [Fact]
    public void MissingSeparatorAfterCompound()
    {
        var r = ShellParser.Parse("(a) b");
        Assert.Contains(r.Diagnostics, d => d.Message.Contains("expected ';'"));
        Assert.Equal(2, r.Script.Lists.Length);
    }

    [Fact]
    public void UnmatchedParen()
    {
        var e = OnlyError("(cd x && make", out var r);
        Assert.Equal((0, 1), (e.Start, e.Length));
        Assert.IsType<ShellSubshell>(r.Script.Lists[0].Pipelines[0].Commands[0]);
    }

    [Fact]
    public void CaseWithoutEsac()
    {
        var e = OnlyError("case $a in x) echo", out _);
        Assert.Contains("esac", e.Message);
    }

    [Fact]
    public void VeryDeepNesting_IsReportedNotOverflowed()
    {
        var deep = string.Concat(Enumerable.Repeat("( ", 5000)) + "x" + string.Concat(Enumerable.Repeat(" )", 5000));
        var r = ShellParser.Parse(deep);
        Assert.Contains(r.Diagnostics, d => d.IsLimit && d.Message.Contains("nested more than 100 levels"));
        var subst = string.Concat(Enumerable.Repeat("$(", 5000)) + "x" + new string(')', 5000);
        Assert.Contains(ShellParser.Parse(subst).Diagnostics, d => d.IsLimit && d.Message.Contains("nested more than 100 levels"));
        var braces = string.Concat(Enumerable.Repeat("${a:-", 5000));
        Assert.NotEmpty(ShellParser.Parse(braces).Diagnostics);
        var ifs = string.Concat(Enumerable.Repeat("if ", 5000));
        Assert.NotEmpty(ShellParser.Parse(ifs).Diagnostics);
        var funcs = string.Concat(Enumerable.Repeat("f() ", 5000));
        Assert.NotEmpty(ShellParser.Parse(funcs).Diagnostics);
    }

    [Fact]
    public void NullText_IsEmpty()
    {
        var r = ShellParser.Parse(null!);
        Assert.Empty(r.Script.Lists);
    }

    [Theory]
    [InlineData(-5, 100)]
    [InlineData(3, 1000)]
    [InlineData(50, 2)]
    public void OutOfRangeBounds_AreClamped(int start, int length)
    {
        var r = ShellParser.Parse("echo hello world", start, length);
        AssertSpansNest(r);
    }
}
