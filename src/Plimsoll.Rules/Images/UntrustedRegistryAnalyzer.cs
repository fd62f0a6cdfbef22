using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Images;

/// <summary>
/// PL1020: an image pulled from a registry that is not in <c>plimsoll.trusted_registries</c> (FROM, COPY --from=image,
/// RUN --mount=from=image, and a compose service's image when it is not built). Silent until the allow-list is set.
/// </summary>
[PlimsollAnalyzer]
public sealed class UntrustedRegistryAnalyzer : PlimsollAnalyzer
{
    public const string OptionKey = "plimsoll.trusted_registries";

    public static readonly RuleMessage Untrusted = new("untrusted", "'{image}' is pulled from {registry}, which is not in plimsoll.trusted_registries ({allowed})");

    public static readonly RuleMessage UntrustedContainerBaseImage = new("untrustedContainerBaseImage", "ContainerBaseImage '{image}' is pulled from {registry}, which is not in plimsoll.trusted_registries ({allowed})");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1020", name: "UntrustedRegistry", title: "Image from a registry outside the allow-list",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Warning,
        description: "When a project pins where its images may come from, an image from any other registry bypasses the vetting, mirroring and scanning that the allow-list stands for.",
        securitySeverity: "6.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [Untrusted, UntrustedContainerBaseImage],
        peers: [PeerRule.Hadolint("DL3026")]);

    // Names of Docker Hub: an image without a registry part comes from there.
    private static readonly HashSet<string> DockerHubNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com", "registry.hub.docker.com",
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterStageAction(stage =>
        {
            if (stage.Stage.BaseImage is { } image && stage.Stage.From.Image is { } word)
                Check(stage, AllowList(stage), image, word.Span);
        });
        context.RegisterInstructionAction(AnalyzeCopy, DockerfileSyntaxKind.CopyInstruction, DockerfileSyntaxKind.AddInstruction);
        context.RegisterInstructionAction(AnalyzeRun, DockerfileSyntaxKind.RunInstruction);
        context.RegisterContainerSettingsAction(AnalyzeContainerSettings);
        context.RegisterComposeServiceAction(service =>
        {
            // With build:, image: names what is built (and pushed), not what is pulled.
            if (service.Service.Build != null || service.Service.Image is not { } scalar) return;
            var allowed = AllowList(service);
            if (allowed.Count == 0 || service.KnownValue(scalar) is not { } text || ImageReference.TryParse(text) is not { } image) return;
            if (!IsAllowed(image, allowed))
                service.Report(Untrusted, scalar, null, image.Original, RegistryName(image), string.Join(", ", allowed));
        });
    }

    private static void AnalyzeContainerSettings(ContainerSettingsAnalysisContext project)
    {
        // A .NET project's ContainerBaseImage is the FROM of the image the SDK publishes.
        var allowed = project.Options.GetListOption(OptionKey);
        if (allowed.Count == 0 || project.Settings.BaseImage is not { } setting || setting.Value.Contains("$(")) return;
        if (ImageReference.TryParse(setting.Value.Trim()) is { } image && !IsAllowed(image, allowed))
            project.Report(UntrustedContainerBaseImage, setting, image.Original, RegistryName(image), string.Join(", ", allowed));
    }

    private static IReadOnlyList<string> AllowList(FileAnalysisContext context) => context.Options.GetListOption(OptionKey);

    private static void AnalyzeCopy(InstructionAnalysisContext context)
    {
        if (context.Instruction.GetFlag("from") is not { Value: { } from } flag) return;
        CheckReference(context, from, flag.ValueSpan);
    }

    private static void AnalyzeRun(InstructionAnalysisContext context)
    {
        foreach (var flag in context.Instruction.Flags)
        {
            if (!flag.Name.Equals("mount", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var option in flag.Options)
                if (option.Key.Equals("from", StringComparison.OrdinalIgnoreCase) && option.Value is { } from)
                    CheckReference(context, from, option.Span);
        }
    }

    // A --from value names a stage, a build context, or an image; only an image is judged.
    private static void CheckReference(InstructionAnalysisContext context, string written, TextSpan span)
    {
        var allowed = AllowList(context);
        if (allowed.Count == 0) return;
        if (context.Model.Resolve(context.Instruction, written).Value is not { } value || context.Model.FindStage(value) != null) return;
        if (ImageReference.TryParse(value) is not { } image) return;
        Check(context, allowed, image, span);
    }

    private static void Check(DockerfileAnalysisContext context, IReadOnlyList<string> allowed, ImageReference image, TextSpan span)
    {
        if (allowed.Count == 0 || IsAllowed(image, allowed)) return;
        context.Report(Untrusted, span, image.Original, RegistryName(image), string.Join(", ", allowed));
    }

    private static string RegistryName(ImageReference image) => image.Registry == null ? "Docker Hub (docker.io)" : image.Registry;

    /// <summary>
    /// True when an entry names the image's registry (any Docker Hub alias stands for all of them), or a registry and
    /// path prefix (<c>ghcr.io/acme</c> allows <c>ghcr.io/acme/tool</c>, not <c>ghcr.io/other/tool</c>).
    /// </summary>
    internal static bool IsAllowed(ImageReference image, IReadOnlyList<string> allowed)
    {
        string registry = NormalizeRegistry(image.EffectiveRegistry);
        string path = image.Path;
        if (registry == "docker.io" && path.IndexOf('/') < 0) path = "library/" + path;
        string full = registry + "/" + path;
        foreach (string entry in allowed)
        {
            string e = entry.Trim().TrimEnd('/');
            // hadolint's patterns: '*' allows every registry, '*.example.com' every registry below example.com.
            if (e == "*") return true;
            if (e.StartsWith("*.", StringComparison.Ordinal) && e.IndexOf('/') < 0)
            {
                if (registry.EndsWith(e.Substring(1), StringComparison.OrdinalIgnoreCase)) return true;
                continue;
            }
            int slash = e.IndexOf('/');
            string entryRegistry = NormalizeRegistry(slash < 0 ? e : e.Substring(0, slash));
            if (slash < 0)
            {
                if (entryRegistry.Equals(registry, StringComparison.OrdinalIgnoreCase)) return true;
                continue;
            }
            string prefix = entryRegistry + e.Substring(slash);
            if (full.Equals(prefix, StringComparison.OrdinalIgnoreCase) || full.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static string NormalizeRegistry(string registry) => DockerHubNames.Contains(registry) ? "docker.io" : registry.ToLowerInvariant();
}
