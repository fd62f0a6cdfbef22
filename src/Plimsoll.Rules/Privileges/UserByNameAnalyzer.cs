using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2051 (opt-in): USER given by name. The runtime resolves the name from the image's /etc/passwd, so a policy that
/// must prove "not root" before starting the container (Kubernetes runAsNonRoot) cannot, and refuses to start it.
/// </summary>
[PlimsollAnalyzer]
public sealed class UserByNameAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NamedUser = new("namedUser", "USER '{user}' is a name: a runtime that must check the user is not root (Kubernetes runAsNonRoot) cannot tell from the image; give the numeric UID");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2051", name: "UserByName", title: "USER given by name rather than UID",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Info,
        description: "A user name is only resolved inside the container; orchestrators that enforce non-root users need a numeric UID in the image configuration to verify it.",
        securitySeverity: "2.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [NamedUser],
        peers: [PeerRule.Hadolint("DL3066")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not SimpleInstructionSyntax user || user.Arguments.Length != 1 || user.Arguments[0] is not WordSyntax word) return;
            // Windows users (ContainerUser, ContainerAdministrator) have no UIDs; a non-POSIX shell is the model's sign of Windows.
            if (!instruction.Model.UsesPosixShell(user)) return;
            var value = instruction.Model.Resolve(user, word.Value).Value;
            if (value == null || value.IndexOf('$') >= 0) return;
            string name = value.Split(':')[0];
            // root is PL2001's business (it names UID 0 everywhere); an empty name is a syntax problem.
            if (name.Length == 0 || name == "root" || name.All(c => c >= '0' && c <= '9')) return;
            var span = word.Span;
            if (word.Value == value) span = new TextSpan(span.Start, Math.Min(name.Length, span.Length));
            instruction.Report(NamedUser, span, name);
        }, DockerfileSyntaxKind.UserInstruction);
    }
}
