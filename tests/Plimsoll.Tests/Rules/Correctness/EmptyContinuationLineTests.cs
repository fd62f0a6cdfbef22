using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Rules.Correctness;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Tests.Rules.Correctness;

/// <summary>
/// PL5016 against an independent oracle on generated Dockerfiles: every line strictly between an instruction's first
/// line and the line its last token is on, when blank (spaces, tabs, CRs), is reported with its line break — whatever
/// mix of LF, CRLF, lone CR, heredocs and comment lines the file has.
/// </summary>
public class EmptyContinuationLineTests
{
    private static readonly AnalyzerRegistry Registry = new(new PlimsollAnalyzer[] { new EmptyContinuationLineAnalyzer() });

    [Fact]
    public void Generated_files_report_exactly_the_blank_lines_inside_instructions()
    {
        var random = new Random(5016);
        string[] pieces = { "RUN a \\", "  && b \\", "", "   ", "\t", " \r", "# note", "  c", "ENV A=1 \\", "  B=2", "COPY <<EOF /x", "body", "", "EOF", "RUN x", "\\", "LABEL a=b \\", "\r" };
        string[] breaks = { "\n", "\r\n", "\n", "\n" };
        int reported = 0;
        for (int n = 0; n < 400; n++)
        {
            var text = new System.Text.StringBuilder("FROM scratch\n");
            int count = random.Next(1, 14);
            for (int i = 0; i < count; i++) text.Append(pieces[random.Next(pieces.Length)]).Append(breaks[random.Next(breaks.Length)]);
            string dockerfile = text.ToString();
            var expected = Oracle(dockerfile);
            var actual = new AnalyzerDriver(Registry).AnalyzeDockerfile(SourceText.From(dockerfile), "Dockerfile").Findings
                .Where(f => f.Id == "PL5016").Select(f => f.Diagnostic.Location.SourceSpan).ToList();
            Assert.Equal(expected, actual);
            reported += actual.Count;
        }
        Assert.True(reported > 50, $"only {reported} blank lines reported in the generated files");
    }

    // The lines of the tree's text (LF breaks only), walked one by one, as the rule once did.
    private static List<TextSpan> Oracle(string dockerfile)
    {
        var tree = DockerfileSyntaxTree.Parse(SourceText.From(dockerfile), "Dockerfile");
        var lines = tree.Text.Lines;
        var spans = new List<TextSpan>();
        foreach (var instruction in tree.Root.Instructions)
        {
            int end = instruction.Keyword.Span.End;
            foreach (var flag in instruction.Flags) end = Math.Max(end, flag.Span.End);
            foreach (var argument in instruction.Arguments) end = Math.Max(end, argument.Span.End);
            int first = lines.GetLineFromPosition(instruction.Keyword.Span.Start).LineNumber;
            int last = lines.GetLineFromPosition(end).LineNumber;
            for (int number = first + 1; number < last; number++)
            {
                var line = lines[number];
                if (tree.Text.ToString(line.Span).All(c => c is ' ' or '\t' or '\r')) spans.Add(line.SpanIncludingLineBreak);
            }
        }
        return spans.OrderBy(s => s.Start).ToList();
    }
}
