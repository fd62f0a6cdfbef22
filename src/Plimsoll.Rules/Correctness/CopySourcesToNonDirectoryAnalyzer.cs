using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5007: COPY or ADD with several sources into a destination that does not end with '/'.</summary>
[PlimsollAnalyzer]
public sealed class CopySourcesToNonDirectoryAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NotADirectory = new("notADirectory", "{instruction} of {count} sources into '{destination}', which does not end with '/': unless that path already is a directory, the files overwrite one another at a single path (the classic builder refuses it); end it with '/'");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5007", name: "CopySourcesToNonDirectory", title: "Several sources copied to a destination without a trailing '/'",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Only a destination ending with '/' is sure to be a directory; otherwise several source files are written to one path and only the last survives.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [NotADirectory],
        peers:
        [
            PeerRule.Hadolint("DL3021"),
            PeerRule.Trivy("DS-0011"),
            PeerRule.Kics("6db6e0c2-32a3-4a2e-93b5-72c35f4119db", "Copy With More Than Two Arguments Not Ending With Slash"),
        ],
        fix: FixApplicability.Unsafe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not CopyInstructionSyntax copy || !copy.Heredocs.IsDefaultOrEmpty) return;
            var paths = copy.PathTokens;
            if (paths.Count < 3 || ImageHistoryNotation.IsHistoryRecord(copy)) return;
            var sources = paths.Take(paths.Count - 1).ToList();
            // Directories are merged into the destination, so sources that all are directories are fine.
            if (sources.All(s => s.Value.EndsWith("/", StringComparison.Ordinal))) return;
            var destinationToken = paths[paths.Count - 1];
            var destination = instruction.Model.Resolve(copy, destinationToken.Value);
            if (!destination.IsKnown) return;
            string value = destination.Value!;
            // BuildKit treats '.' (the working directory) as a directory too.
            if (value.EndsWith("/", StringComparison.Ordinal) || value.EndsWith("\\", StringComparison.Ordinal) || value == "." || value.Length == 0) return;
            instruction.Report(NotADirectory, destinationToken.Span, AddSlash(destinationToken), copy.Name, sources.Count, value);
        }, DockerfileSyntaxKind.CopyInstruction, DockerfileSyntaxKind.AddInstruction);
    }

    // Inserts '/' at the end of the path, inside a closing quote (JSON string or quoted word).
    private static CodeFix? AddSlash(DockerfileToken token)
    {
        string text = token.Text;
        if (text.Length == 0 || text.IndexOf('\n') >= 0) return null;
        int at = token.Span.End;
        char last = text[text.Length - 1];
        if ((last == '"' || last == '\'') && text.Length >= 2 && text[0] == last) at--;
        return new CodeFix("End the destination with '/'", ImmutableArray.Create(new TextChange(new TextSpan(at, 0), "/")));
    }
}
