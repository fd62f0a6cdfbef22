using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2040 (opt-in): COPY/ADD --chown hands the copied files to a user other than root, so that user can change them.</summary>
[PlimsollAnalyzer]
public sealed class CopyChownAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Chown = new("chown", "{instruction} --chown={owner} makes the copied files writable by their new owner: if the application runs as that user, a compromise can rewrite its own code; keep code owned by root and give the user only the directories it writes to");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2040", name: "CopyChown", title: "COPY or ADD with --chown",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Info,
        description: "Files owned by the user the application runs as can be modified by it; code and configuration owned by root are read-only to a compromised process.",
        securitySeverity: "2.0", precision: RulePrecision.Low,
        tags: [RuleTag.Security],
        messages: [Chown],
        peers: [PeerRule.Kics("aa93e17f-b6db-4162-9334-c70334e7ac28", "Chown Flag Exists")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction.GetFlag("chown") is not { Value: { } owner } flag) return;
            var resolved = instruction.Model.Resolve(instruction.Instruction, owner);
            if (!resolved.IsKnown || resolved.Value!.Length == 0) return;
            string user = resolved.Value.Split(':')[0];
            // Root ownership is what the rule recommends.
            if (user == "root" || user.Length > 0 && user.TrimStart('0').Length == 0) return;
            instruction.Report(Chown, flag.Token.Span, instruction.Instruction.Name, resolved.Value);
        }, DockerfileSyntaxKind.CopyInstruction, DockerfileSyntaxKind.AddInstruction);
    }
}
