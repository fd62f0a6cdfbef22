using Plimsoll.Syntax.Shell;
using static Plimsoll.Tests.Syntax.Shell.ShellTestHelpers;

namespace Plimsoll.Tests.Syntax.Shell;

public class ShellResolvedCommandTests
{
    [Theory]
    [InlineData("curl -k x", "curl", "curl")]
    [InlineData("/usr/bin/curl -k x", "curl", "curl")]
    [InlineData("sudo curl x", "sudo", "curl")]
    [InlineData("sudo -u app -E env HOME=/x FOO=bar /usr/local/bin/wget x", "sudo", "wget")]
    [InlineData("sudo --user=app wget x", "sudo", "wget")]
    [InlineData("env -i PATH=/bin curl x", "env", "curl")]
    [InlineData("exec gosu app node server.js", "exec", "node")]
    [InlineData("su-exec nobody:nobody ./run", "su-exec", "./run")]
    [InlineData("command -p git clone x", "command", "git")]
    [InlineData("command -v curl", "command", "command")]
    [InlineData("nice -n 10 nohup make", "nice", "make")]
    [InlineData("timeout -s KILL 30 curl x", "timeout", "curl")]
    [InlineData("xargs -0 -n 1 -I{} curl -O {}", "xargs", "curl")]
    [InlineData("xargs -r rm -f", "xargs", "rm")]
    [InlineData("chroot /mnt apt-get update", "chroot", "apt-get")]
    [InlineData("time -p make", "time", "make")]
    [InlineData("sudo", "sudo", "sudo")]
    [InlineData("env FOO=1", "env", "env")]
    [InlineData("env -S \"curl -k\"", "env", "env")]
    public void ResolvesThroughWrappers(string src, string name, string resolved)
    {
        var cmd = Single(src);
        Assert.Equal(name, cmd.CommandName);
        var r = cmd.ResolvedCommand;
        Assert.Equal(resolved.Contains('/') ? resolved.Substring(resolved.LastIndexOf('/') + 1) : resolved, r.Name);
    }

    [Fact]
    public void Resolved_ArgumentsAndWrapperNames()
    {
        const string src = "sudo -E env DEBUG=1 curl -k https://x";
        var r = Single(src).ResolvedCommand;
        Assert.Equal(new[] { "sudo", "env" }, r.WrapperNames);
        Assert.Equal(4, r.WordIndex);
        Assert.Equal("curl", r.NameWord!.Text(src));
        Assert.Equal(new[] { "-k", "https://x" }, r.Arguments.Values());
    }

    [Fact]
    public void NonLiteralCommandName_IsNull()
    {
        var cmd = Single("$CURL -k x");
        Assert.Null(cmd.CommandName);
        Assert.Null(cmd.ResolvedCommand.Name);
        Assert.Equal("cu rl", Single("'cu rl' x").CommandName);
        Assert.Equal("curl", Single("\"/usr/bin/\"curl x").CommandName);
    }

    [Fact]
    public void AssignmentOnlyCommand_HasNoName()
    {
        var r = Single("A=1").ResolvedCommand;
        Assert.Null(r.Name);
        Assert.Equal(-1, r.WordIndex);
        Assert.Empty(r.Arguments);
    }

    [Theory]
    [InlineData("sh -c 'curl x | sh'", "curl x | sh")]
    [InlineData("bash -ec \"apt-get update\"", "apt-get update")]
    [InlineData("/bin/sh -x -c 'ls' arg0", "ls")]
    [InlineData("bash -o pipefail -c 'a | b'", "a | b")]
    [InlineData("busybox sh -c 'ls'", "ls")]
    [InlineData("/usr/bin/mksh -c 'ls'", "ls")]
    [InlineData("dash -c 'ls'", "ls")]
    public void InlineScript_OfShellDashC(string src, string expected)
    {
        Assert.True(Single(src).ResolvedCommand.TryGetInlineScript(out var script));
        Assert.Equal(expected, script.ApproximateValue);
    }

