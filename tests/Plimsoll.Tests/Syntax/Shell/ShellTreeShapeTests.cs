using Plimsoll.Syntax.Shell;

namespace Plimsoll.Tests.Syntax.Shell;

/// <summary>
/// The tree links built during parsing agree with <see cref="ShellNode.ChildNodes"/> on every RUN script of the corpus:
/// each child's Parent is the node that lists it, and the pre-order walk visits exactly the ChildNodes tree.
/// </summary>
public class ShellTreeShapeTests
{
    [Fact]
    public void CorpusTrees_ParentsAndWalkMatchChildNodes()
    {
        var runs = DockerfileRunCorpus.Runs.Where(r => r.IsPosixShell).ToList();
        Assert.True(runs.Count > 5000, $"only {runs.Count} RUN commands found");
        foreach (var run in runs)
        {
            var script = ShellParser.Parse(run.Text).Script;
            Assert.Null(script.Parent);
            var expected = new List<ShellNode>();
            PreOrder(script, expected);
            var walked = script.DescendantNodesAndSelf().ToList();
            Assert.Equal(expected.Count, walked.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Same(expected[i], walked[i]);
                foreach (var child in expected[i].ChildNodes())
                    Assert.Same(expected[i], child.Parent);
                if (expected[i] is ShellRedirection { HereDocument: { } body }) Assert.Same(expected[i], body.Parent);
            }
        }
    }

    [Fact]
    public void CorpusCommands_AreEverySimpleCommandInSourceOrderWithTheirPlace()
    {
        foreach (var run in DockerfileRunCorpus.Runs.Where(r => r.IsPosixShell))
        {
            var script = ShellParser.Parse(run.Text).Script;
            // Independent oracle: the simple-command nodes of the tree (a function body that is itself a simple command is not one).
            var expected = script.DescendantNodesAndSelf().OfType<SimpleCommand>()
                .Where(c => c.Parent is not ShellFunctionDefinition).OrderBy(c => c.Start).ToList();
            var contexts = script.DescendantCommands().ToList();
            Assert.Equal(expected.Count, contexts.Count);
            for (var i = 0; i < contexts.Count; i++)
            {
                var ctx = contexts[i];
                Assert.Same(expected[i], ctx.Command);
                Assert.Same(ctx.Command, ctx.Pipeline.Commands[ctx.PipelineIndex]);
                Assert.Same(ctx.Pipeline, ctx.List.Pipelines[ctx.ListIndex]);
                Assert.Contains(ctx.List, ctx.Script.Lists);
                if (ctx.Substitution != null) Assert.Same(ctx.Substitution.Body, EnclosingScriptBelow(ctx.Command, ctx.Substitution));
            }
            Assert.Same(script.DescendantCommands(), script.DescendantCommands());
        }
    }

    [Fact]
    public void CorpusPipelinesAndLists_CountAndIndexAgreeWithTheirArrays()
    {
        // One-command pipelines and one-pipeline lists keep their element alone: the counted, indexed view the walks
        // use and the arrays made on request must be the same nodes, in the same order, for every shape the corpus has.
        int singles = 0, many = 0;
        foreach (var run in DockerfileRunCorpus.Runs.Where(r => r.IsPosixShell))
        {
            var script = ShellParser.Parse(run.Text).Script;
            foreach (var node in script.DescendantNodesAndSelf())
            {
                if (node is ShellPipeline pipeline)
                {
                    int count = pipeline.CommandCount;
                    if (count == 1) singles++; else many++;
                    var indexed = Enumerable.Range(0, count).Select(pipeline.CommandAt).ToList();
                    Assert.Equal(pipeline.Commands, indexed);
                    Assert.Equal(Math.Max(0, count - 1), pipeline.PipeStarts.Length);
                    Assert.Throws<IndexOutOfRangeException>(() => pipeline.CommandAt(count));
                }
                else if (node is ShellCommandList list)
                {
                    int count = list.PipelineCount;
                    var indexed = Enumerable.Range(0, count).Select(list.PipelineAt).ToList();
                    Assert.Equal(list.Pipelines, indexed);
                    Assert.Equal(count - 1, list.Operators.Length);
                    Assert.Throws<IndexOutOfRangeException>(() => list.PipelineAt(count));
                }
            }
        }
        Assert.True(singles > 1000 && many > 100, $"{singles} one-command and {many} longer pipelines");
    }

    /// <summary>The script directly below <paramref name="ancestor"/> on the parent chain of <paramref name="node"/>.</summary>
    private static ShellNode? EnclosingScriptBelow(ShellNode node, ShellNode ancestor)
    {
        for (var n = node; n.Parent != null; n = n.Parent)
            if (n.Parent == ancestor) return n;
        return null;
    }

    [Fact]
    public void SimpleCommand_ChildrenInterleaveWordsAndRedirectionsAfterAssignments()
    {
        const string text = "A=1 B=$(x) >out cmd 2>&1 arg <in last";
        var command = Assert.IsType<SimpleCommand>(ShellParser.Parse(text).Script.Lists[0].Pipelines[0].Commands[0]);
        var order = command.DescendantNodesAndSelf().Where(n => n.Parent == command).Select(n => n.GetText(text)).ToArray();
        Assert.Equal(new[] { "A=1", "B=$(x)", ">out", "cmd", "2>&1", "arg", "<in", "last" }, order);
        Assert.Equal(order, command.ChildNodes().Select(n => n.GetText(text)).ToArray());
    }

    private static void PreOrder(ShellNode node, List<ShellNode> output)
    {
        output.Add(node);
        foreach (var child in node.ChildNodes()) PreOrder(child, output);
    }
}
