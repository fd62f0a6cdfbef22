using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL6002: OS packages installed without a version: apt-get/apt <c>pkg=version</c> (or <c>pkg/release</c>), apk
/// <c>pkg=version</c> or <c>pkg~version</c>, yum/dnf/microdnf <c>pkg-version</c>, zypper <c>pkg=version</c> or
/// <c>pkg&gt;=version</c>. Local package files are fixed; a variable is not judged. One finding per install command.
/// </summary>
[PlimsollAnalyzer]
public sealed class UnpinnedOsPackageAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Unpinned = new("unpinned", "{tool} installs {packages} without a pinned version: write {example}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6002", name: "UnpinnedOsPackage", title: "OS package installed without a pinned version",
        category: "Reproducibility", defaultSeverity: DiagnosticSeverity.Info,
        description: "Unpinned OS packages make each build install whatever the distribution's index holds that day; pinning trades that for builds that fail when a version leaves the mirror.",
        securitySeverity: "2.0", precision: RulePrecision.High,
        tags: [RuleTag.Reproducibility],
        messages: [Unpinned],
        peers:
        [
            PeerRule.Hadolint("DL3008"), PeerRule.Hadolint("DL3018"), PeerRule.Hadolint("DL3033"), PeerRule.Hadolint("DL3037"), PeerRule.Hadolint("DL3041"),
            PeerRule.Kics("965a08d7-ef86-4f14-8792-4a3b2098937e", "Apt Get Install Pin Version Not Defined"),
            PeerRule.Kics("6452c424-1d92-4deb-bb18-a03e95d579c4", "Yum install Without Version"),
            PeerRule.Kics("562952e4-0348-4dea-9826-44f3a2c6117b", "Zypper Install Without Version"),
            PeerRule.Kics("93d88cf7-f078-46a8-8ddc-178e03aeacf1", "Missing Version Specification In dnf install"),
            PeerRule.Kics("d3499f6d-1651-41bb-a9a7-de925fea487b", "Unpinned Package Version in Apk Add"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, PackageManagerCommand.IsProgramRead);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var package = PackageCommands.Of(context);
        if (package == null || !package.IsOsManager || package.Manager == PackageManager.Rpm) return;
        bool module = package.Subcommand == "module install";
        if (!package.IsInstall && !module) return;
        var unpinned = package.Packages.Where(p => p.Kind == PackageArgumentKind.Name && !p.IsPinned).Select(p => p.Text).ToList();
        if (unpinned.Count == 0) return;
        string first = unpinned[0];
        string example = module ? $"'{first}:<stream>'" : package.Manager switch
        {
            PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf => $"'{first}-<version>'",
            _ => $"'{first}=<version>'",
        };
        string packages = unpinned.Count == 1 ? $"'{first}'" : PackageCommands.NameList(unpinned.Select(p => $"'{p}'").ToList());
        string command = module ? $"{package.Tool} module install" : $"{package.Tool} {package.SubcommandWord?.ApproximateValue}";
        context.Report(Unpinned, PackageCommands.CommandSpan(context, package), command, packages, example);
    }
}
