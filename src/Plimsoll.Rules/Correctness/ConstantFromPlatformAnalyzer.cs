using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5015: <c>FROM --platform=</c> a constant, which pins the stage to one platform in every build.</summary>
[PlimsollAnalyzer]
public sealed class ConstantFromPlatformAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Constant = new("constant", "FROM --platform={platform} pins this stage to one platform: a multi-platform build still gets {platform} here; use $BUILDPLATFORM (tools that run during the build) or $TARGETPLATFORM, or drop the flag");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5015", name: "ConstantFromPlatform", title: "FROM --platform hard-coded to a constant",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Info,
        description: "A constant --platform makes the stage ignore the platform the build asks for, so a multi-platform image silently contains binaries for one architecture.",
        securitySeverity: "0.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Correctness],
        messages: [Constant],
        peers:
        [
            PeerRule.BuildKit("FromPlatformFlagConstDisallowed"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            if (stage.Stage.From.GetFlag("platform") is not { Value: { } platform } flag) return;
            if (platform.Length == 0 || platform.IndexOf('$') >= 0) return;
            var parts = platform.Split('/');
            if (parts.Length > 3 || parts.Any(p => p.Length == 0)) return;
            // A stage named for its platform (AS build-arm64) is pinned on purpose, as BuildKit also assumes.
            string name = stage.Stage.Name ?? "";
            if (parts.Take(2).Any(p => name.IndexOf(p, StringComparison.OrdinalIgnoreCase) >= 0)) return;
            stage.Report(Constant, flag.Token.Span, platform);
        });
    }
}
