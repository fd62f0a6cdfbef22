using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Syntax.Dockerfile;

/// <summary>BuildKit's own parser test cases (shared/conformance/buildkit/parser).</summary>
public class BuildKitConformanceTests
{
    private static string ParserCases => Path.Combine(TestPaths.Conformance, "parser");

    public static TheoryData<string> PositiveCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(ParserCases, "positive")).OrderBy(d => d, StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    public static TheoryData<string> NegativeCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(ParserCases, "negative")).OrderBy(d => d, StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void Positive_case_yields_buildkit_instructions_flags_and_arguments(string name)
    {
        string dir = Path.Combine(ParserCases, "positive", name);
        string source = File.ReadAllText(Path.Combine(dir, "Dockerfile"));
        string expected = File.ReadAllText(Path.Combine(dir, "result"));

        var tree = DockerfileSyntaxTree.Parse(source, "Dockerfile");

        Assert.Equal(Normalize(expected), Normalize(BuildKitAstDump.Dump(tree.Root)));
        Assert.Equal(source, tree.ToFullString());
        // The parser-level errors BuildKit would raise must not appear for cases it accepts.
        Assert.DoesNotContain(tree.Diagnostics, d => IsParserError(d.GetMessage()));
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void Negative_case_yields_PL9001(string name)
    {
        string path = Path.Combine(ParserCases, "negative", name, "Dockerfile");
        string source = File.ReadAllText(path);
        var tree = DockerfileSyntaxTree.Parse(source, path);

        var diagnostic = Assert.Single(tree.Diagnostics.Where(d => d.Id == "PL9001").Take(1));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.True(span.StartLinePosition.Line <= tree.Text.Lines.Count);
        Assert.Equal(source, tree.ToFullString());
    }

    [Fact]
    public void Line_info_matches_buildkit_start_and_end_lines()
    {
        string dir = Path.Combine(ParserCases, "line-info");
        var tree = DockerfileSyntaxTree.Parse(File.ReadAllText(Path.Combine(dir, "Dockerfile")));
        using var expect = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expect.json")));
        var expected = expect.RootElement.GetProperty("child_lines").EnumerateArray()
            .Select(pair => (pair[0].GetInt32(), pair[1].GetInt32())).ToList();

        var actual = tree.Root.Instructions.Select(i => Lines(tree.Text, i.Span)).ToList();

        Assert.Equal(expected.Count, expect.RootElement.GetProperty("children").GetInt32());
        Assert.Equal(expected, actual);
        var root = expect.RootElement.GetProperty("root");
        Assert.Equal(root.GetProperty("StartLine").GetInt32(), actual.First().Item1);
        Assert.Equal(root.GetProperty("EndLine").GetInt32(), actual.Last().Item2);
    }

    [Fact]
    public void Heredocs_match_buildkit_expectations()
    {
        string dir = Path.Combine(ParserCases, "heredoc", "TestParseExtractsHeredoc");
        string source = File.ReadAllText(Path.Combine(dir, "Dockerfile"));
        var tree = DockerfileSyntaxTree.Parse(source);
        using var expect = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expect.json")));

        int checkedCount = 0;
        foreach (var entry in expect.RootElement.GetProperty("heredocs_by_child").EnumerateObject())
        {
            var instruction = tree.Root.Instructions[int.Parse(entry.Name)];
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                Assert.True(instruction.Heredocs.IsEmpty, $"child {entry.Name} ({instruction}) should have no heredoc");
                continue;
            }
            var expected = entry.Value.EnumerateArray().ToList();
            Assert.Equal(expected.Count, instruction.Heredocs.Length);
            for (int i = 0; i < expected.Count; i++)
            {
                var heredoc = instruction.Heredocs[i];
                Assert.Equal(expected[i].GetProperty("Name").GetString(), heredoc.Name);
                Assert.Equal(expected[i].GetProperty("Content").GetString(), heredoc.Content);
                Assert.Equal(expected[i].GetProperty("Expand").GetBoolean(), heredoc.Expand);
                Assert.Equal(expected[i].GetProperty("Chomp").GetBoolean(), heredoc.Chomp);
                Assert.Equal(expected[i].GetProperty("FileDescriptor").GetInt32(), heredoc.FileDescriptor);
                checkedCount++;
            }
        }
        Assert.True(checkedCount >= 20);
        Assert.Equal(source, tree.ToFullString());
    }

    private static (int, int) Lines(SourceText text, TextSpan span)
    {
        var lines = text.Lines.GetLinePositionSpan(span);
        return (lines.Start.Line + 1, lines.End.Line + 1);
    }

    private static string Normalize(string dump) => string.Join("\n", dump.Replace("\r\n", "\n").Trim().Split('\n').Select(l => l.TrimEnd()));

    private static bool IsParserError(string message)
        => message.Contains("must have two arguments") || message.Contains("can't find =") || message.Contains("unterminated heredoc")
           || message.Contains("arrays must be comprised of strings") || message.Contains("parser directive") || message.Contains("file with no instructions");
}
