using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Tests.Syntax.Dockerfile.Expansion;

public sealed class ShellPatternTests
{
    // BuildKit's TestReversePattern: escapes stay in front of what they escape.
    [Theory]
    [InlineData("a\\*c", "c\\*a")]
    [InlineData("\\\\\\ab", "b\\a\\\\")]
    [InlineData("ab\\", "\\ba")]
    [InlineData("👽\\🚀🖖", "🖖\\🚀👽")]
    [InlineData("\\\\b", "b\\\\")]
    public void ReversePattern_keeps_escapes_in_order(string pattern, string expected)
    {
        Assert.Equal(expected, ShellPattern.ReversePattern(pattern));
    }

    // BuildKit's TestConvertShellPatternToRegex, invalid half: a dangling escape or an escape of an ordinary character.
    [Theory]
    [InlineData("\\", "invalid escape '\\\uFFFD'")]
    [InlineData("\\x", "invalid escape '\\x'")]
    [InlineData("\\\\\\", "invalid escape '\\\uFFFD'")]
    public void Invalid_escapes_are_rejected(string pattern, string error)
    {
        Assert.Null(ShellPattern.Parse(pattern, out var message));
        Assert.Equal(error, message);
    }

    // The valid half, checked by what the patterns match rather than by the regex text.
    [Theory]
    [InlineData("*", "anything", true, "")]
    [InlineData("?", "xy", false, "y")]
    [InlineData("\\*", "*x", false, "x")]
    [InlineData("\\*", "ax", false, "ax")]
    [InlineData("(()[]{\\}^$.\\*\\?|\\\\", "(()[]{}^$.*?|\\rest", false, "rest")]
    [InlineData("a\\}b\\/c", "a}b/cd", false, "d")]
    public void Valid_patterns_match_literally_except_wildcards(string pattern, string value, bool longest, string expected)
    {
        Assert.Equal(expected, ShellPattern.TrimPrefix(pattern, value, longest, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("a*", "abab", false, "bab")]
    [InlineData("a*", "abab", true, "")]
    [InlineData("*b", "abab", false, "ab")]
    [InlineData("*b", "abab", true, "")]
    [InlineData("x*", "abab", true, "abab")]
    public void Shortest_and_longest_prefixes(string pattern, string value, bool longest, string expected)
    {
        Assert.Equal(expected, ShellPattern.TrimPrefix(pattern, value, longest, out _));
    }

    [Theory]
    [InlineData("b*", "abab", false, "aba")]
    [InlineData("b*", "abab", true, "a")]
    [InlineData("\\*", "a*", false, "a")]
    [InlineData("?", "a😀", false, "a")]
    public void Suffixes_match_on_the_reversed_value(string pattern, string value, bool longest, string expected)
    {
        Assert.Equal(expected, ShellPattern.TrimSuffix(pattern, value, longest, out _));
    }

    [Fact]
    public void Long_inputs_match_in_polynomial_time()
    {
        // A backtracking engine needs exponential time for this; the matcher must answer at once.
        var value = new string('a', 5000);
        var pattern = string.Concat(Enumerable.Repeat("*a", 40)) + "b";

        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(value, ShellPattern.TrimPrefix(pattern, value, longest: true, out _));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), started.Elapsed.ToString());
    }
}
