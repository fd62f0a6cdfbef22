using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Hygiene;

/// <summary>PL6050: the deprecated MAINTAINER instruction; the OCI authors label says the same in the standard place.</summary>
[PlimsollAnalyzer]
public sealed class MaintainerDeprecatedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Deprecated = new("deprecated", "MAINTAINER is deprecated: record the author with LABEL org.opencontainers.image.authors instead");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6050", name: "MaintainerDeprecated", title: "Deprecated MAINTAINER instead of a label",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Info,
        description: "MAINTAINER fills a legacy image field that tools no longer read; the org.opencontainers.image.authors label is where registries and scanners look.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Hygiene],
        messages: [Deprecated],
        peers:
        [
            PeerRule.Hadolint("DL4000"),
            PeerRule.BuildKit("MaintainerDeprecated"),
            PeerRule.Trivy("DS-0022"),
            PeerRule.Checkov("CKV_DOCKER_6"),
            PeerRule.Kics("99614418-f82b-4852-a9ae-5051402b741c", "MAINTAINER Instruction Being Used"),
        ],
        fix: FixApplicability.Safe);

    public const string AuthorsLabel = "org.opencontainers.image.authors";

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            // ONBUILD MAINTAINER is a syntax error (PL9001), not this rule's.
            if (instruction.Instruction.Parent is InstructionSyntax) return;
            instruction.Report(Deprecated, instruction.Instruction.Keyword.Span, ToLabel(instruction.Instruction));
        }, DockerfileSyntaxKind.MaintainerInstruction);
    }

    // MAINTAINER takes its text literally while LABEL expands variables and quotes: only text that means the same
    // inside double quotes is moved, and only from a one-line instruction (nothing between the words is lost).
    private static CodeFix? ToLabel(InstructionSyntax maintainer)
    {
        if (maintainer.Arguments.Length != 1 || maintainer.Arguments[0] is not WordSyntax word) return null;
        string value = word.Token.Text;
        if (value.Length == 0 || value.IndexOfAny(new[] { '"', '\\', '$', '`', '\n', '\r' }) >= 0) return null;
        var span = TextSpan.FromBounds(maintainer.Keyword.Span.Start, word.Token.Span.End);
        string keyword = maintainer.Keyword.Text == maintainer.Keyword.Text.ToLowerInvariant() ? "label" : "LABEL";
        return new CodeFix("Use the authors label", ImmutableArray.Create(new TextChange(span, $"{keyword} {AuthorsLabel}=\"{value}\"")));
    }
}
