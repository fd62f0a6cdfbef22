using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Tests.Syntax.Dockerfile.Expansion;

public sealed class WordLexerTests
{
    private static Func<string, string?> Env(params string[] entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var eq = e.IndexOf('=');
            if (eq < 0) map[e] = "";
            else map[e.Substring(0, eq)] = e.Substring(eq + 1);
        }
        return name => map.TryGetValue(name, out var v) ? v : null;
    }

    // The cases of BuildKit's TestProcessWithMatches (lex_test.go): result, and which names were found set/unset.
    // expected == null means BuildKit reports an error.
    [Theory]
    [InlineData("x", "x", new[] { "DUMMY=dummy" }, new string[0], new string[0])]
    [InlineData("x ${UNUSED}", "x ", new[] { "DUMMY=dummy" }, new string[0], new[] { "UNUSED" })]
    [InlineData("x ${FOO}", "x y", new[] { "FOO=y" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", "xxx  ccc", new[] { "FOO=xxx", "BAR=" }, new[] { "FOO", "BAR" }, new[] { "BAZ" })]
    [InlineData("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", "xxx bbb ccc", new[] { "FOO=xxx", "BAR=" }, new[] { "FOO", "BAR" }, new[] { "BAZ" })]
    [InlineData("${FOO:-}", "xxx", new[] { "FOO=xxx", "BAR=" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO:-}", "", new string[0], new string[0], new[] { "FOO" })]
    [InlineData("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", "aaa bbb ", new[] { "FOO=xxx", "BAR=" }, new[] { "FOO", "BAR" }, new[] { "BAZ" })]
    [InlineData("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", "aaa  ", new[] { "FOO=xxx", "BAR=" }, new[] { "FOO", "BAR" }, new[] { "BAZ" })]
    [InlineData("${FOO?aaa}", "xxx", new[] { "FOO=xxx", "BAR=" }, new[] { "FOO" }, new string[0])]
    [InlineData("${BAR?bbb}", "", new[] { "FOO=xxx", "BAR=" }, new[] { "BAR" }, new string[0])]
    [InlineData("${BAZ?ccc}", null, new[] { "FOO=xxx", "BAR=" }, new string[0], new[] { "BAZ" })]
    [InlineData("${FOO:?aaa}", "xxx", new[] { "FOO=xxx", "BAR=" }, new[] { "FOO" }, new string[0])]
    [InlineData("${BAR:?bbb}", null, new[] { "FOO=xxx", "BAR=" }, new[] { "BAR" }, new string[0])]
    [InlineData("${BAZ:?ccc}", null, new[] { "FOO=xxx", "BAR=" }, new string[0], new[] { "BAZ" })]
    [InlineData("${BAZ:?}", null, new[] { "FOO=xxx", "BAR=" }, new string[0], new[] { "BAZ" })]
    [InlineData("${FOO=aaa}", null, new[] { "FOO=xxx", "BAR=" }, new string[0], new string[0])]
    [InlineData("${FOO=:aaa}", null, new[] { "FOO=xxx", "BAR=" }, new string[0], new string[0])]
    [InlineData("${FOO=}", null, new string[0], new string[0], new string[0])]
    [InlineData("${FOO#()[]{\\}^$.\\*\\?|\\\\}", "x", new[] { "FOO=()[]{}^$.*?|\\x" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO%%\\**}", "xx", new[] { "FOO=xx**" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO#*x*y}", "y", new[] { "FOO=xxyy" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO#*}", "xxyy", new[] { "FOO=xxyy" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO#$BAR}", "xyy", new[] { "FOO=xxyy", "BAR=x" }, new[] { "FOO", "BAR" }, new string[0])]
    [InlineData("${FOO#$BAR}", "xxyy", new[] { "FOO=xxyy", "BAR=" }, new[] { "FOO", "BAR" }, new string[0])]
    [InlineData("${FOO#}", "xxyy", new[] { "FOO=xxyy" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO##*x}", "yy", new[] { "FOO=xxyy" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO##}", "xxyy", new[] { "FOO=xxyy" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO#?\\?}", "?y", new[] { "FOO=???y" }, new[] { "FOO" }, new string[0])]
    [InlineData("${ABC:-.}${FOO%x}${ABC:-.}", ".xxyy.", new[] { "FOO=xxyy" }, new[] { "FOO" }, new[] { "ABC" })]
    [InlineData("${FOO%%\\**\\*}", "a", new[] { "FOO=a***yy*" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO%}", "xxyy", new[] { "FOO=xxyy" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO%%$BAR}", "xxyy", new[] { "FOO=xxyy", "BAR=" }, new[] { "FOO", "BAR" }, new string[0])]
    [InlineData("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", "/foo.*/*.txt - /foo..*.txt", new[] { "FOO=/foo*/*/*.txt", "NEEDLE=\\*/" }, new[] { "FOO", "NEEDLE" }, new string[0])]
    [InlineData("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", "/tmp/bar.txt - /bar.txt", new[] { "FOO=/tmp/tmp/bar.txt", "NEEDLE=/tmp" }, new[] { "FOO", "NEEDLE" }, new string[0])]
    [InlineData("${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}", "/foo/b/c.txt - /foo/c.txt", new[] { "FOO=/a/foo/b/c.txt", "NEEDLE=/?/", "REPLACEMENT=/" }, new[] { "FOO", "NEEDLE", "REPLACEMENT" }, new string[0])]
    [InlineData("${FOO/$NEEDLE/$REPLACEMENT}", "https://google.de", new[] { "FOO=http://google.de", "NEEDLE=http://", "REPLACEMENT=https://" }, new[] { "FOO", "NEEDLE", "REPLACEMENT" }, new string[0])]
    [InlineData("${FOO//\\//\\/}", "\\/tmp\\/foo.txt", new[] { "FOO=/tmp/foo.txt" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO/$BAR/ww}", "wwxxyy", new[] { "FOO=xxyy", "BAR=" }, new[] { "FOO", "BAR" }, new string[0])]
    [InlineData("${FOO//ww}", null, new[] { "FOO=xxyy" }, new string[0], new string[0])]
    [InlineData("${FOO//}", null, new[] { "FOO=xxyy" }, new string[0], new string[0])]
    [InlineData("${FOO///}", "xxyy", new[] { "FOO=xxyy" }, new[] { "FOO" }, new string[0])]
    [InlineData("${FOO///}", "", new string[0], new string[0], new[] { "FOO" })]
    public void ProcessWord_matches_BuildKit_TestProcessWithMatches(string input, string? expected, string[] env, string[] matched, string[] unmatched)
    {
        var expansion = new WordLexer().ProcessWord(input, Env(env));

        if (expected is null)
        {
            Assert.NotNull(expansion.Error);
            return;
        }
        Assert.Null(expansion.Error);
        Assert.Equal(expected, expansion.Result);
        Assert.Equal(matched.OrderBy(x => x), expansion.Matched.OrderBy(x => x));
        Assert.Equal(unmatched.OrderBy(x => x), expansion.Unmatched.OrderBy(x => x));
    }

    // BuildKit's TestShellParserMandatoryEnvVars.
    [Theory]
    [InlineData("${VAR:?message here$ARG}", new[] { "VAR=plain", "ARG=x" }, "plain")]
    [InlineData("${VAR:?message here$ARG}", new[] { "VAR=", "ARG=x" }, null)]
    [InlineData("${VAR:?message here$ARG}", new[] { "ARG=x" }, null)]
    [InlineData("${VAR?message here$ARG}", new[] { "VAR=plain", "ARG=x" }, "plain")]
    [InlineData("${VAR?message here$ARG}", new[] { "VAR=", "ARG=x" }, "")]
    [InlineData("${VAR?message here$ARG}", new[] { "ARG=x" }, null)]
    public void Mandatory_variables_report_the_expanded_message(string input, string[] env, string? expected)
    {
        var expansion = new WordLexer().ProcessWord(input, Env(env));

        if (expected is null)
        {
            Assert.Null(expansion.Result);
            Assert.Contains("message herex", expansion.Error);
        }
        else
        {
            Assert.Null(expansion.Error);
            Assert.Equal(expected, expansion.Result);
        }
    }

    // BuildKit's TestProcessWithMatchesPlatform: the release file name convention of moby/buildkit.
    [Theory]
    [InlineData("v7", "something-v1.2.3.linux-arm-v7.tar.gz", "arm")]
    [InlineData("", "something-v1.2.3.linux-arm64.tar.gz", "arm64")]
    [InlineData(null, "something-v1.2.3.linux-arm64.tar.gz", "arm64")]
    public void Alternate_value_builds_platform_file_names(string? variant, string expected, string arch)
    {
        const string release = "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
        var env = new List<string> { "VERSION=v1.2.3", "TARGETOS=linux", "TARGETARCH=" + arch };
        if (variant is not null) env.Add("TARGETVARIANT=" + variant);

        Assert.Equal(expected, new WordLexer().ProcessWord(release, Env(env.ToArray())).Result);
    }

    // Error texts follow BuildKit's (errors.Wrapf(err, "failed to process %q", word)).
    [Theory]
    [InlineData("${}", "failed to process \"${}\": syntax error: bad substitution")]
    [InlineData("a${", "failed to process \"a${\": syntax error: missing '}'")]
    [InlineData("${A:-x", "failed to process \"${A:-x\": syntax error: missing '}'")]
    [InlineData("he${PWD", "failed to process \"he${PWD\": unsupported modifier (\uFFFD) in substitution")]
    [InlineData("${A:=x}", "failed to process \"${A:=x}\": unsupported modifier (:=) in substitution")]
    [InlineData("${A=x}", "failed to process \"${A=x}\": unsupported modifier (=) in substitution")]
    [InlineData("${A/x", "failed to process \"${A/x\": syntax error: missing '/' in ${}")]
    [InlineData("${A:?}", "failed to process \"${A:?}\": A: is not allowed to be unset")]
    [InlineData("${NULL:?}", "failed to process \"${NULL:?}\": NULL: is not allowed to be empty")]
    [InlineData("${NULL:?set it}", "failed to process \"${NULL:?set it}\": NULL: set it")]
    [InlineData("'abc", "failed to process \"'abc\": unexpected end of statement while looking for matching single-quote")]
    [InlineData("\"a\tb", "failed to process \"\\\"a\\tb\": unexpected end of statement while looking for matching double-quote")]
    [InlineData("${PWD#\\x}", "failed to process \"${PWD#\\\\x}\": invalid pattern (\\x) in substitution: invalid escape '\\x'")]
    [InlineData("${PWD/\\x/y}", "failed to process \"${PWD/\\\\x/y}\": invalid pattern (\\x) in substitution: invalid escape '\\x'")]
    [InlineData("${A:-${NULL:?}}", "failed to process \"${A:-${NULL:?}}\": NULL: is not allowed to be empty")]
    public void Errors_use_BuildKit_wording(string input, string error)
    {
        var expansion = new WordLexer().ProcessWord(input, Env("PWD=/home", "NULL="));

        Assert.Null(expansion.Result);
        Assert.Equal(error, expansion.Error);
    }

    [Theory]
    [InlineData("'a b'\"c$A\"", "'a b'\"cx\"")]
    [InlineData("'a'\\'", "'a''")]
    public void RawQuotes_keeps_quote_characters(string input, string expected)
    {
        Assert.Equal(expected, new WordLexer { RawQuotes = true }.ProcessWord(input, Env("A=x")).Result);
    }

    [Theory]
    [InlineData("a\\ b", "a\\ b")]
    [InlineData("a\\", "a\\")]
    [InlineData("\\$A", "\\$A")]
    [InlineData("\"\\$A\"", "\\$A")]
    // Inside double quotes a kept escape before an ordinary character is written twice (BuildKit quirk).
    [InlineData("\"a\\tb\"", "a\\\\tb")]
    // The default/alternate operands are processed with raw escapes turned off.
    [InlineData("${U:-\\y}", "y")]
    public void RawEscapes_keeps_escape_characters(string input, string expected)
    {
        Assert.Equal(expected, new WordLexer { RawEscapes = true }.ProcessWord(input, Env("A=x")).Result);
    }

    [Theory]
    [InlineData("$A $U ${U} ${A}", "x $U ${U} x")]
    [InlineData("${U:-d} ${U-d} ${U:+d} ${U+d}", "${U:-d} ${U-d} ${U:+d} ${U+d}")]
    [InlineData("${U:?msg} ${U?msg}", "${U:?msg} ${U?msg}")]
    [InlineData("${U#*} ${U##a*} ${U%b} ${U%%c}", "${U#*} ${U##a*} ${U%b} ${U%%c}")]
    [InlineData("${U/a/b} ${U//a/b}", "${U/a/b} ${U/a/b}")]
    [InlineData("${U:-$A}", "${U:-x}")]
    [InlineData("${A:-$U}", "x")]
    [InlineData("${U:=y}", "${U:=y}")]
    public void SkipUnsetEnv_leaves_unset_references_as_written(string input, string expected)
    {
        var expansion = new WordLexer { SkipUnsetEnv = true }.ProcessWord(input, Env("A=x"));

        Assert.Null(expansion.Error);
        Assert.Equal(expected, expansion.Result);
    }

    [Fact]
    public void SkipUnsetEnv_still_rejects_unsupported_modifiers_of_set_variables()
    {
        Assert.NotNull(new WordLexer { SkipUnsetEnv = true }.ProcessWord("${A:=y}", Env("A=x")).Error);
    }

    [Theory]
    [InlineData("'$A'", "'x'")]
    [InlineData("\"$A\"", "\"x\"")]
    [InlineData("'abc", "'abc")]
    public void SkipProcessQuotes_treats_quotes_as_text(string input, string expected)
    {
        var expansion = new WordLexer { SkipProcessQuotes = true }.ProcessWord(input, Env("A=x"));

        Assert.Null(expansion.Error);
        Assert.Equal(expected, expansion.Result);
    }

    [Theory]
    [InlineData("a`$b", "a$b")]
    [InlineData("C:\\path\\$b", "C:\\path\\x")]
    [InlineData("\"`\"`$b``\"", "\"$b`")]
    [InlineData("\"a\\\"", "a\\")]
    [InlineData("a`", "a")]
    [InlineData("${u:-C:\\dir}", "C:\\dir")]
    // Patterns keep '\' as their own escape whatever the lexer's escape character is.
    [InlineData("${p#C:\\\\}", "dir")]
    public void Backtick_escape_token(string input, string expected)
    {
        var expansion = new WordLexer('`').ProcessWord(input, Env("b=x", "p=C:\\dir"));

        Assert.Null(expansion.Error);
        Assert.Equal(expected, expansion.Result);
    }

    [Theory]
    [InlineData("hello${hi}bye", new[] { "hello${hi}bye" })]
    [InlineData("hello\" there  \"", new[] { "hello\" there  \"" })]
    [InlineData("a${sp}b", new[] { "ax", "yb" })]
    [InlineData("'a b' c", new[] { "'a b'", "c" })]
    public void ProcessWords_with_RawQuotes_and_SkipUnsetEnv(string input, string[] expected)
    {
        var lexer = new WordLexer { RawQuotes = true, SkipUnsetEnv = true };

        Assert.Equal(expected, lexer.ProcessWords(input, Env("sp=x y")).Words);
    }

    [Theory]
    [InlineData("\"\"", new string[0])]
    [InlineData("\"\" a", new[] { "a" })]
    [InlineData("a\"\" b", new[] { "a", "b" })]
    [InlineData("$E", new string[0])]
    [InlineData("  a\t\tb  ", new[] { "a", "b" })]
    [InlineData("a\\ \\ b", new[] { "a  b" })]
    public void ProcessWords_splits_like_BuildKit(string input, string[] expected)
    {
        Assert.Equal(expected, new WordLexer().ProcessWords(input, Env("E=")).Words);
    }

    [Theory]
    [InlineData("${A#*b}", "abcabc", "cabc")]
    [InlineData("${A##*b}", "abcabc", "c")]
    [InlineData("${A%b*}", "abcabc", "abca")]
    [InlineData("${A%%b*}", "abcabc", "a")]
    [InlineData("${A##*}", "ab\ncd", "\ncd")]
    [InlineData("${A%%?}", "x😀", "x")]
    [InlineData("${A#?}", "😀x", "x")]
    [InlineData("${A/b/<$R>}", "abcb", "a<$0>cb")]
    [InlineData("${A//$E/-}", "ab", "-a-b-")]
    [InlineData("${A//b*/-}", "abcb\nab", "a-\na-")]
    [InlineData("${A:#a}", "aab", "ab")]
    [InlineData("${A:%b}", "aab", "aa")]
    public void Patterns_behave_like_Go_regular_expressions(string input, string value, string expected)
    {
        var expansion = new WordLexer().ProcessWord(input, Env("A=" + value, "R=$0", "E="));

        Assert.Null(expansion.Error);
        Assert.Equal(expected, expansion.Result);
    }

    // ReplaceAll goes through Go's Regexp.ReplaceAllString, whose replacement is a template.
    [Theory]
    [InlineData("<$0>", "a<b>c<b>")]
    [InlineData("<${0}>", "a<b>c<b>")]
    [InlineData("$$", "a$c$")]
    [InlineData("$x", "ac")]
    [InlineData("${x", "a${xc${x")]
    [InlineData("$", "a$c$")]
    [InlineData("$00", "ac")]
    public void ReplaceAll_expands_Go_templates(string replacement, string expected)
    {
        Assert.Equal(expected, new WordLexer().ProcessWord("${A//b/$R}", Env("A=abcb", "R=" + replacement)).Result);
    }

    [Theory]
    [InlineData("$😀", "$😀")]
    [InlineData("${𝒜}", "astral")]
    [InlineData("$١٢x", "x")]
    [InlineData("\uFEFF$A", "x")]
    [InlineData("a\uFEFF$A", "a\uFEFFx")]
    public void Reads_names_by_code_point(string input, string expected)
    {
        Assert.Equal(expected, new WordLexer().ProcessWord(input, Env("A=x", "𝒜=astral")).Result);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var word = string.Concat(Enumerable.Repeat("${A:-", 5000)) + "x" + new string('}', 5000);

        var expansion = new WordLexer().ProcessWord(word, Env());

        Assert.NotNull(expansion.Error);
        Assert.NotNull(new WordLexer().ProcessWords(word, Env()).Error);
        Assert.NotEmpty(VariableReferenceScanner.Scan(word));
    }

    [Fact]
    public void Moderate_nesting_expands()
    {
        var word = string.Concat(Enumerable.Repeat("${A:-", 100)) + "x" + new string('}', 100);

        Assert.Equal("x", new WordLexer().ProcessWord(word, Env()).Result);
    }

    [Fact]
    public void Null_word_and_null_lookup_are_accepted()
    {
        var expansion = new WordLexer().ProcessWord(null!, null!);
        Assert.Equal("", expansion.Result);
        Assert.Equal("", new WordLexer().ProcessWord("$A", null!).Result);
        Assert.Equal(new[] { "A" }, new WordLexer().ProcessWord("$A", null!).Unmatched);
    }

    [Fact]
    public void Lookup_may_expand_again_on_the_same_thread()
    {
        var lexer = new WordLexer();
        string? Lookup(string name) => name == "OUTER" ? lexer.ProcessWord("in-${INNER}", n => n == "INNER" ? "x" : null).Result : null;

        Assert.Equal("[in-x]", lexer.ProcessWord("[${OUTER:-none}]", Lookup).Result);
    }
}
