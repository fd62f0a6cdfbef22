using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>
/// The checks BuildKit makes when it turns the parsed lines into instructions (its instructions package):
/// unknown instructions, argument counts, and a Dockerfile with no stage to build. Each becomes a PL9001.
/// </summary>
internal static class DockerfileInstructionChecks
{
    public static void Run(DockerfileSyntaxTree tree, DockerfileSyntax root, List<Diagnostic> diagnostics)
    {
        void Report(TextSpan span, string message)
            => diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.DockerfileSyntax, tree.Path, tree.Text, span, message));

        if (root.Instructions.Length == 0)
        {
            Report(new TextSpan(tree.Text.Length, 0), "file with no instructions");
            return;
        }

        bool seenFrom = root.Instructions.Any(i => i.Kind == DockerfileSyntaxKind.FromInstruction);
        bool reportedOutsideStage = false;
        // One delegate for the file: a local function passed as Report would be wrapped anew for every instruction.
        Action<TextSpan, string> report = Report;
        foreach (var instruction in root.Instructions) CheckInstruction(instruction, report, isOnbuildTrigger: false);

        if (!seenFrom)
        {
            // One finding for the file, not one per instruction: BuildKit stops at the first too.
            Report(root.Instructions[0].Keyword.Span, "dockerfile contains no stages to build: add a FROM instruction");
            return;
        }
        foreach (var instruction in root.Instructions)
        {
            if (instruction.Kind == DockerfileSyntaxKind.FromInstruction) break;
            if (reportedOutsideStage || instruction.Kind == DockerfileSyntaxKind.ArgInstruction || instruction.Kind == DockerfileSyntaxKind.UnknownInstruction) continue;
            Report(instruction.Keyword.Span, "no build stage in current context: " + instruction.Name + " must come after FROM");
            reportedOutsideStage = true;
        }
    }

    private static void CheckInstruction(InstructionSyntax instruction, Action<TextSpan, string> report, bool isOnbuildTrigger)
    {
        int count = instruction.Arguments.Length;
        var keywordSpan = instruction.Keyword.Span;
        switch (instruction)
        {
            case UnknownInstructionSyntax:
                report(keywordSpan, "unknown instruction: " + instruction.Keyword.Text);
                break;
            case FromInstructionSyntax:
                if (isOnbuildTrigger) report(keywordSpan, "FROM isn't allowed as an ONBUILD trigger");
                else if (!(count == 1 || (count == 3 && ((WordSyntax)instruction.Arguments[1]).Value.Equals("as", StringComparison.OrdinalIgnoreCase))))
                    report(instruction.Span, "FROM requires either one or three arguments");
                break;
            case OnbuildInstructionSyntax onbuild:
                if (isOnbuildTrigger) report(keywordSpan, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
                else if (onbuild.Inner == null) report(keywordSpan, "ONBUILD requires at least one argument");
                else CheckInstruction(onbuild.Inner, report, isOnbuildTrigger: true);
                break;
            case CopyInstructionSyntax copy:
                if (copy.PathArgumentCount + instruction.Heredocs.Length < 2 && !instruction.IsExecForm)
                    report(instruction.Span, instruction.Name + " requires at least two arguments, but only one was provided. Destination could not be determined.");
                break;
            case KeyValueInstructionSyntax:
            case RunInstructionSyntax:
                if (count == 0) report(keywordSpan, instruction.Name + " requires at least one argument");
                break;
            case SimpleInstructionSyntax:
                if (count == 0 && instruction.Kind != DockerfileSyntaxKind.MaintainerInstruction)
                    report(keywordSpan, instruction.Name + " requires at least one argument");
                if (isOnbuildTrigger && instruction.Kind == DockerfileSyntaxKind.MaintainerInstruction)
                    report(keywordSpan, "MAINTAINER isn't allowed as an ONBUILD trigger");
                break;
        }
    }
}
