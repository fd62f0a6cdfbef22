using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Tests.Analysis;

/// <summary>
/// Work that several rules need is done once per file and shared: the RUN scripts' command walk, facts about one
/// command, token values, the variable scope before an instruction. Sharing must not change what any rule sees.
/// </summary>
public class SharedWorkTests
{
    private static DockerfileSemanticModel Model(string dockerfile)
        => DockerfileSemanticModel.Create(DockerfileSyntaxTree.Parse(SourceText.From(dockerfile), "Dockerfile"));

    [Fact]
    public void The_command_walk_with_inline_scripts_is_made_once_and_is_the_default_depth_walk()
    {
        var parse = ShellParser.Parse("apt-get update && sh -c 'curl -fsSL x | sh' && echo done");
        var first = parse.CommandsWithInlineScripts;
        Assert.Same(first, parse.CommandsWithInlineScripts);
        Assert.Same(first, parse.DescendantCommandsWithInlineScripts());
        Assert.Equal(new[] { "apt-get", "sh", "curl", "sh", "echo" }, first.Select(c => c.SimpleCommand!.CommandName).ToArray());
        // Another depth is walked afresh: without inline scripts, only the outer commands.
        Assert.Equal(new[] { "apt-get", "sh", "echo" }, parse.DescendantCommandsWithInlineScripts(0).Select(c => c.SimpleCommand!.CommandName).ToArray());
    }

    [Fact]
    public void The_script_commands_taken_from_the_inline_walk_are_those_of_a_walk_of_their_own()
    {
        const string script = "x=$(a | b) c && sh -c 'd; e' && { f; g $(h); } | i";
        var alone = ShellParser.Parse(script).Script.DescendantCommands().Select(Describe).ToArray();
        var parse = ShellParser.Parse(script);
        _ = parse.CommandsWithInlineScripts;
        Assert.Equal(alone, parse.Script.DescendantCommands().Select(Describe).ToArray());
        Assert.Equal(new[] { "c", "a", "b", "sh", "f", "g", "h", "i" }, alone.Select(d => d.Split(' ')[0]).ToArray());

        static string Describe(ShellCommandContext c)
            => $"{c.SimpleCommand!.CommandName} {c.Command.Start} {c.PipelineIndex} {c.ListIndex} {c.Outer?.Command.Start} {c.Substitution?.Start}";
    }

    [Fact]
    public void A_fact_about_a_command_is_worked_out_once_per_key_and_a_null_fact_is_kept()
    {
        var command = Assert.IsType<SimpleCommand>(ShellParser.Parse("apk add curl").Script.Lists[0].Pipelines[0].Commands[0]);
        object length = new(), none = new();
        int asked = 0;
        Assert.Equal(3, command.GetOrAddFact(length, c => { asked++; return (object)c.Words.Length; }));
        Assert.Equal(3, command.GetOrAddFact(length, c => { asked++; return (object)-1; }));
        Assert.Null(command.GetOrAddFact<string?>(none, c => { asked++; return null; }));
        Assert.Null(command.GetOrAddFact<string?>(none, c => { asked++; return "recomputed"; }));
        Assert.Equal(2, asked);
    }

    [Fact]
    public void A_token_value_across_continuations_and_comment_lines_is_the_joined_text()
    {
        const string dockerfile = "FROM alpine\nRUN echo a \\\n# a comment line $X\n    && echo b \\\n\n    && echo c\nENV A=1 \\\n  B=2\n";
        var model = Model(dockerfile);
        var run = Assert.IsType<RunInstructionSyntax>(model.Tree.Root.Instructions[1]);
        Assert.Equal("echo a     && echo b     && echo c", run.ShellForm!.Token.Value);
        Assert.Equal(run.ShellForm.Token.Value, run.ShellForm.Token.LogicalText);
        var env = Assert.IsType<KeyValueInstructionSyntax>(model.Tree.Root.Instructions[2]);
        Assert.Equal(new (string, string?)[] { ("A", "1"), ("B", "2") }, env.Pairs.Select(p => (p.Key, p.Value)).ToArray());
        // Asked again once the instruction's whole text was built (ONBUILD, heredocs and flags build it): the same values.
        Assert.Equal("RUN echo a     && echo b     && echo c", run.Original);
        Assert.Equal("echo a     && echo b     && echo c", run.ShellForm.Token.Value);

        // The quick test reads the source: the comment line's $X counts there (a maybe), never a miss.
        Assert.True(run.ShellForm.Token.MayContain('$'));
        Assert.DoesNotContain('$', run.ShellForm.Token.Value);
        Assert.True(run.ShellForm.Token.MayContain('&'));
        Assert.False(env.Pairs.First().ValueToken.MayContain('$'));
        Assert.False(default(DockerfileToken).MayContain('$'));
    }

    [Fact]
    public void A_scope_asked_for_again_costs_the_expansion_budget_a_rebuild_would_cost()
    {
        // Each question builds the scope (W: 50,000 characters) and expands $W (50,000 more): the 16 MiB budget runs out
        // on the 169th question, whether the scope is built again each time or reused.
        var model = Model("FROM alpine\nARG V=" + new string('v', 50_000) + "\nENV W=${V}\nRUN true\n");
        var run = model.Tree.Root.Instructions[^1];
        for (int question = 1; question <= 168; question++) Assert.True(model.Resolve(run, "$W").IsKnown, $"question {question}");
        Assert.False(model.Resolve(run, "$W").IsKnown);
        var note = Assert.Single(model.Diagnostics);
        Assert.Contains("in all", note.GetMessage());
    }
}
