using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Rules.Correctness;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Rules.Images;

/// <summary>PL1001: an image reference without a tag, or with a moving tag (<c>latest</c>, <c>stable</c>, <c>lts</c>, …), in FROM or compose <c>image:</c>.</summary>
[PlimsollAnalyzer]
public sealed class UnpinnedImageTagAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NoTag = new("noTag", "Image '{image}' has no tag, so it means 'latest': pin a specific version tag");
    public static readonly RuleMessage NoTagByDefault = new("noTagByDefault", "Image '{written}' is '{image}' when {variables} is empty, as in a build without --build-arg: it has no tag, so it means 'latest'; pin a specific version tag");
    public static readonly RuleMessage MovingTag = new("movingTag", "Image '{image}' uses the moving tag '{tag}', which follows a release channel rather than naming a version: pin a specific version tag");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1001", name: "UnpinnedImageTag", title: "Image without a version tag",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Warning,
        description: "An image without a tag, or tagged with a release channel such as 'latest', 'stable' or 'lts', changes under you: builds and deployments stop being reproducible and a compromised or broken upstream release is pulled in silently.",
        securitySeverity: "5.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Reproducibility, RuleTag.Security],
        messages: [NoTag, NoTagByDefault, MovingTag],
        peers:
        [
            PeerRule.Hadolint("DL3006"), PeerRule.Hadolint("DL3007"),
            PeerRule.Kics("9efb0b2d-89c9-41a3-91ca-dcc0aec911fd", "Image Version Not Explicit"),
            PeerRule.Kics("f45ea400-6bbe-4501-9fc7-1c3d75c32067", "Image Version Using 'latest'"),
            PeerRule.Checkov("CKV_DOCKER_7"), PeerRule.Trivy("DS-0001"),
            PeerRule.ComposeLint("CL-0004"), PeerRule.Dclint("service-image-require-explicit-tag"),
        ]);

    /// <summary>
    /// Words that name a release channel rather than a version: a tag with one of them as a word (split at '-', '_', '.')
    /// and no digit moves whenever the channel does (<c>nginx:stable-alpine</c>, <c>node:lts</c>, <c>alpine:edge</c>).
    /// </summary>
    internal static readonly HashSet<string> ChannelWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "latest", "stable", "mainline", "lts", "edge", "current", "rolling", "nightly", "canary", "next", "beta", "alpha",
        "testing", "unstable", "sid", "experimental", "devel", "develop", "dev", "master", "main", "head", "snapshot", "preview", "insider",
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            if (stage.Stage.From.Image is not { } word) return;
            if (stage.Stage.BaseImage is not { } image)
            {
                // Not resolved (a variable without a value), yet certain to have no tag: the variable is in the
                // registry or path part, and the last part is written out without ':' or '@' (FROM ${REGISTRY}/ubuntu).
                string text = word.Token.LogicalText;
                int slash = text.LastIndexOf('/');
                if (slash > 0 && text.IndexOf('$', slash) < 0 && text.IndexOfAny(new[] { ':', '@' }, slash) < 0 && text.Length > slash + 1)
                    stage.Report(NoTag, word.Span, text);
                else if (DefaultBuildImage(stage.Model, word.Value, out var empty) is { } defaulted && Problem(defaulted) == NoTag)
                    stage.Report(NoTagByDefault, word.Span, text, defaulted.Original, string.Join(", ", empty));
                return;
            }
            if (Problem(image) is { } message) stage.Report(message, word.Span, Values(message, image));
        });
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.Image is not { } scalar || service.KnownValue(scalar) is not { } text) return;
            if (ImageReference.TryParse(text) is { } image && Problem(image) is { } message)
                service.Report(message, scalar, Values(message, image));
        });
        context.RegisterContainerSettingsAction(project =>
        {
            if (project.Settings.BaseImage is { } setting && ImageReference.TryParse(setting.Value) is { } image && Problem(image) is { } message)
                project.Report(message, setting, Values(message, image));
        });
    }

    /// <summary>
    /// The image a build without <c>--build-arg</c> uses when the FROM reads only global ARGs that have no default (or
    /// are not declared at all, which FROM always sees as empty): those expand to nothing (<c>FROM alpine$TAG</c> is
    /// <c>alpine</c>). Null when no such variable is read, when the FROM also reads an ARG with a default or a platform
    /// argument (their values are the model's business), or when the result is not an image reference
    /// (<c>FROM ${IMAGE}</c> is empty; PL5014 reports it).
    /// </summary>
    private static ImageReference? DefaultBuildImage(DockerfileSemanticModel model, string written, out List<string> emptyVariables)
    {
        var empty = new List<string>();
        emptyVariables = empty;
        var withDefault = new HashSet<string>(model.GlobalArgs.Where(a => a.Value != null).Select(a => a.Key), StringComparer.Ordinal);
        bool otherValue = false;
        string? Lookup(string name)
        {
            if (BuildArgs.Platform.ContainsKey(name) || withDefault.Contains(name)) { otherValue = true; return null; }
            if (!empty.Contains(name)) empty.Add(name);
            return "";
        }
        var expansion = new WordLexer(model.Tree.EscapeCharacter) { MaxLength = DockerfileSemanticModel.MaxExpandedLength }.ProcessWord(written, Lookup);
        if (otherValue || empty.Count == 0 || !expansion.Succeeded || string.IsNullOrEmpty(expansion.Result)) return null;
        string result = expansion.Result!;
        // A stage name or scratch is not an image to pin.
        if (result.Equals("scratch", StringComparison.OrdinalIgnoreCase) || model.FindStageNamed(result) != null) return null;
        return ImageReference.TryParse(result);
    }

    /// <summary>Why the reference is not pinned to a version, or null when it is (a digest pins it too).</summary>
    internal static RuleMessage? Problem(ImageReference image)
    {
        if (image.Digest != null) return null;
        if (image.Tag == null) return NoTag;
        return IsMovingTag(image.Tag) ? MovingTag : null;
    }

    /// <summary>
    /// A tag is moving when one of its words is a channel name and it has no digit: <c>lts-buster</c> and <c>edge</c>
    /// move, while <c>4.0.0-alpha.1</c> or <c>sid-20250520</c> name one build of the channel.
    /// </summary>
    internal static bool IsMovingTag(string tag)
        => !tag.Any(char.IsDigit) && tag.Split('-', '_', '.').Any(ChannelWords.Contains);

    private static object?[] Values(RuleMessage message, ImageReference image)
        => message == NoTag ? new object?[] { image.Original } : new object?[] { image.Original, image.Tag };
}
