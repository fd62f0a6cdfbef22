using Plimsoll.Syntax.Shell;

namespace Plimsoll.Tests.Syntax.Shell;

/// <summary>The shared memo of shell parses: one tree per repeated text and dialect while it is in use, bounded memory.</summary>
public class ShellParseCacheTests
{
    private const string Script = "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*";

    [Fact]
    public void A_script_that_comes_again_is_kept_and_then_served_as_the_same_tree()
    {
        var cache = new ShellParseCache();
        var once = cache.Parse(Script, ShellDialect.Posix);
        Assert.Equal(0, cache.Count); // seen once: not kept
        var again = cache.Parse(Script, ShellDialect.Posix);
        Assert.NotSame(once, again);
        Assert.Equal(1, cache.Count);
        Assert.Same(again, cache.Parse(Script, ShellDialect.Posix));
        Assert.Same(again, cache.Parse(new string(Script.ToCharArray()), ShellDialect.Posix)); // equal text, another string
        Assert.NotSame(again, cache.Parse(Script, ShellDialect.Bash));
        Assert.NotSame(again, cache.Parse(Script + " ", ShellDialect.Posix));
    }

    [Fact]
    public void Scripts_that_never_repeat_are_not_kept()
    {
        var cache = new ShellParseCache();
        for (int i = 0; i < 500; i++) cache.Parse($"echo {i} > /tmp/{i}", ShellDialect.Posix);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_dialect_decides_the_tree_a_script_gets()
    {
        // `((` is an arithmetic command in bash and two subshells in POSIX sh: a tree kept for one must not serve the other.
        var cache = new ShellParseCache();
        const string text = "((x = 1 + 2))";
        var posix = cache.Parse(text, ShellDialect.Posix);
        var bash = cache.Parse(text, ShellDialect.Bash);
        Assert.Equal(Describe(ShellParser.Parse(text, ShellDialect.Posix)), Describe(posix));
        Assert.Equal(Describe(ShellParser.Parse(text, ShellDialect.Bash)), Describe(bash));
        Assert.NotEqual(Describe(posix), Describe(bash));
    }

    [Fact]
    public void Memory_stays_bounded_however_many_scripts_come()
    {
        var cache = new ShellParseCache();
        for (int i = 0; i < 2_000; i++)
            for (int time = 0; time < 2; time++) cache.Parse($"echo {i} > /tmp/{i}", ShellDialect.Posix);
        Assert.InRange(cache.Count, ShellParseCache.GenerationSize, 2 * ShellParseCache.GenerationSize);

        // A script longer than the limit is parsed each time and never kept.
        var huge = string.Join(" && ", Enumerable.Repeat("echo x", ShellParseCache.MaxScriptChars / 6 + 1));
        int before = cache.Count;
        cache.Parse(huge, ShellDialect.Posix);
        var parsed = cache.Parse(huge, ShellDialect.Posix);
        Assert.NotSame(parsed, cache.Parse(huge, ShellDialect.Posix));
        Assert.Equal(before, cache.Count);
    }

    [Fact]
    public void A_script_in_use_stays_while_others_come_and_go()
    {
        var cache = new ShellParseCache();
        cache.Parse(Script, ShellDialect.Posix);
        var kept = cache.Parse(Script, ShellDialect.Posix);
        for (int i = 0; i < 10 * ShellParseCache.GenerationSize; i++)
        {
            for (int time = 0; time < 2; time++) cache.Parse($"echo {i}", ShellDialect.Posix);
            if (i % (ShellParseCache.GenerationSize / 2) == 0) Assert.Same(kept, cache.Parse(Script, ShellDialect.Posix));
        }
        // Not asked for while two generations came: gone.
        for (int i = 0; i < 2 * ShellParseCache.GenerationSize; i++)
            for (int time = 0; time < 2; time++) cache.Parse($"true {i}", ShellDialect.Posix);
        Assert.NotSame(kept, cache.Parse(Script, ShellDialect.Posix));
    }

    [Fact]
    public void Threads_asking_at_once_each_get_the_tree_of_the_text_they_asked_for()
    {
        var cache = new ShellParseCache();
        var texts = Enumerable.Range(0, 100).Select(i => $"curl -fsSL https://example.com/{i}.tgz | tar -xz -C /opt/{i % 7} && echo {i}").ToArray();
        var expected = texts.Select(t => Describe(ShellParser.Parse(t, ShellDialect.Posix))).ToArray();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var random = new Random(worker);
            for (int n = 0; n < 2_000; n++)
            {
                int i = random.Next(texts.Length);
                var result = cache.Parse(texts[i], ShellDialect.Posix);
                Assert.Equal(texts[i], result.Text);
                Assert.Equal(expected[i], Describe(result));
            }
        });
    }

    // The tree's shape: each node's kind and span, in order.
    private static string Describe(ShellParseResult result) =>
        string.Join(" ", result.Script.DescendantNodesAndSelf().Select(n => $"{n.GetType().Name}@{n.Start}+{n.Length}"));
}
