using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Syntax.Dockerfile;

/// <summary>
/// <see cref="InstructionSyntax.OriginalContains"/> searches the logical text without cutting it; it must answer as a
/// search of <see cref="InstructionSyntax.Original"/> does, on every instruction of the corpus.
/// </summary>
public class InstructionOriginalTests
{
    [Fact]
    public void CorpusInstructions_OriginalContainsAnswersAsTheOriginalText()
    {
        var random = new Random(20261205);
        int checkedProbes = 0, found = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.Corpus, "dockerfiles")).OrderBy(f => f, StringComparer.Ordinal).Take(400))
        {
            var tree = DockerfileSyntaxTree.Parse(File.ReadAllText(file), file);
            foreach (var instruction in tree.Root.Instructions)
            {
                string original = instruction.Original;
                var probes = new List<string> { "APT::Install-Recommends", "assumeyes=", "apt-get", "RUN", "run" };
                if (original.Length > 2)
                {
                    // A piece of the text itself (trimmed, as callers never search for white space at either end), and
                    // the same piece in the other case.
                    int start = random.Next(original.Length - 1), length = 1 + random.Next(Math.Min(24, original.Length - start));
                    string piece = original.Substring(start, length).Trim();
                    if (piece.Length > 0) probes.AddRange(new[] { piece, piece.ToUpperInvariant(), piece.ToLowerInvariant() });
                }
                foreach (var probe in probes)
                    foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
                    {
                        bool expected = original.IndexOf(probe, comparison) >= 0;
                        Assert.Equal(expected, instruction.OriginalContains(probe, comparison));
                        checkedProbes++;
                        if (expected) found++;
                    }
            }
        }
        Assert.True(checkedProbes > 10_000 && found > 1_000, $"{checkedProbes} probes, {found} found");
    }
}
