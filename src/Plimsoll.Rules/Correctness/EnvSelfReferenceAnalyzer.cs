using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// PL5013: an ENV value uses a variable that the same ENV instruction defines (and nothing defined before): every value
/// of one ENV is expanded with the variables as they were before it, so the reference is empty.
/// </summary>
[PlimsollAnalyzer]
public sealed class EnvSelfReferenceAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage SameInstruction = new("sameInstruction", "${name} is defined by this same ENV, which expands every value with the variables as they were before it: here ${name} is not '{value}' but its earlier value (empty unless the base image sets it); set {name} in an ENV of its own first");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5013", name: "EnvSelfReference", title: "ENV uses a variable defined in the same ENV",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "All values of one ENV instruction are expanded before any of them is set, so a value cannot use a variable the same instruction defines.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [SameInstruction],
        peers:
        [
            PeerRule.Hadolint("DL3044"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not KeyValueInstructionSyntax env) return;
            var pairs = env.Pairs;
            if (pairs.Length < 2) return;
            var stage = instruction.Stage;
            var definedBefore = stage == null ? new HashSet<string>(StringComparer.Ordinal) : DefinedBefore(instruction.Model, stage, env);
            for (int i = 0; i < pairs.Length; i++)
            {
                var pair = pairs[i];
                if (pair.Value == null || pair.Value.IndexOf('$') < 0) continue;
                foreach (var reference in VariableReferenceScanner.Scan(pair.ValueToken.LogicalText, instruction.Tree.EscapeCharacter))
                {
                    if (reference.Operator != VariableOperator.None || definedBefore.Contains(reference.Name)) continue;
                    // A pair's own key is not this rule's (ENV PATH=$PATH:/x reads the old PATH on purpose).
                    var definer = pairs.Where((p, j) => j != i && p.Key == reference.Name).FirstOrDefault();
                    if (definer == null) continue;
                    instruction.Report(SameInstruction, pair.ValueToken.MapLogicalSpan(reference.Start, reference.Length),
                        reference.Name, Unquote(definer.Value ?? ""));
                }
            }
        }, DockerfileSyntaxKind.EnvInstruction);
    }

    private static string Unquote(string value)
        => value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0] ? value.Substring(1, value.Length - 2) : value;

    // The ARG and ENV names in force before the instruction: earlier in the stage, ENV of the stages it builds on.
    private static HashSet<string> DefinedBefore(DockerfileSemanticModel model, BuildStage stage, InstructionSyntax at)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ancestor in StageFacts.Ancestors(stage))
            foreach (var instruction in ancestor.Instructions)
                if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.EnvInstruction } env)
                    foreach (var pair in env.Pairs) names.Add(pair.Key);
        foreach (var instruction in stage.Instructions)
        {
            if (instruction == at) break;
            if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.EnvInstruction or DockerfileSyntaxKind.ArgInstruction } kv)
                foreach (var pair in kv.Pairs) names.Add(pair.Key);
        }
        return names;
    }
}
