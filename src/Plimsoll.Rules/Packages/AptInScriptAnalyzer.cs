using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL6007: <c>apt</c> run in a RUN script. apt is the interactive front end; apt-get and apt-cache keep a stable command
/// line for scripts. The fix renames the program where the subcommand means the same to apt-get or apt-cache.
/// </summary>
[PlimsollAnalyzer]
public sealed class AptInScriptAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage UseAptGet = new("useAptGet", "apt is meant for terminals and warns that its command line is not stable in scripts: use {replacement}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6007", name: "AptInScript", title: "apt used instead of apt-get",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Info,
        description: "apt's output and options are made for people and may change between releases; apt-get and apt-cache are the interfaces meant for scripts.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [UseAptGet],
        peers: [PeerRule.Hadolint("DL3027"), PeerRule.Checkov("CKV_DOCKER_9"), PeerRule.Kics("b84a0b47-2e99-4c9f-8933-98bcabe2b94d", "Run Using apt")],
        fix: FixApplicability.Unsafe);

    private static readonly HashSet<string> AptGetSubcommands = new(StringComparer.Ordinal)
    {
        "install", "remove", "purge", "update", "upgrade", "autoremove", "autopurge", "clean", "autoclean", "build-dep", "source",
        "download", "changelog", "dist-upgrade", "check", "satisfy", "reinstall",
    };
    private static readonly HashSet<string> AptCacheSubcommands = new(StringComparer.Ordinal) { "search", "show", "policy", "depends", "rdepends", "showsrc", "madison" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, PackageManagerCommand.IsProgramRead);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var package = PackageCommands.Of(context);
        if (package == null || package.Manager != PackageManager.Apt) return;
        string? sub = package.Subcommand;
        string? program = sub == null ? null : AptGetSubcommands.Contains(sub) ? "apt-get" : AptCacheSubcommands.Contains(sub) ? "apt-cache" : null;
        string replacement = program != null ? $"'{program} {sub}'" : "apt-get or apt-cache";
        CodeFix? fix = null;
        var span = context.MapToSource(package.NameWord);
        // Unsafe: apt-get upgrade holds back upgrades that need new packages, which apt upgrade installs; output differs.
        if (program != null && span.Length >= 3 && span.End <= context.Text.Length && context.Text.ToString(new TextSpan(span.End - 3, 3)) == "apt"
            && package.NameWord.TryGetLiteralValue(out var written) && (written == "apt" || written.EndsWith("/apt", StringComparison.Ordinal)) && !package.NameWord.HasQuoting)
            fix = new CodeFix($"Use {program}", new TextChange(new TextSpan(span.End - 3, 3), program));
        context.Report(UseAptGet, PackageCommands.CommandSpan(context, package), fix, replacement);
    }
}
