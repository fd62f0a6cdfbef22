using Plimsoll.Syntax.Shell;
using static Plimsoll.Tests.Syntax.Shell.ShellTestHelpers;

namespace Plimsoll.Tests.Syntax.Shell;

public class ShellWordTests
{
    private static ShellWord Word(string src, int index = 1) => Single(src).Words[index];

    [Fact]
    public void MixedQuotes_LiteralValueAndParts()
    {
        const string src = "echo 'a b'\"c d\"e\\ f";
        var w = Word(src);
        Assert.True(w.TryGetLiteralValue(out var v));
        Assert.Equal("a bc de f", v);
        Assert.Equal(new[] { typeof(ShellSingleQuotedPart), typeof(ShellDoubleQuotedPart), typeof(ShellLiteralPart), typeof(ShellEscapePart), typeof(ShellLiteralPart) },
            w.Parts.Select(p => p.GetType()));
        Assert.Equal("'a b'", w.Parts[0].Text(src));
        Assert.Equal("\"c d\"", w.Parts[1].Text(src));
        Assert.Equal("\\ ", w.Parts[3].Text(src));
        Assert.Equal(5, w.Start);
        Assert.Equal(src.Length, w.End);
    }

    [Theory]
    [InlineData("echo apt-get", typeof(ShellLiteralPart))]
    [InlineData("echo \"$HOME\"", typeof(ShellDoubleQuotedPart))]
    [InlineData("echo ${x:-default}", typeof(ShellParameterExpansion))]
    public void A_one_part_word_has_its_part_as_child_and_in_Parts(string src, Type partType)
    {
        var w = Word(src);
        var part = Assert.Single(w.Parts);
        Assert.IsType(partType, part);
        Assert.Same(w, part.Parent);
        Assert.Same(part, Assert.Single(w.ChildNodes()));
        Assert.Contains(part, w.DescendantNodesAndSelf());
        Assert.Equal(w.Start, part.Start);
        Assert.Equal(w.End, part.End);
    }

    [Theory]
    [InlineData("echo apt-get", true, "apt-get")]
    [InlineData("echo /usr/local/bin", true, "/usr/local/bin")]
    [InlineData("echo ab\\\ncd", false, "abcd")]
    [InlineData("echo 'ab'", false, "ab")]
    [InlineData("echo a$b", false, "a$b")]
    public void A_plain_word_makes_its_literal_part_once_and_only_when_asked(string src, bool plain, string value)
    {
        var w = Word(src);
        Assert.Equal(plain, w.IsPlain);
        Assert.Equal(value, w.ApproximateValue);
        Assert.Equal(!value.Contains('$'), w.IsLiteral);
        Assert.Equal(!plain && !src.Contains('\\'), w.HasQuoting); // a continuation leaves one literal part
        Assert.DoesNotContain(w.Expansions(), e => e is not ShellParameterExpansion);
        // Asked for, the part is the same node whichever way it is reached, with the word's span and value.
        var first = w.Parts[0];
        Assert.Same(first, Assert.Single(w.ChildNodes().Take(1)));
        Assert.Same(first, w.DescendantNodesAndSelf().Skip(1).First());
        Assert.Same(w, first.Parent);
        Assert.Equal(w.Start, first.Start);
        if (plain)
        {
            Assert.Equal(value, Assert.IsType<ShellLiteralPart>(first).Value);
            Assert.Equal(src.Length, first.End);
            Assert.True(w.IsPlain);
        }
    }

    [Fact]
    public void Plain_words_are_shared_safely_between_threads()
    {
        for (int round = 0; round < 50; round++)
        {
            var w = Word("echo apt-get");
            var parts = new ShellWordPart[8];
            Parallel.For(0, parts.Length, i => parts[i] = w.Parts[0]);
            Assert.All(parts, p => Assert.Same(parts[0], p));
        }
    }

    [Fact]
    public void SingleQuotes_KeepEverythingLiteral()
    {
        var w = Word("echo '$HOME `x` \\n \"'");
        Assert.True(w.TryGetLiteralValue(out var v));
        Assert.Equal("$HOME `x` \\n \"", v);
    }