    [Theory]
    [InlineData("sh -c 'curl -fsSL https://x | sh'")]
    [InlineData("sudo bash -c \"curl -fsSL https://x | sh\"")]
    [InlineData("su app -c 'curl -fsSL https://x | sh'")]
    [InlineData("bash -c curl\\ -fsSL\\ https://x\\|sh", false)]
    [InlineData("sh -c \"curl \\\"x\\\" | sh\"", false)]
    [InlineData("sh -c $'curl x | sh'", false)]
    public void InlineScript_ParsedInPlace(string src, bool parsable = true)
    {
        var cmd = Single(src);
        Assert.Equal(parsable, cmd.ResolvedCommand.TryParseInlineScript(src, out var inner));
        Assert.Equal(parsable, cmd.ResolvedCommand.HasInlineScriptReadableInPlace(src)); // the driver's question, no parse
        if (!parsable) return;
        Assert.False(inner.HasErrors);
        var commands = inner.Script.DescendantCommands().ToList();
        Assert.Equal(new[] { "curl", "sh" }, commands.Select(c => c.SimpleCommand!.CommandName));
        var url = commands[0].SimpleCommand!.Words[2];
        Assert.Equal("https://x", url.Text(src));
        AssertSpansNest(inner);
    }

    [Theory]
    [InlineData("sh script.sh")]
    [InlineData("bash")]
    [InlineData("python -c 'print(1)'")]
    [InlineData("busybox -c 'ls'")]
    [InlineData("pwsh -c 'ls'")]
    public void InlineScript_NotPresent(string src)
    {
        Assert.False(Single(src).ResolvedCommand.TryGetInlineScript(out _));
    }
}

public class ShellOptionsTests
{
    private static ShellOptionSet Options(string src, ShellOptionSpec? spec = null) => ShellOptions.Parse(Single(src).Arguments, spec);

    [Fact]
    public void CombinedShortFlags_HaveCharacterSpans()
    {
        const string src = "curl -fsSLk https://x";
        var o = Options(src, ShellOptionSpec.Curl);
        Assert.Equal(new[] { "f", "s", "S", "L", "k" }, o.Options.Select(x => x.Name));
        var k = o.Find('k', "insecure")!;
        Assert.Equal((src.IndexOf('k'), 1), (k.Start, k.Length));
        Assert.Equal(new[] { "https://x" }, o.Operands.Values());
    }

    [Fact]
    public void LongFlagsAndEqualsValues()
    {
        const string src = "wget --no-check-certificate --output-document=/tmp/x -q https://x";
        var o = Options(src, ShellOptionSpec.Wget);
        var flag = o.Find(null, "no-check-certificate")!;
        Assert.True(flag.IsLong);
        Assert.Equal("--no-check-certificate", src.Substring(flag.Start, flag.Length));
        Assert.Equal("/tmp/x", o.Find('O', "output-document")!.Value);
        Assert.Equal(new[] { "https://x" }, o.Operands.Values());
    }

    [Fact]
    public void ShortOptionWithValue_SeparateAttachedAndCombined()
    {
        var o = Options("curl -o out.tgz -fsSLo other.tgz -Hx:y -H 'A: b' https://u", ShellOptionSpec.Curl);
        Assert.Equal(new[] { "out.tgz", "other.tgz" }, o.FindAll('o', "output").Select(x => x.Value));
        Assert.Equal(new[] { "x:y", "A: b" }, o.FindAll('H', "header").Select(x => x.Value));
        Assert.Equal(new[] { "https://u" }, o.Operands.Values());
        Assert.False(o.Has('k', "insecure"));
    }

    [Fact]
    public void ValueTakingOption_DoesNotHideLettersOfItsValue()
    {
        // `-o k` : k is the file name, not the insecure flag.
        var o = Options("curl -ok https://x", ShellOptionSpec.Curl);
        Assert.False(o.Has('k', "insecure"));
        Assert.Equal("k", o.Find('o')!.Value);
    }

    [Fact]
    public void DoubleDashEndsOptions()
    {
        var o = Options("rm -f -- -k");
        Assert.Equal(new[] { "f" }, o.Options.Select(x => x.Name));
        Assert.Equal(new[] { "-k" }, o.Operands.Values());
    }

    [Fact]
    public void LongOptionWithSeparateValue()
    {
        var o = Options("curl --header 'X: y' --insecure https://x", ShellOptionSpec.Curl);
        Assert.Equal("X: y", o.Find(null, "header")!.Value);
        Assert.True(o.Has('k', "insecure"));
        Assert.Equal(new[] { "https://x" }, o.Operands.Values());
    }

    [Fact]
    public void ExpansionsAreOperandsUnlessTheyStartWithDash()
    {
        var o = Options("curl $FLAGS -H\"$H\" \"$URL\"", ShellOptionSpec.Curl);
        Assert.Equal(new[] { "$FLAGS", "$URL" }, o.Operands.Values());
        Assert.Equal("$H", o.Find('H')!.Value);
    }
}
