using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL6004: a package manager that asks for confirmation, run without its answer-yes switch: apt-get/apt
/// (<c>-y</c>, <c>--yes</c>, <c>--assume-yes</c>, <c>-qq</c>), yum/dnf (<c>-y</c>, <c>--assumeyes</c>), zypper (<c>-n</c>,
/// <c>--non-interactive</c>, <c>-y</c>, <c>--no-confirm</c>). A build has no terminal: the prompt reads end of input and
/// the manager aborts whenever it has something to confirm.
/// </summary>
[PlimsollAnalyzer]
public sealed class PackageInstallPromptsAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Prompts = new("prompts", "{command} asks for confirmation, and a build cannot answer: the step fails whenever there is something to confirm; add {flag}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6004", name: "PackageInstallPrompts", title: "Package manager run without its non-interactive switch",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "apt-get, yum, dnf and zypper ask before installing or removing more than they were told to; in a build nobody answers and the step fails.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Prompts],
        peers: [PeerRule.Hadolint("DL3014"), PeerRule.Hadolint("DL3030"), PeerRule.Hadolint("DL3034"), PeerRule.Hadolint("DL3038"), PeerRule.Trivy("DS-0021"),
            PeerRule.Kics("77783205-c4ca-4f80-bb80-c777f267c547", "APT-GET Missing Flags To Avoid Manual Input"),
            PeerRule.Kics("6e19193a-8753-436d-8a09-76dcff91bb03", "Yum Install Allows Manual Input"),
            PeerRule.Kics("7ebd323c-31b7-4e5b-b26f-de5e9e477af8", "Missing Flag From Dnf Install"),
            PeerRule.Kics("45e1fca5-f90e-465d-825f-c2cb63fa3944", "Missing Zypper Non-interactive Switch")],
        fix: FixApplicability.Safe);

    private static readonly HashSet<string> AptAsking = new(StringComparer.Ordinal)
        { "install", "remove", "purge", "upgrade", "dist-upgrade", "full-upgrade", "autoremove", "autopurge", "build-dep", "reinstall" };
    private static readonly HashSet<string> YumAsking = new(StringComparer.Ordinal)
        { "install", "reinstall", "remove", "erase", "update", "upgrade", "downgrade", "autoremove", "distro-sync", "swap", "group install", "group remove", "group upgrade", "module install", "groupremove", "groupupdate" };
    private static readonly HashSet<string> ZypperAsking = new(StringComparer.Ordinal)
        { "install", "remove", "update", "patch", "dist-upgrade", "source-install", "si" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, PackageManagerCommand.IsProgramRead);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var package = PackageCommands.Of(context);
        if (package?.Subcommand == null || package.SubcommandWord == null) return;
        string flag;
        switch (package.Manager)
        {
            case PackageManager.AptGet:
            case PackageManager.Apt:
                if (!AptAsking.Contains(package.Subcommand) || AptAnswersYes(package)) return;
                flag = "-y";
                break;
            case PackageManager.Yum:
            case PackageManager.Dnf:
                if (!YumAsking.Contains(package.Subcommand) || package.Has('y', "assumeyes")
                    || package.Options.FindAll(null, "setopt").Any(o => o.Value is { } v && v.StartsWith("assumeyes=", StringComparison.OrdinalIgnoreCase) && PackageCommands.IsTruthy(v.Substring(10))))
                    return;
                flag = "-y";
                break;
            case PackageManager.Zypper:
                if (!ZypperAsking.Contains(package.Subcommand) || package.Has('n', "non-interactive") || package.Has('y', "no-confirm")) return;
                flag = "-n (or -y)";
                break;
            default:
                return; // apk, microdnf and the language managers do not ask
        }
        // apt.conf's APT::Get::Assume-Yes, or yum.conf/dnf.conf's assumeyes=1, written earlier in the stage answers for every call.
        if (StageAssumesYes(context, package.Manager is PackageManager.AptGet or PackageManager.Apt ? "APT::Get::Assume-Yes" : "assumeyes=")) return;
        // `apt-get install $APT_OPTS …` may say -y.
        if (PackageCommands.VariableMayHoldSwitch(context, package, IsYesSwitch)) return;
        // `yes | apt-get install …` answers the prompt.
        if (context.Command.PrecedingInPipeline().Any(c => c is SimpleCommand s && s.ResolvedCommand.Name is "yes" or "echo" or "printf")) return;
        var fix = PackageCommands.InsertAfter(context, package.SubcommandWord, " -y", "Add -y");
        string command = $"{package.Tool} {package.SubcommandWord.ApproximateValue}";
        context.Report(Prompts, PackageCommands.CommandSpan(context, package), fix, command, flag);
    }

    private static bool IsYesSwitch(string word) =>
        word is "--yes" or "--assume-yes" or "--assumeyes" or "--non-interactive" or "--no-confirm" or "-qq"
        || (word.Length > 1 && word[0] == '-' && word[1] != '-' && (word.IndexOf('y') > 0 || word == "-n"));

    private static bool StageAssumesYes(ShellCommandAnalysisContext context, string setting)
    {
        if (context.Resolved?.Name == "zypper") return false;
        for (var stage = context.Model.GetStage(context.Instruction); stage != null; stage = stage.ParentStage)
            foreach (var instruction in stage.Instructions)
            {
                if (instruction.Span.Start >= context.Instruction.Span.Start && ReferenceEquals(stage, context.Model.GetStage(context.Instruction))) break;
                if (instruction.OriginalContains(setting, StringComparison.OrdinalIgnoreCase)) return true;
            }
        return false;
    }

    private static int AptQuietLevel(PackageManagerCommand package)
    {
        int level = 0;
        foreach (var word in package.Options.Options.Select(o => o.Word).Distinct())
        {
            if (!word.TryGetLiteralValue(out var text)) continue;
            int equals = text.IndexOf('=');
            string name = equals < 0 ? text : text.Substring(0, equals);
            if (name is "-q" or "--quiet")
            {
                if (equals < 0) level++;
                else if (int.TryParse(text.Substring(equals + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int set)) level = set;
            }
            else if (name.Length > 1 && name[0] == '-' && name[1] != '-')
            {
                // -qq, -yq; the rest of the word after -o, -t, -c or -a is that option's value.
                foreach (char c in name.Substring(1))
                {
                    if ("otca".IndexOf(c) >= 0) break;
                    if (c == 'q') level++;
                }
            }
        }
        return level;
    }

    private static bool AptAnswersYes(PackageManagerCommand package)
    {
        if (package.Has('y', "yes", "assume-yes")) return true;
        // Quiet level 2 implies -y: -qq, -q -q, --quiet --quiet, -q=2, --quiet=2.
        if (AptQuietLevel(package) >= 2) return true;
        return package.Options.FindAll('o', "option").Any(o => o.Value is { } v && v.StartsWith("APT::Get::Assume-Yes=", StringComparison.OrdinalIgnoreCase)
                                                                && PackageCommands.IsTruthy(v.Substring(v.IndexOf('=') + 1)));
    }
}
