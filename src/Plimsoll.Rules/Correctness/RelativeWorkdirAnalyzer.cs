using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// PL5001: the first WORKDIR of a stage (and of the stages it builds on) is a relative path, so where it lands depends
/// on the base image's working directory, which this file does not control.
/// </summary>
[PlimsollAnalyzer]
public sealed class RelativeWorkdirAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage DependsOnBase = new("dependsOnBase", "WORKDIR '{path}' is relative: it resolves against the working directory of the base image '{base}', which this file does not set and a new image version may change");
    public static readonly RuleMessage FromScratch = new("fromScratch", "WORKDIR '{path}' is relative; this stage starts from scratch, so it means '{absolute}': write that");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5001", name: "RelativeWorkdir", title: "Relative WORKDIR",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A relative WORKDIR is resolved against the base image's working directory; when the image changes it, files and commands silently move.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [DependsOnBase, FromScratch],
        peers:
        [
            PeerRule.Hadolint("DL3000"),
            PeerRule.BuildKit("WorkdirRelativePath"),
            PeerRule.Trivy("DS-0009"),
            PeerRule.Checkov("CKV_DOCKER_10"),
            PeerRule.Kics("6b376af8-cfe8-49ab-a08d-f32de23661a4", "WORKDIR Path Not Absolute"),
        ],
        fix: FixApplicability.Unsafe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            // Like BuildKit, only the first WORKDIR counts: later relative ones build on it.
            if (StageFacts.Ancestors(stage.Stage).Any(a => a.Instructions.Any(i => i.Kind == DockerfileSyntaxKind.WorkdirInstruction))) return;
            var workdir = stage.Stage.Instructions.FirstOrDefault(i => i.Kind == DockerfileSyntaxKind.WorkdirInstruction) as SimpleInstructionSyntax;
            if (workdir?.Arguments.Length != 1 || workdir.Arguments[0] is not WordSyntax word) return;
            var resolved = stage.Model.Resolve(workdir, word.Value);
            if (!resolved.IsKnown || resolved.Value!.Length == 0 || StageFacts.IsAbsolutePath(resolved.Value)) return;

            string path = resolved.Value;
            string absolute = AbsoluteFromRoot(path);
            var fix = MakeAbsolute(word, absolute);
            var root = stage.Stage;
            foreach (var ancestor in StageFacts.Ancestors(stage.Stage)) root = ancestor;
            if (root.IsScratch)
            {
                // The working directory of an empty image is '/': the fix writes what the build already does.
                stage.Report(FromScratch, word.Token.Span, fix is null ? null : fix with { Applicability = FixApplicability.Safe }, path, absolute);
                return;
            }
            string baseName = root.BaseName.Value ?? root.BaseName.Original;
            stage.Report(DependsOnBase, word.Token.Span, fix, path, baseName);
        });
    }

    private static string AbsoluteFromRoot(string path)
    {
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path.Substring(2);
        return path == "." ? "/" : "/" + path;
    }

    // Only a plain word (no variable, quote or escape) is rewritten: its text is exactly the path.
    private static CodeFix? MakeAbsolute(WordSyntax word, string absolute)
    {
        string text = word.Token.Text;
        if (text.IndexOfAny(new[] { '$', '"', '\'', '\\', '`', '\n' }) >= 0) return null;
        return new CodeFix($"Write '{absolute}'", ImmutableArray.Create(new TextChange(word.Token.Span, absolute)));
    }
}
