using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Syntax.Dockerfile;

/// <summary>Every byte survives: real corpus files and mutated ones round-trip exactly, without exceptions.</summary>
public class RoundTripTests
{
    private static readonly Lazy<string[]> CorpusFiles = new(() =>
        Directory.GetFiles(Path.Combine(TestPaths.Corpus, "dockerfiles")).OrderBy(f => f, StringComparer.Ordinal).ToArray());

    [Fact]
    public void Every_corpus_dockerfile_round_trips_exactly()
    {
        var failures = new List<string>();
        foreach (var file in CorpusFiles.Value)
        {
            string text = File.ReadAllText(file);
            var tree = DockerfileSyntaxTree.Parse(text, file);
            if (tree.ToFullString() != text) failures.Add(file);
        }
        Assert.True(CorpusFiles.Value.Length > 3000, "corpus should hold the ~3,200 Dockerfiles");
        Assert.Empty(failures);
    }

    [Fact]
    public void Trivia_and_tokens_tile_the_input_without_gaps_or_overlaps()
    {
        foreach (var file in CorpusFiles.Value.Take(400))
        {
            string text = File.ReadAllText(file);
            var tree = DockerfileSyntaxTree.Parse(text, file);
            int expectedStart = 0;
            foreach (var token in tree.Root.DescendantTokens().Append(tree.Root.EndOfFile).Distinct())
            {
                Assert.Equal(expectedStart, token.FullSpan.Start);
                int triviaEnd = token.FullSpan.Start;
                foreach (var trivia in token.LeadingTrivia)
                {
                    Assert.Equal(triviaEnd, trivia.Span.Start);
                    triviaEnd = trivia.Span.End;
                }
                Assert.Equal(token.Span.Start, triviaEnd);
                expectedStart = token.Span.End;
            }
            Assert.Equal(text.Length, expectedStart);
        }
    }

    [Fact]
    public void Corpus_files_parse_without_buildkit_parser_errors()
    {
        // The corpus is real, buildable Dockerfiles: parser-level PL9001s would be our bugs.
        var offenders = new List<string>();
        foreach (var file in CorpusFiles.Value)
        {
            var tree = DockerfileSyntaxTree.Parse(File.ReadAllText(file), file);
            foreach (var d in tree.Diagnostics)
                offenders.Add($"{Path.GetFileName(file)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}");
        }
        Assert.True(offenders.Count <= CorpusFiles.Value.Length / 100, string.Join("\n", offenders.Take(50)));
    }

    private static readonly string[] Noise = { "\\", "`", "\"", "'", "<<EOF\n", "<<-'X'\n", "\r\n", "\n", "# escape=`\n", "[", "]", "${", "}", "--mount=", "\t", "\uFEFF", "ONBUILD ", "RUN ", "=", " \\\n", "\r" };

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Mutated_corpus_files_round_trip_without_exceptions(PositiveInt fileSeed, NonNegativeInt position, byte operation, NonNegativeInt noiseSeed)
    {
        var files = CorpusFiles.Value;
        string original = File.ReadAllText(files[fileSeed.Get % files.Length]);
        string mutated = Mutate(original, position.Get, operation, Noise[noiseSeed.Get % Noise.Length]);
        var tree = DockerfileSyntaxTree.Parse(mutated, "Dockerfile");
        bool roundTrips = tree.ToFullString() == mutated;
        bool locationsInside = tree.Diagnostics.All(d => d.Location.SourceSpan.End <= mutated.Length);
        return (roundTrips && locationsInside).Label($"op {operation % 5} at {position.Get}");
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Arbitrary_strings_round_trip(string? input)
    {
        input ??= "";
        var tree = DockerfileSyntaxTree.Parse(input, "Dockerfile");
        return (tree.ToFullString() == input).ToProperty();
    }

    internal static string Mutate(string text, int position, byte operation, string noise)
    {
        if (text.Length == 0) return noise;
        int at = position % (text.Length + 1);
        switch (operation % 5)
        {
            case 0: return text.Substring(0, at); // truncation
            case 1: return text.Insert(at, noise); // inserted bytes
            case 2: return text.Remove(at, Math.Min(1 + (position % 7), text.Length - at)); // deleted bytes
            case 3:
            {
                var lines = text.Split('\n').ToList();
                lines.RemoveAt(position % lines.Count); // deleted line
                return string.Join("\n", lines);
            }
            default:
            {
                var lines = text.Split('\n').ToList();
                lines.Insert(position % (lines.Count + 1), noise.TrimEnd('\n')); // inserted line
                return string.Join("\n", lines);
            }
        }
    }
}
