using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;

namespace Plimsoll.Rules.Images;

/// <summary>PL1002: an image reference without an <c>@sha256:</c> digest.</summary>
[PlimsollAnalyzer]
public sealed class ImageWithoutDigestAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.ImageWithoutDigest);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            if (stage.Stage.BaseImage is not { } image || stage.Stage.From.Image is not { } word) return;
            if (!image.HasSha256Digest) stage.Report(RuleCatalog.ImageWithoutDigest, word.Span, image.Original);
        });
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.Image is not { } scalar || service.KnownValue(scalar) is not { } text) return;
            if (ImageReference.TryParse(text) is { } image && !image.HasSha256Digest)
                service.Report(RuleCatalog.ImageWithoutDigest, scalar.Span, image.Original);
        });
        context.RegisterContainerSettingsAction(project =>
        {
            if (project.Settings.BaseImage is { } setting && ImageReference.TryParse(setting.Value) is { } image && !image.HasSha256Digest)
                project.Report(RuleCatalog.ImageWithoutDigest, setting, image.Original);
        });
    }
}