    [Fact]
    public void DoubleQuotes_EscapesAndExpansions()
    {
        const string src = "echo \"a\\\"b \\$c \\x $d ${e} $(f) `g`\"";
        var w = Word(src);
        var dq = Assert.IsType<ShellDoubleQuotedPart>(Assert.Single(w.Parts));
        Assert.False(w.IsLiteral);
        Assert.Equal("a\"b $c \\x ", w.LiteralPrefix);
        var expansions = w.Expansions().ToList();
        Assert.Equal(4, expansions.Count);
        Assert.Equal("$d", expansions[0].Text(src));
        Assert.Equal("${e}", expansions[1].Text(src));
        Assert.Equal("$(f)", expansions[2].Text(src));
        Assert.Equal("`g`", expansions[3].Text(src));
        Assert.Equal(dq.Parts.Length, dq.ChildNodes().Count());
    }

    [Fact]
    public void ParameterExpansion_Simple()
    {
        const string src = "echo $HOME/bin $1 $@ $? $$ $# $-x";
        var cmd = Single(src);
        var home = Assert.IsType<ShellParameterExpansion>(cmd.Words[1].Parts[0]);
        Assert.Equal("HOME", home.Name);
        Assert.False(home.IsBraced);
        Assert.Equal("$HOME", home.Text(src));
        Assert.Equal("/bin", ((ShellLiteralPart)cmd.Words[1].Parts[1]).Value);
        Assert.Equal(new[] { "1", "@", "?", "$", "#", "-" }, cmd.Words.Skip(2).Select(w => ((ShellParameterExpansion)w.Parts[0]).Name));
    }

    [Theory]
    [InlineData("${VERSION}", "VERSION", null, null, null, null)]
    [InlineData("${VERSION:-1.0}", "VERSION", null, null, ":-", "1.0")]
    [InlineData("${URL#https://}", "URL", null, null, "#", "https://")]
    [InlineData("${FILE%%.tar.gz}", "FILE", null, null, "%%", ".tar.gz")]
    [InlineData("${PATH//:/ }", "PATH", null, null, "//", ":/ ")]
    [InlineData("${#ARR[@]}", "ARR", "#", "@", null, null)]
    [InlineData("${!ref}", "ref", "!", null, null, null)]
    [InlineData("${V:0:7}", "V", null, null, ":", "0:7")]
    [InlineData("${#}", "#", null, null, null, null)]
    [InlineData("${10}", "10", null, null, null, null)]
    public void ParameterExpansion_Braced(string expansion, string name, string? prefix, string? subscript, string? op, string? arg)
    {
        var src = "echo " + expansion;
        var p = Assert.IsType<ShellParameterExpansion>(Assert.Single(Word(src).Parts));
        Assert.True(p.IsBraced);
        Assert.Equal(name, p.Name);
        Assert.Equal(prefix, p.Prefix);
        Assert.Equal(subscript, p.Subscript);
        Assert.Equal(op, p.Operator);
        Assert.Equal(arg, p.Argument?.ApproximateValue);
        Assert.Equal(expansion, p.Text(src));
        Assert.Equal(expansion, p.SourceText);
    }

    [Fact]
    public void ParameterExpansion_NestedArgument()
    {
        const string src = "echo \"${A:-\"${B:-x y}\"}\"";
        var w = Word(src);
        var outer = (ShellParameterExpansion)((ShellDoubleQuotedPart)w.Parts[0]).Parts[0];
        var inner = (ShellParameterExpansion)((ShellDoubleQuotedPart)outer.Argument!.Parts[0]).Parts[0];
        Assert.Equal("B", inner.Name);
        Assert.Equal("x y", inner.Argument!.ApproximateValue);
        Assert.Equal("${B:-x y}", inner.Text(src));
    }

    [Fact]
    public void CommandSubstitution_ParsedRecursivelyWithSpans()
    {
        const string src = "echo \"$(curl -fsSL https://x/$(uname -m).sh)\"";
        var w = Word(src);
        var sub = (ShellCommandSubstitution)((ShellDoubleQuotedPart)w.Parts[0]).Parts[0];
        Assert.Equal(ShellSubstitutionKind.Dollar, sub.Kind);
        var curl = (SimpleCommand)sub.Body.Lists[0].Pipelines[0].Commands[0];
        Assert.Equal("curl", curl.CommandName);
        Assert.Equal("https://x/$(uname -m).sh", curl.Words[2].Text(src));
        var uname = (ShellCommandSubstitution)curl.Words[2].Parts[1];
        Assert.Equal("uname -m", uname.Body.Text(src));
    }

