using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.Suppression;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Tests.Analysis.Suppression;

/// <summary>The index fed the way the driver will feed it: comments from the real Dockerfile parser's trivia, constructs from its instructions.</summary>
public class DockerfileSuppressionTests
{
    private static SuppressionIndex Build(DockerfileSyntaxTree tree)
    {
        var text = tree.Text;
        var comments = new List<SourceComment>();
        foreach (var token in tree.Root.DescendantTokens())
        {
            foreach (var trivia in token.LeadingTrivia)
            {
                if (trivia.Kind != DockerfileSyntaxKind.CommentTrivia) continue;
                int line = text.Lines.GetLineFromPosition(trivia.Span.Start).LineNumber;
                var lineStart = text.Lines[line].Start;
                bool ownLine = text.ToString(TextSpan.FromBounds(lineStart, trivia.Span.Start)).Trim().Length == 0;
                comments.Add(new SourceComment(line, trivia.Span, trivia.Text, ownLine));
            }
        }
        var lastLine = new Dictionary<int, int>();
        foreach (var instruction in tree.Root.Instructions)
        {
            var lines = text.Lines.GetLinePositionSpan(instruction.Span);
            lastLine[lines.Start.Line] = lines.End.Line;
        }
        return SuppressionIndex.Build(comments, new SuppressionContext
        {
            Text = text,
            LastLineOfConstruct = line => lastLine.TryGetValue(line, out int end) ? end : line,
            MapHadolintRule = id => id == "DL3008" ? new[] { "PL1008" } : Array.Empty<string>(),
        });
    }

    [Fact]
    public void A_finding_anywhere_in_a_multi_line_instruction_is_covered()
    {
        var tree = DockerfileSyntaxTree.Parse(string.Join("\n",
            "FROM debian:12",                                            // 0
            "",                                                          // 1
            "# plimsoll disable-next-line PL1008 -- versions come from the lock file", // 2
            "RUN apt-get update \\",                                     // 3
            "    # a comment inside the continuation",                   // 4
            "    && apt-get install -y curl \\",                         // 5
            "    && rm -rf /var/lib/apt/lists/*",                        // 6
            "# hadolint ignore=DL3008",                                  // 7
            "RUN apt-get install -y git",                                // 8
            "RUN apt-get install -y make",                               // 9
            ""));
        var index = Build(tree);

        Assert.Empty(index.Problems);
        Assert.Equal(2, index.Suppressions.Count);
        Assert.True(index.TryGetSuppression("PL1008", 5, 5, out var s));
        Assert.Equal((3, 6), (s.FirstLine, s.LastLine));
        Assert.True(index.TryGetSuppression("PL1008", 8, 8, out var h));
        Assert.Equal(SuppressionSyntax.Hadolint, h.Syntax);
        Assert.False(index.TryGetSuppression("PL1008", 9, 9, out _));
        Assert.Empty(index.UnusedSuppressions());
    }
}
