using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5016: an empty line inside an instruction continued with the escape character (deprecated by Docker).</summary>
[PlimsollAnalyzer]
public sealed class EmptyContinuationLineAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage EmptyLine = new("emptyLine", "Empty line inside the continued {instruction}: Docker skips it today but deprecates it, and a reader takes it for the end of the instruction; delete it");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5016", name: "EmptyContinuationLine", title: "Empty line inside a backslash continuation",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "An empty line in the middle of a continued instruction looks like its end; the next lines still belong to it, and Docker plans to reject such lines.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [EmptyLine],
        peers:
        [
            PeerRule.BuildKit("NoEmptyContinuation"),
        ],
        fix: FixApplicability.Safe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            // The text's lines end at LF only, as the Dockerfile parser's do (FormatSourceText): the lines inside an
            // instruction are found by searching its text for LFs, and a line is looked up only when one is blank
            // (rarely): not a line object for each of the corpus's quarter million lines.
            string text = file.Text.ToString();
            foreach (var instruction in file.Tree.Root.Instructions)
            {
                int end = EndOfLogicalLine(instruction);
                // Each line after the first and before the one the instruction ends on.
                for (int lf = text.IndexOf('\n', instruction.Keyword.Span.Start, end - instruction.Keyword.Span.Start); lf >= 0;)
                {
                    int start = lf + 1;
                    int next = start < end ? text.IndexOf('\n', start, end - start) : -1;
                    if (next < 0) break; // the instruction ends on this line
                    if (IsBlank(text, start, next))
                    {
                        var line = file.Text.Lines.GetLineFromPosition(start); // the line table is made only here
                        // Deleting the line leaves the instruction exactly as the parser reads it.
                        var fix = new CodeFix("Delete the empty line", ImmutableArray.Create(new TextChange(line.SpanIncludingLineBreak, "")));
                        file.Report(EmptyLine, line.SpanIncludingLineBreak, fix, instruction.Name);
                    }
                    lf = next;
                }
            }
        });
    }

    // The end of the instruction's own text: its last keyword, flag or argument token, not heredoc bodies after it.
    private static int EndOfLogicalLine(InstructionSyntax instruction)
    {
        int end = instruction.Keyword.Span.End;
        foreach (var flag in instruction.Flags) end = Math.Max(end, flag.Span.End);
        foreach (var argument in instruction.Arguments) end = Math.Max(end, argument.Span.End);
        return end;
    }

    private static bool IsBlank(string text, int start, int end)
    {
        for (int i = start; i < end; i++)
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') return false;
        return true;
    }
}
