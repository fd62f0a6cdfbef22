using Plimsoll.Syntax.Shell;
using static Plimsoll.Tests.Syntax.Shell.ShellTestHelpers;

namespace Plimsoll.Tests.Syntax.Shell;

public class ShellCommandContextTests
{
    private static List<ShellCommandContext> Commands(string src) => ParseClean(src).DescendantCommands().ToList();

    [Fact]
    public void YieldsNestedCommandsInSourceOrder()
    {
        const string src = "a $(b `c`) && { d | (e; f); } ; if g; then h; fi; for x in $(i); do j <(k); done; case y in z) l;; esac; m() { n; }";
        var names = Commands(src).Select(c => c.SimpleCommand!.CommandName).ToArray();
        Assert.Equal(new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "n" }, names);
    }

    [Fact]
    public void CurlPipedIntoShell()
    {
        const string src = "curl -fsSL https://get.example.com | sudo -E bash - && echo done";
        var ctx = Commands(src);
        var curl = ctx.Single(c => c.SimpleCommand!.CommandName == "curl");
        Assert.Equal(0, curl.PipelineIndex);
        var next = Assert.IsType<SimpleCommand>(Assert.Single(curl.FollowingInPipeline()));
        Assert.Equal("sudo", next.CommandName);
        Assert.Equal("bash", next.ResolvedCommand.Name);
        var (op, pipeline) = Assert.Single(curl.FollowingInList());
        Assert.Equal(ShellAndOrOperatorKind.And, op.Kind);
        Assert.Equal("echo done", pipeline.Text(src));
        Assert.Null(curl.Outer);
    }

    [Fact]
    public void PipedIntoSubshell_SeenThroughSimpleCommandsPipedTo()
    {
        var curl = Commands("wget -qO- https://x | (cd /tmp && sh)").First();
        Assert.Equal(new[] { "cd", "sh" }, curl.SimpleCommandsPipedTo().Select(c => c.CommandName));
    }

    [Fact]
    public void SubstitutionContext_HasOuterCommand()
    {
        const string src = "sh -c \"$(curl -fsSL https://x/install.sh)\"";
        var ctx = Commands(src);
        Assert.Equal(2, ctx.Count);
        var curl = ctx[1];
        Assert.Equal("curl", curl.SimpleCommand!.CommandName);
        Assert.NotNull(curl.Substitution);
        Assert.Equal(ShellSubstitutionKind.Dollar, curl.Substitution!.Kind);
        Assert.Same(ctx[0].Command, curl.Outer!.Command);
        Assert.Equal(2, curl.SelfAndOuter().Count());
    }

    [Fact]
    public void CompoundContexts_WhenRequested()
    {
        var script = ParseClean("if a; then b; fi");
        var all = script.DescendantCommandsIncludingCompound().ToList();
        Assert.IsType<ShellIfCommand>(all[0].Command);
        Assert.Same(all[0], all[1].Outer);
        Assert.Null(all[0].SimpleCommand);
    }

    [Fact]
    public void ParentsAreSet()
    {
        var script = ParseClean("echo \"$(id -u)\"");
        foreach (var node in script.DescendantNodesAndSelf().Skip(1))
            Assert.NotNull(node.Parent);
        Assert.Null(script.Parent);
    }

    [Fact]
    public void DeepNesting_DoesNotOverflowWalker()
    {
        var text = string.Concat(Enumerable.Repeat("( ", 90)) + "x" + string.Concat(Enumerable.Repeat(" )", 90));
        var r = ShellParser.Parse(text);
        Assert.False(r.HasErrors);
        Assert.Equal("x", Assert.Single(r.Script.DescendantCommands()).SimpleCommand!.CommandName);
    }
}

public class ShellInlineScriptWalkTests
{
    [Fact]
    public void DescendsIntoShDashC()
    {
        const string src = "su app -c \"bash -c 'curl -fsSL https://x | sh'\" && echo ok";
        var result = ShellParser.Parse(src);
        var contexts = result.DescendantCommandsWithInlineScripts().ToList();
        Assert.Equal(new[] { "su", "bash", "curl", "sh", "echo" }, contexts.Select(c => c.SimpleCommand!.CommandName));
        var curl = contexts[2];
        Assert.Equal("https://x", curl.SimpleCommand!.Words[2].Text(src));
        Assert.Equal("sh", Assert.IsType<SimpleCommand>(Assert.Single(curl.FollowingInPipeline())).CommandName);
        Assert.Equal(new[] { "curl", "bash", "su" }, curl.SelfAndOuter().Select(c => c.SimpleCommand!.CommandName));
        Assert.Equal(2, result.Script.DescendantCommands().Count());
    }

    [Fact]
    public void InlineDepthIsBounded()
    {
        var src = "sh -c 'sh -c x'";
        Assert.Equal(new[] { "sh" }, ShellParser.Parse(src).DescendantCommandsWithInlineScripts(0).Select(c => c.SimpleCommand!.CommandName));
        Assert.Equal(new[] { "sh", "sh" }, ShellParser.Parse(src).DescendantCommandsWithInlineScripts(1).Select(c => c.SimpleCommand!.CommandName));
        Assert.Equal(3, ShellParser.Parse(src).DescendantCommandsWithInlineScripts(5).Count());
    }
}