    [Fact]
    public void Backticks_ParsedRecursively_WithMappedSpans()
    {
        const string src = "echo `dirname \\`which python\\``";
        var w = Word(src);
        var outer = Assert.IsType<ShellCommandSubstitution>(Assert.Single(w.Parts));
        Assert.Equal(ShellSubstitutionKind.Backtick, outer.Kind);
        Assert.Equal(src.Substring(5), outer.Text(src));
        var dirname = (SimpleCommand)outer.Body.Lists[0].Pipelines[0].Commands[0];
        Assert.Equal("dirname", dirname.CommandName);
        Assert.Equal(src.IndexOf("dirname"), dirname.Start);
        var inner = (ShellCommandSubstitution)dirname.Words[1].Parts[0];
        Assert.Equal(ShellSubstitutionKind.Backtick, inner.Kind);
        var which = (SimpleCommand)inner.Body.Lists[0].Pipelines[0].Commands[0];
        Assert.Equal("which python", which.Text(src));
        Assert.Equal("python", which.Words[1].Text(src));
    }

    [Fact]
    public void ArithmeticExpansion()
    {
        const string src = "echo $(( (1 + 2) * $N ))";
        var a = Assert.IsType<ShellArithmeticExpansion>(Assert.Single(Word(src).Parts));
        Assert.Equal(" (1 + 2) * $N ", a.Expression);
        Assert.Equal(src.Substring(5), a.Text(src));
    }

    [Fact]
    public void DollarDoubleParen_ThatIsASubshell_IsCommandSubstitution()
    {
        var sub = Assert.IsType<ShellCommandSubstitution>(Assert.Single(Word("echo $((cd /; ls) | wc -l)").Parts));
        Assert.IsType<ShellSubshell>(sub.Body.Lists[0].Pipelines[0].Commands[0]);
    }

    [Fact]
    public void ProcessSubstitution()
    {
        const string src = "bash <(curl -s https://get.example.com)";
        var cmd = Single(src);
        var sub = Assert.IsType<ShellCommandSubstitution>(Assert.Single(cmd.Words[1].Parts));
        Assert.Equal(ShellSubstitutionKind.ProcessInput, sub.Kind);
        Assert.Equal("<(curl -s https://get.example.com)", sub.Text(src));
        Assert.Empty(cmd.Redirections);
    }

    [Fact]
    public void AnsiCQuote()
    {
        var w = Word("printf $'a\\tb\\n'");
        var q = Assert.IsType<ShellSingleQuotedPart>(Assert.Single(w.Parts));
        Assert.True(q.IsAnsiC);
        Assert.Equal("a\tb\n", q.Value);
    }

    [Fact]
    public void LonelyDollar_IsLiteral()
    {
        var cmd = Single("echo $ a$ \"$\"");
        Assert.Equal(new[] { "echo", "$", "a$", "$" }, cmd.Words.Values());
        Assert.True(cmd.Words.All(w => w.IsLiteral));
    }

    [Fact]
    public void LiteralPrefixAndApproximateValue()
    {
        var w = Word("curl https://dl.example.com/v${VERSION}/tool-$(uname -s).tgz");
        Assert.False(w.TryGetLiteralValue(out _));
        Assert.Equal("https://dl.example.com/v", w.LiteralPrefix);
        Assert.Equal("https://dl.example.com/v${VERSION}/tool-$(uname -s).tgz", w.ApproximateValue);
    }

    [Fact]
    public void MapValueOffset_ExactForPlainWords()
    {
        const string src = "curl -fsSLk x";
        var w = Word(src);
        Assert.Equal(src.IndexOf('k'), w.MapValueOffset(5));
        Assert.Equal(src.IndexOf('f'), w.MapValueOffset(1));
        var quoted = Word("curl '-k'");
        Assert.Equal(quoted.Start, quoted.MapValueOffset(1));
    }

    [Fact]
    public void GlobsBracesAndTilde_StayLiteral()
    {
        var cmd = Single("rm -rf ~/.cache /var/lib/apt/lists/* {a,b}.txt [ab]?");
        Assert.Equal(new[] { "rm", "-rf", "~/.cache", "/var/lib/apt/lists/*", "{a,b}.txt", "[ab]?" }, cmd.Words.Values());
    }
}
