using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Syntax.Shell;
using static Plimsoll.Tests.Syntax.Shell.ShellTestHelpers;

namespace Plimsoll.Tests.Syntax.Shell;

/// <summary>Text built from shell-significant fragments, so that random inputs hit the interesting paths.</summary>
public sealed record ShellFragments(string Text)
{
    public override string ToString() => Text.Replace("\n", "⏎");
}

/// <summary>A corpus RUN command with random edits (insertions of shell tokens, deletions, truncation).</summary>
public sealed record MutatedRun(string Text)
{
    public override string ToString() => Text.Replace("\n", "⏎");
}

public static class ShellArbitraries
{
    private static readonly string[] Tokens =
    {
        " ", " ", "\t", "\n", "\\\n", "\\", ";", ";;", ";&", "&", "&&", "|", "||", "|&", "(", ")", "((", "))", "{", "}", "{ ", " }",
        "<", ">", ">>", "<<", "<<-", "<<<", "2>&1", "&>", "<(", ">(", "'", "\"", "`", "\\`", "$", "$(", "$((", "${", "${#", "${!", ":-",
        "$'", "$\"", "#", "=", "A=", "x", "curl", "-fsSLk", "http://a/b", "EOF", "if ", "then ", "elif ", "else ", "fi", "for ", " in ",
        "do ", "done", "while ", "until ", "case ", "esac", "function ", "f()", "!", "[[", "]]", "=~", "*", "\r", "é", "\0", "\uD83D",
    };

    public static Arbitrary<ShellFragments> Fragments() =>
        Gen.Elements(Tokens).ListOf().Select(list => new ShellFragments(string.Concat(list))).ToArbitrary();

    public static Arbitrary<MutatedRun> Mutated()
    {
        var sample = DockerfileRunCorpus.Runs.Where(r => r.IsPosixShell).Where((_, i) => i % 17 == 0).Select(r => r.Text).ToArray();
        var edit = Gen.Zip(Gen.Choose(0, 2), Gen.Zip(Gen.Choose(0, 100000), Gen.Elements(Tokens)));
        return Gen.Elements(sample)
            .SelectMany(text => edit.ListOf(), (text, edits) => new MutatedRun(Apply(text, edits)))
            .ToArbitrary();
    }

    private static string Apply(string text, IEnumerable<(int Kind, (int Position, string Token) Where)> edits)
    {
        foreach (var (kind, (position, token)) in edits)
        {
            var at = text.Length == 0 ? 0 : position % (text.Length + 1);
            text = kind switch
            {
                0 => text.Insert(at, token),
                1 => text.Remove(at, Math.Min(token.Length, text.Length - at)),
                _ => at > text.Length / 2 ? text.Substring(0, at) : text,
            };
        }
        return text;
    }
}

public class ShellParserProperties
{
    /// <summary>Parses on a worker so that a hang fails the test instead of blocking the run.</summary>
    private static ShellParseResult ParseWithin(string text, int seconds = 10)
    {
        var task = Task.Run(() => ShellParser.Parse(text));
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), "parser did not terminate");
        return task.Result;
    }

    private static void CheckWellFormed(string text)
    {
        var result = ParseWithin(text);
        AssertSpansNest(result);
        foreach (var ctx in result.Script.DescendantCommandsIncludingCompound())
        {
            if (ctx.SimpleCommand is not { } cmd) continue;
            _ = cmd.ResolvedCommand.Name;
            _ = cmd.ResolvedCommand.TryGetInlineScript(out _);
            _ = cmd.ResolvedCommand.ParseOptions(ShellOptionSpec.Curl).Find('k', "insecure");
            foreach (var w in cmd.Words)
            {
                _ = w.TryGetLiteralValue(out _);
                _ = w.LiteralPrefix;
            }
        }
        foreach (var u in ShellUrlScanner.FindUrls(text))
            Assert.Equal(u.Value, text.Substring(u.Start, u.Length));
        foreach (var d in ShellDownloadScanner.FindDownloads(text))
            Assert.True(d.StatementStart <= d.Start && d.End <= d.StatementEnd && d.StatementEnd <= text.Length);
    }

    [Property(MaxTest = 1000)]
    public void ArbitraryStrings_NeverThrow_SpansNest(string text) => CheckWellFormed(text ?? string.Empty);

    [Property(MaxTest = 2000, EndSize = 200, Arbitrary = new[] { typeof(ShellArbitraries) })]
    public void ShellFragments_NeverThrow_SpansNest(ShellFragments input) => CheckWellFormed(input.Text);

    [Property(MaxTest = 500, Arbitrary = new[] { typeof(ShellArbitraries) })]
    public void MutatedCorpusCommands_NeverThrow_SpansNest(MutatedRun input) => CheckWellFormed(input.Text);

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(ShellArbitraries) })]
    public void ParsingIsDeterministic(ShellFragments input)
    {
        var a = ShellParser.Parse(input.Text);
        var b = ShellParser.Parse(input.Text);
        Assert.Equal(a.Diagnostics, b.Diagnostics);
        Assert.Equal(a.Script.DescendantNodesAndSelf().Select(n => (n.GetType(), n.Start, n.Length)),
            b.Script.DescendantNodesAndSelf().Select(n => (n.GetType(), n.Start, n.Length)));
    }

    [Fact]
    public void LargeAdversarialInputs_FinishQuickly()
    {
        var inputs = new[]
        {
            string.Concat(Enumerable.Repeat("$((", 20000)),
            string.Concat(Enumerable.Repeat("\\\n", 50000)),
            string.Concat(Enumerable.Repeat("a=", 50000)),
            string.Concat(Enumerable.Repeat("<<A ", 10000)) + "\n",
            string.Concat(Enumerable.Repeat("`\\`", 20000)),
            string.Concat(Enumerable.Repeat("${a:-\"", 20000)),
            new string('x', 200000),
        };
        foreach (var text in inputs)
        {
            var result = ParseWithin(text, 30);
            AssertSpansNest(result);
        }
    }
}
