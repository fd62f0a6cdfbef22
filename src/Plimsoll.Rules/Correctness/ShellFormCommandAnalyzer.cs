using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// PL5010: CMD or ENTRYPOINT in shell form while the stage keeps the default shell: the container's PID 1 is
/// <c>/bin/sh -c</c>, which does not pass SIGTERM on, so <c>docker stop</c> waits and then kills the app.
/// </summary>
[PlimsollAnalyzer]
public sealed class ShellFormCommandAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage ShellForm = new("shellForm", "{instruction} in shell form runs under '/bin/sh -c', which does not forward SIGTERM to the program: write it in exec (JSON) form");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5010", name: "ShellFormCommand", title: "CMD or ENTRYPOINT in shell form",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A shell-form command runs as a child of /bin/sh, which ignores the stop signal; the program never shuts down cleanly and is killed after the timeout.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [ShellForm],
        peers:
        [
            PeerRule.Hadolint("DL3025"),
            PeerRule.BuildKit("JSONArgsRecommended"),
            PeerRule.Kics("b86987e1-6397-4619-81d5-8807f2387c79", "Not Using JSON In CMD And ENTRYPOINT Arguments"),
        ],
        fix: FixApplicability.Safe);

    // Characters with a meaning to the shell: a command that has none of them is a plain word list.
    private const string ShellSyntax = "$`\\\"'&|;<>(){}[]*?~#=%!\t\r\n";

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not CommandInstructionSyntax { ShellForm: { } shellForm } command) return;
            if (command.Parent is InstructionSyntax) return; // ONBUILD CMD is for the child image's build
            var stage = instruction.Stage;
            // With a SHELL of its own the stage chose its interpreter (BuildKit stays silent too).
            if (stage == null || instruction.Model.GetShell(command) != Semantics.Dockerfile.DockerfileSemanticModel.DefaultShell) return;
            bool posix = instruction.Model.UsesPosixShell(command);
            instruction.Report(ShellForm, command.Keyword.Span, posix ? ToExecForm(command, shellForm, stage) : null, command.Name);
        }, DockerfileSyntaxKind.CmdInstruction, DockerfileSyntaxKind.EntrypointInstruction);
    }

    private static CodeFix? ToExecForm(CommandInstructionSyntax command, ShellFormSyntax shellForm, Semantics.Dockerfile.BuildStage stage)
    {
        string text = shellForm.Token.Text;
        if (text.IndexOfAny(ShellSyntax.ToCharArray()) >= 0) return null;
        var words = text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        string json = "[" + string.Join(", ", words.Select(w => "\"" + w + "\"")) + "]";
        // An exec-form ENTRYPOINT receives CMD as arguments (a shell-form one ignores them), and a CMD becomes the
        // arguments of an ENTRYPOINT: with an ENTRYPOINT around (or possibly in the base image) the command changes.
        bool entrypointNearby = command.Kind == DockerfileSyntaxKind.EntrypointInstruction
            || stage.Instructions.Any(i => i.Kind == DockerfileSyntaxKind.EntrypointInstruction)
            || StageFacts.Ancestors(stage).Any(a => a.Instructions.Any(i => i.Kind == DockerfileSyntaxKind.EntrypointInstruction));
        return new CodeFix("Use the exec form", ImmutableArray.Create(new TextChange(shellForm.Token.Span, json)),
            entrypointNearby ? FixApplicability.Unsafe : null);
    }
}
