using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;

namespace Plimsoll.Rules.Images;

/// <summary>PL1002: an image reference without a digest, or with a digest that is not well formed.</summary>
[PlimsollAnalyzer]
public sealed class ImageWithoutDigestAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NoDigest = new("noDigest", "Image '{image}' is not pinned by a digest: append @sha256:<digest> of the tag you tested");
    public static readonly RuleMessage MalformedDigest = new("malformedDigest", "Image '{image}' is pinned with a malformed digest '{digest}': {problem}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1002", name: "ImageWithoutDigest", title: "Image not pinned by digest",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Info,
        description: "Tags are mutable: the registry can serve different content under the same tag. Only a digest names exact content.",
        securitySeverity: "3.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Reproducibility, RuleTag.Security],
        messages: [NoDigest, MalformedDigest],
        peers: [PeerRule.ComposeLint("CL-0019")]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            if (stage.Stage.BaseImage is not { } image || stage.Stage.From.Image is not { } word) return;
            Check(image, (message, _, values) => stage.Report(message, word.Span, values));
        });
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.Image is not { } scalar || service.KnownValue(scalar) is not { } text) return;
            if (ImageReference.TryParse(text) is { } image) Check(image, (message, peers, values) => service.Report(message, scalar, null, peers, values));
        });
        context.RegisterContainerSettingsAction(project =>
        {
            if (project.Settings.BaseImage is { } setting && ImageReference.TryParse(setting.Value) is { } image)
                Check(image, (message, _, values) => project.Report(message, setting, values));
        });
    }

    // compose-lint's CL-0019 is a version tag without a digest: it leaves images without a tag or with a moving one to
    // CL-0004 (PL1001 here), and counts any '@sha256:' as pinned.
    private static readonly PeerAttribution VersionTagWithoutDigest = PeerAttribution.Of(PeerRule.ComposeLint("CL-0019"));

    private static void Check(ImageReference image, Action<RuleMessage, PeerAttribution, object?[]> report)
    {
        if (image.Digest == null)
            report(NoDigest, UnpinnedImageTagAnalyzer.Problem(image) == null ? VersionTagWithoutDigest : PeerAttribution.None, new object?[] { image.Original });
        else if (DigestProblem(image.Digest) is { } problem)
            report(MalformedDigest, PeerAttribution.None, new object?[] { image.Original, image.Digest, problem });
    }

    /// <summary>
    /// What is wrong with a digest per the OCI image spec (<c>algorithm:encoded</c>; sha256 is 64 and sha512 128
    /// lowercase hex digits), or null when it is well formed. A registry refuses a malformed digest, so the pull fails.
    /// </summary>
    internal static string? DigestProblem(string digest)
    {
        int colon = digest.IndexOf(':');
        string algorithm = colon < 0 ? digest : digest.Substring(0, colon);
        string encoded = colon < 0 ? "" : digest.Substring(colon + 1);
        int expected = algorithm switch { "sha256" => 64, "sha512" => 128, _ => -1 };
        if (expected < 0) return $"'{algorithm}' is not a digest algorithm registries accept (sha256 or sha512)";
        foreach (char c in encoded) // a loop, not a query: every pinned FROM asks
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
                return $"a {algorithm} digest is written in lowercase hex digits (0-9, a-f) only";
        if (encoded.Length != expected) return $"a {algorithm} digest has {expected} hex digits, this one has {encoded.Length}";
        return null;
    }
}
