using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Tests.Syntax.Dockerfile.Expansion;

/// <summary>
/// BuildKit's own lexer cases (frontend/dockerfile/shell/envVarTest and wordsTest), run the way its
/// lex_test.go runs them.
/// </summary>
public sealed class WordLexerConformanceTests
{
    // lex_test.go runs "A" and "U" lines on Unix and "A" and "W" lines on Windows; the only difference between
    // the platforms is that Windows compares variable names case-insensitively (EqualEnvKeys). Here every line
    // runs on each platform it applies to, the platform being the case-sensitivity of the lookup.
    public static IEnumerable<object[]> EnvVarCases()
    {
        foreach (var c in ShellConformanceCases.EnvVar.Value.Values.OrderBy(c => c.Line))
        {
            if (c.Platform is "A" or "U") yield return new object[] { c.Line, "unix" };
            if (c.Platform is "A" or "W") yield return new object[] { c.Line, "windows" };
        }
    }

    [Theory]
    [MemberData(nameof(EnvVarCases))]
    public void ProcessWord_matches_BuildKit_envVarTest(int line, string platform)
    {
        var c = ShellConformanceCases.EnvVar.Value[line];
        // TestShellParser4EnvVars uses NewLex('\\') with no options.
        var lexer = new WordLexer(c.Escape);

        var expansion = lexer.ProcessWord(c.Input, c.Lookup(windows: platform == "windows"));

        if (c.Error)
        {
            Assert.NotNull(expansion.Error);
            Assert.Null(expansion.Result);
            Assert.StartsWith("failed to process ", expansion.Error);
        }
        else
        {
            Assert.Null(expansion.Error);
            Assert.Equal(c.Expected, expansion.Result);
        }
    }

    [Fact]
    public void EnvVar_file_holds_every_case()
    {
        // 230 cases: guards against a silently truncated or unreadable data file.
        Assert.Equal(230, ShellConformanceCases.EnvVar.Value.Count);
        Assert.Equal(24, ShellConformanceCases.Words.Value.Count);
    }

    public static IEnumerable<object[]> WordsCases()
        => ShellConformanceCases.Words.Value.Keys.OrderBy(l => l).Select(l => new object[] { l });

    // TestShellParser4Words loops over two modes (normal, and RawQuotes+SkipUnsetEnv), but both modes share one
    // opened file, so the second mode reads nothing: BuildKit's expectations only hold for the normal mode,
    // which is the one run here. The other options are covered in WordLexerTests.
    [Theory]
    [MemberData(nameof(WordsCases))]
    public void ProcessWords_matches_BuildKit_wordsTest(int line)
    {
        var c = ShellConformanceCases.Words.Value[line];
        var lexer = new WordLexer(c.Escape);

        var expansion = lexer.ProcessWords(c.Input, c.Lookup(windows: false));

        if (c.Error)
        {
            Assert.NotNull(expansion.Error);
            Assert.Null(expansion.Words);
        }
        else
        {
            Assert.Null(expansion.Error);
            Assert.Equal(c.ExpectedWords, expansion.Words);
        }
    }
}
