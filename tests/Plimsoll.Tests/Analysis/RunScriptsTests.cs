using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Tests.Analysis;

/// <summary>The scripts of a shell-form RUN: its command, and the heredocs a shell reads, with that shell.</summary>
public class RunScriptsTests
{
    private static IReadOnlyList<RunScript> Read(string dockerfile)
    {
        var tree = DockerfileSyntaxTree.Parse(dockerfile);
        var model = DockerfileSemanticModel.Create(tree);
        return RunScripts.For(model, tree.Root.Instructions.OfType<RunInstructionSyntax>().Last());
    }

    [Theory]
    [InlineData("FROM debian:12\nRUN <<EOF\necho a\nEOF\n", "sh")] // the SHELL reads it
    [InlineData("FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN <<EOF\necho a\nEOF\n", "bash")]
    [InlineData("FROM debian:12\nRUN bash -e <<EOF\necho a\nEOF\n", "bash")] // the named shell, whatever the SHELL
    [InlineData("FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN sh <<EOF\necho a\nEOF\n", "sh")]
    [InlineData("FROM debian:12\nRUN 3<<EOF\necho a\nEOF\n", "sh")]
    [InlineData("FROM debian:12\nRUN <<A <<B\necho a\nA\necho b\nB\n", "sh", 2)]
    [InlineData("FROM debian:12\nRUN python3 <<EOF\nprint(1)\nEOF\n", null)] // not a shell: the body is not a script
    [InlineData("FROM debian:12\nRUN chpasswd <<EOF\nroot:x\nEOF\n", null)]
    public void A_heredoc_is_a_script_when_a_shell_reads_it(string dockerfile, string? shell, int heredocs = 1)
    {
        var scripts = Read(dockerfile);
        var bodies = scripts.Where(s => s.Heredoc != null).ToList();
        if (shell == null)
        {
            Assert.Empty(bodies);
            return;
        }
        Assert.Equal(heredocs, bodies.Count);
        Assert.All(bodies, b => Assert.Equal(shell, b.Shell));
        Assert.All(bodies, b => Assert.Equal(b.Heredoc!.Content, b.Parse.Text));
    }
}
