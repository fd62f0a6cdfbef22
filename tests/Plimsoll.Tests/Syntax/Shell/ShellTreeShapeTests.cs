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
