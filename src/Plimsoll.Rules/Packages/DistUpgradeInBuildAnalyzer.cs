using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL6008 (opt-in): a distribution upgrade during the build: apt-get/apt <c>dist-upgrade</c>, apt <c>full-upgrade</c>,
/// zypper <c>dist-upgrade</c>/<c>dup</c>, yum/dnf <c>distro-sync</c>. Plain <c>upgrade</c> is not flagged.
/// </summary>
[PlimsollAnalyzer]
public sealed class DistUpgradeInBuildAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage DistUpgrade = new("distUpgrade", "{command} may remove packages and move the image to packages its base image's tag does not name: use a newer base image, or a plain upgrade");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6008", name: "DistUpgradeInBuild", title: "Distribution upgrade during the build",
        category: "Reproducibility", defaultSeverity: DiagnosticSeverity.Info,
        description: "A dist-upgrade resolves changed dependencies by installing and removing packages; in a build it makes the image drift from its base image in ways no line of the Dockerfile names.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Reproducibility],
        messages: [DistUpgrade],
        peers: [PeerRule.Hadolint("DL3035"), PeerRule.Trivy("DS-0024")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, PackageManagerCommand.IsProgramRead);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var package = PackageCommands.Of(context);
        if (package?.Subcommand == null) return;
        bool distUpgrade = package.Manager switch
        {
            PackageManager.AptGet or PackageManager.Apt => package.Subcommand is "dist-upgrade" or "full-upgrade",
            PackageManager.Zypper => package.Subcommand == "dist-upgrade",
            PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf => package.Subcommand is "distro-sync" or "distribution-synchronization",
            _ => false,
        };
        if (distUpgrade)
            context.Report(DistUpgrade, PackageCommands.CommandSpan(context, package), $"{package.Tool} {package.SubcommandWord?.ApproximateValue}");
    }
}
