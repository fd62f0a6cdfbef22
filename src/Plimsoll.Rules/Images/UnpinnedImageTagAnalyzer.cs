using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;

namespace Plimsoll.Rules.Images;

/// <summary>PL1001: an image reference without a tag, or with <c>latest</c>, in FROM or compose <c>image:</c>.</summary>
[PlimsollAnalyzer]
public sealed class UnpinnedImageTagAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.UnpinnedImageTag);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            if (stage.Stage.BaseImage is not { } image || stage.Stage.From.Image is not { } word) return;
            if (Problem(image) is { } problem) stage.Report(RuleCatalog.UnpinnedImageTag, word.Span, image.Original, problem);
        });
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.Image is not { } scalar || service.KnownValue(scalar) is not { } text) return;
            if (ImageReference.TryParse(text) is { } image && Problem(image) is { } problem)
                service.Report(RuleCatalog.UnpinnedImageTag, scalar.Span, image.Original, problem);
        });
        context.RegisterContainerSettingsAction(project =>
        {
            if (project.Settings.BaseImage is { } setting && ImageReference.TryParse(setting.Value) is { } image && Problem(image) is { } problem)
                project.Report(RuleCatalog.UnpinnedImageTag, setting, image.Original, problem);
        });
    }

    /// <summary>Why the reference is not pinned to a version, or null when it is (a digest pins it too).</summary>
    internal static string? Problem(ImageReference image)
    {
        if (image.Digest != null) return null;
        if (image.Tag == null) return "has no tag, so it means 'latest'";
        if (image.Tag.Equals("latest", StringComparison.OrdinalIgnoreCase)) return "uses the 'latest' tag";
        return null;
    }
}
