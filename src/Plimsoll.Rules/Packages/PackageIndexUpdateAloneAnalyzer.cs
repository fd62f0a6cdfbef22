using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL6006: a package index update (apt-get/apt <c>update</c>, apk <c>update</c>, yum/dnf <c>makecache</c>, zypper
/// <c>refresh</c>) in a RUN where the same manager installs or upgrades nothing after it. Not flagged when the RUN also
/// runs a script or a shell (it may install), or when its packages come from a variable command.
/// </summary>
[PlimsollAnalyzer]
public sealed class PackageIndexUpdateAloneAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage UpdateAlone = new("updateAlone", "{command} is not followed by an install in the same RUN: a later RUN's install reuses this layer's index from whenever it was cached; update and install in one RUN");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6006", name: "PackageIndexUpdateAlone", title: "Package index updated in a RUN that installs nothing",
        category: "Reproducibility", defaultSeverity: DiagnosticSeverity.Warning,
        description: "The layer of a RUN that only updates the index is cached; installs in later RUNs then read an index that can be weeks old, missing security updates or failing on removed versions.",
        securitySeverity: "3.0", precision: RulePrecision.High,
        tags: [RuleTag.Reproducibility, RuleTag.Security],
        messages: [UpdateAlone],
        peers: [PeerRule.Checkov("CKV_DOCKER_5"), PeerRule.Trivy("DS-0017"), PeerRule.Kics("9bae49be-0aa3-4de5-bab2-4c3a069e40cd", "Update Instruction Alone")]);

    private static readonly HashSet<string> AptUses = new(StringComparer.Ordinal)
        { "install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall", "source", "download", "satisfy" };
    private static readonly HashSet<string> ApkUses = new(StringComparer.Ordinal) { "add", "upgrade", "fix", "fetch" };
    private static readonly HashSet<string> RpmUses = new(StringComparer.Ordinal)
        { "install", "reinstall", "upgrade", "update", "group install", "module install", "distro-sync", "downgrade", "swap", "patch", "dist-upgrade", "source-install", "si" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, PackageManagerCommand.IsProgramRead);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var package = PackageCommands.Of(context);
        if (package?.Subcommand == null) return;
        // Apart: the lambdas below capture `package`, and their closure would be made for every command of every RUN.
        CheckUpdate(context, package);
    }

    private static void CheckUpdate(ShellCommandAnalysisContext context, PackageManagerCommand package)
    {
        Func<PackageManagerCommand, bool> uses;
        switch (package.Manager)
        {
            case PackageManager.AptGet or PackageManager.Apt when package.Subcommand == "update":
                uses = p => p.Manager is PackageManager.AptGet or PackageManager.Apt && p.Subcommand != null && AptUses.Contains(p.Subcommand);
                break;
            case PackageManager.Apk when package.Subcommand == "update":
                uses = p => p.Manager == PackageManager.Apk && p.Subcommand != null && ApkUses.Contains(p.Subcommand);
                break;
            case PackageManager.Yum or PackageManager.Dnf when package.Subcommand is "makecache":
            case PackageManager.Zypper when package.Subcommand == "refresh":
                uses = p => p.Manager is PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf or PackageManager.Zypper
                            && p.Subcommand != null && RpmUses.Contains(p.Subcommand);
                break;
            default:
                return;
        }
        if (PackageCommands.In(context.Script).Any(p => p.Command.Start > package.Command.Start && uses(p))) return;
        // A script, a shell or a variable command may install with the fresh index.
        if (PackageCommands.RunsOpaqueInstaller(context.Script)) return;
        context.Report(UpdateAlone, PackageCommands.CommandSpan(context, package), $"{package.Tool} {package.SubcommandWord?.ApproximateValue}");
    }
}
