using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL6005: a package manager's cache or index left in the layer of a stage that reaches the final image: apt-get/apt
/// update without removing /var/lib/apt/lists in the same RUN; apk add without --no-cache; yum, dnf, microdnf and zypper
/// installs without a clean in the same RUN; pip install without --no-cache-dir (or PIP_NO_CACHE_DIR); yarn install/add
/// without yarn cache clean. A cache mount (<c>RUN --mount=type=cache,target=…</c>) on the cache directory keeps it out
/// of the layer, so it is never flagged.
/// </summary>
[PlimsollAnalyzer]
public sealed class PackageCacheLeftInLayerAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage AptLists = new("aptLists", "{command} leaves the package lists in the layer: end this RUN with 'rm -rf /var/lib/apt/lists/*'");
    public static readonly RuleMessage ApkCache = new("apkCache", "apk add without --no-cache leaves the package index in the layer: use 'apk add --no-cache'");
    public static readonly RuleMessage RpmCache = new("rpmCache", "{command} leaves its package cache in the layer: end this RUN with '{clean}'");
    public static readonly RuleMessage PipCache = new("pipCache", "{tool} install keeps the downloaded packages in pip's cache in the layer: add --no-cache-dir");
    public static readonly RuleMessage YarnCache = new("yarnCache", "{command} leaves yarn's cache in the layer: end this RUN with 'yarn cache clean'");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6005", name: "PackageCacheLeftInLayer", title: "Package manager cache left in the layer",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Info,
        description: "Package indexes and downloaded packages kept in a layer make every image larger, and a later RUN that deletes them cannot shrink the earlier layer.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Hygiene],
        messages: [AptLists, ApkCache, RpmCache, PipCache, YarnCache],
        peers:
        [
            PeerRule.Hadolint("DL3009"), PeerRule.Hadolint("DL3019"), PeerRule.Hadolint("DL3032"), PeerRule.Hadolint("DL3036"),
            PeerRule.Hadolint("DL3040"), PeerRule.Hadolint("DL3042"), PeerRule.Hadolint("DL3060"),
            PeerRule.Trivy("DS-0015"), PeerRule.Trivy("DS-0019"), PeerRule.Trivy("DS-0020"), PeerRule.Trivy("DS-0025"), PeerRule.Trivy("DS-0027"),
            PeerRule.Kics("df746b39-6564-4fed-bf85-e9c44382303c", "Apt Get Install Lists Were Not Deleted"),
            PeerRule.Kics("f2f903fb-b977-461e-98d7-b3e2185c6118", "Pip install Keeping Cached Packages"),
            PeerRule.Kics("00481784-25aa-4a55-8633-3136dfcf4f37", "Yum Clean All Missing"),
            PeerRule.Kics("295acb63-9246-4b21-b441-7c1f1fb62dc0", "Missing Dnf Clean All"),
            PeerRule.Kics("38300d1a-feb2-4a48-936a-d1ef1cd24313", "Missing Zypper Clean"),
            PeerRule.Kics("ae9c56a6-3ed1-4ac0-9b54-31267f51151d", "Apk Add Using Local Cache Path"),
        ],
        fix: FixApplicability.Safe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, PackageManagerCommand.IsProgramRead);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var package = PackageCommands.Of(context);
        if (package?.Subcommand == null) return;
        var run = context.Instruction;
        switch (package.Manager)
        {
            case PackageManager.AptGet:
            case PackageManager.Apt:
                if (package.Subcommand != "update" || PackageCommands.HasCacheMount(run, "/var/lib/apt/lists")) return;
                if (!Reaches(context) || RemovesAny(context.Script, "/var/lib/apt/lists")) return;
                // apt-get dist-clean (apt 2.7) removes the lists too.
                if (PackageCommands.In(context.Script).Any(p => p.Manager is PackageManager.AptGet or PackageManager.Apt && p.Subcommand == "dist-clean")) return;
                context.Report(AptLists, PackageCommands.CommandSpan(context, package), $"{package.Tool} update");
                return;
            case PackageManager.Apk:
                if (package.Subcommand != "add" || package.Has(null, "no-cache") || PackageCommands.HasCacheMount(run, "/var/cache/apk", "/etc/apk/cache")) return;
                if (!Reaches(context) || RemovesAny(context.Script, "/var/cache/apk") || Runs(context.Script, "apk", "cache")) return;
                if (PackageCommands.VariableMayHoldSwitch(context, package, w => w == "--no-cache")) return;
                // Safe: --no-cache fetches the index into memory instead of the cache; the same packages are installed.
                context.Report(ApkCache, PackageCommands.CommandSpan(context, package), package.SubcommandWord == null ? null : PackageCommands.InsertAfter(context, package.SubcommandWord, " --no-cache", "Use --no-cache"));
                return;
            case PackageManager.Yum:
            case PackageManager.Dnf:
            case PackageManager.Microdnf:
                if (package.Subcommand is not ("install" or "group install" or "reinstall" or "upgrade" or "update")) return;
                if (PackageCommands.HasCacheMount(run, "/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf") || !Reaches(context)) return;
                if (RemovesAny(context.Script, "/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf") || CleansAllAfter(context, package)) return;
                if (InstallsAgainLater(context, package)) return; // one finding per RUN, at the install the clean must follow
                context.Report(RpmCache, PackageCommands.CommandSpan(context, package), $"{package.Tool} {package.SubcommandWord?.ApproximateValue}", $"{package.Tool} clean all");
                return;
            case PackageManager.Zypper:
                if (package.Subcommand is not ("install" or "update" or "patch" or "dist-upgrade")) return;
                if (PackageCommands.HasCacheMount(run, "/var/cache/zypp") || !Reaches(context)) return;
                if (RemovesAny(context.Script, "/var/cache/zypp") || CleansAfter(context, package, "zypper") || InstallsAgainLater(context, package)) return;
                context.Report(RpmCache, PackageCommands.CommandSpan(context, package), $"zypper {package.SubcommandWord?.ApproximateValue}", "zypper clean --all");
                return;
            case PackageManager.Pip:
                if (package.Subcommand != "install" || package.SubcommandWord == null) return;
                if (package.Options.Options.Any(o => o.IsLong && o.Name.StartsWith("no-cache", StringComparison.Ordinal))) return;
                if (PackageCommands.HasCacheMount(run, "/root/.cache/pip", "~/.cache/pip") || RunCacheMountUnder(run, ".cache") || !Reaches(context)) return;
                if (PackageCommands.VariableMayHoldSwitch(context, package, w => w.StartsWith("--no-cache", StringComparison.Ordinal))) return;
                if (PipCacheOff(context) || RemovesAny(context.Script, "/root/.cache", "~/.cache", "$HOME/.cache", "${HOME}/.cache") || Runs(context.Script, "pip", "cache")) return;
                context.Report(PipCache, PackageCommands.CommandSpan(context, package),
                    PackageCommands.InsertAfter(context, package.SubcommandWord, " --no-cache-dir", "Add --no-cache-dir"), package.Tool);
                return;
            case PackageManager.Yarn:
                if (package.Subcommand is not ("install" or "add")) return;
                if (RunCacheMountUnder(run, "yarn") || !Reaches(context) || CleansAfter(context, package, "yarn") || InstallsAgainLater(context, package)) return;
                context.Report(YarnCache, PackageCommands.CommandSpan(context, package), $"yarn {package.SubcommandWord?.ApproximateValue}");
                return;
        }
    }

    private static bool Reaches(ShellCommandAnalysisContext context) => PackageCommands.ReachesFinalImage(context.Model, context.Instruction);

    private static bool RunCacheMountUnder(Plimsoll.Syntax.Dockerfile.RunInstructionSyntax run, string part) =>
        run.Flags.Any(f => f.Name == "mount" && f.Options.Any(o => o.Key == "type" && o.Value == "cache")
                           && f.Options.Any(o => o.Key is "target" or "dst" or "destination" && o.Value != null && o.Value.IndexOf(part, StringComparison.Ordinal) >= 0));

    /// <summary>Whether an <c>rm</c> (or <c>find … -delete</c>) in the script removes a path under one of <paramref name="directories"/>.</summary>
    private static bool RemovesAny(ShellParseResult script, params string[] directories)
    {
        foreach (var context in PackageCommands.CommandsOf(script))
        {
            var resolved = context.SimpleCommand?.ResolvedCommand;
            if (resolved?.Name is not ("rm" or "find" or "rmdir")) continue;
            foreach (var argument in resolved.Arguments)
            {
                string value = argument.ApproximateValue.Trim('"', '\'');
                foreach (var directory in directories) // a loop: a query here made a closure for every argument of every rm
                    if (value.StartsWith(directory, StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }

    /// <summary>Whether the script runs <c>{program} {subcommand} …</c> (<c>pip cache purge</c>, <c>apk cache clean</c>).</summary>
    private static bool Runs(ShellParseResult script, string program, string subcommand) =>
        PackageCommands.In(script).Any(p => (p.Tool == program || p.Manager.ToString().Equals(program, StringComparison.OrdinalIgnoreCase)) && p.Subcommand == subcommand);

    /// <summary>A <c>clean</c> by one of <paramref name="programs"/> after the install in the same RUN (<c>yum clean all</c>, <c>zypper cc</c>, <c>yarn cache clean</c>).</summary>
    private static bool CleansAfter(ShellCommandAnalysisContext context, PackageManagerCommand install, params string[] programs)
    {
        foreach (var other in PackageCommands.In(context.Script))
        {
            if (other.Command.Start <= install.Command.Start || other.NameWord == null) continue;
            if (!programs.Contains(ShellResolvedCommand.BaseName(other.NameWord))) continue;
            if (other.Manager == PackageManager.Yarn)
            {
                if (other.Subcommand == "cache" && other.Command.ResolvedCommand.Arguments.Any(a => a.ApproximateValue == "clean")) return true;
                continue;
            }
            if (other.Subcommand == "clean") return true;
        }
        return false;
    }

    /// <summary>
    /// A <c>clean all</c> after the install by the same program family: yum and dnf clean each other's cache (yum is dnf on
    /// EL8 and later); microdnf and tdnf keep their own. <c>clean metadata</c> or <c>clean packages</c> alone leaves the other half.
    /// </summary>
    private static bool CleansAllAfter(ShellCommandAnalysisContext context, PackageManagerCommand install)
    {
        string[] programs = install.Manager == PackageManager.Microdnf ? new[] { "microdnf" }
            : install.Tool == "tdnf" ? new[] { "tdnf" }
            : new[] { "yum", "dnf", "dnf5", "dnf-3" };
        foreach (var other in PackageCommands.In(context.Script))
        {
            if (other.Command.Start <= install.Command.Start || other.NameWord == null || other.Subcommand != "clean") continue;
            if (!programs.Contains(ShellResolvedCommand.BaseName(other.NameWord))) continue;
            if (other.Options.Operands.Any(o => o.TryGetLiteralValue(out var what) && what == "all")) return true;
        }
        return false;
    }

    /// <summary>Whether the same manager installs again later in the RUN (that later call is the one a clean must follow).</summary>
    private static bool InstallsAgainLater(ShellCommandAnalysisContext context, PackageManagerCommand install) =>
        PackageCommands.In(context.Script).Any(p => p.Command.Start > install.Command.Start && p.Manager == install.Manager
                                                    && p.Subcommand is "install" or "add" or "group install" or "reinstall" or "upgrade" or "update" or "patch" or "dist-upgrade");

    /// <summary>PIP_NO_CACHE_DIR set by ENV/ARG in force, or in the RUN (assignment or export).</summary>
    private static bool PipCacheOff(ShellCommandAnalysisContext context)
    {
        var value = context.Model.Resolve(context.Instruction, "${PIP_NO_CACHE_DIR}").Value;
        if (!string.IsNullOrEmpty(value)) return true;
        return context.Script.Text.IndexOf("PIP_NO_CACHE_DIR=", StringComparison.Ordinal) >= 0
               || context.Instruction.Flags.Any(f => f.Text.IndexOf("PIP_NO_CACHE_DIR", StringComparison.Ordinal) >= 0);
    }
}
