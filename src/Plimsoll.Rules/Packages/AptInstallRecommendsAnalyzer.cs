using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Semantics.Dockerfile;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL6003: <c>apt-get install</c> (or <c>apt install</c>) of named packages without <c>--no-install-recommends</c>, when
/// nothing in the stage sets <c>APT::Install-Recommends</c> off.
/// </summary>
[PlimsollAnalyzer]
public sealed class AptInstallRecommendsAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Recommends = new("recommends", "{command} also installs every package these recommend: add --no-install-recommends and name what is needed");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6003", name: "AptInstallRecommends", title: "apt-get install without --no-install-recommends",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Info,
        description: "By default apt installs the recommended packages too, often many megabytes (documentation, X libraries) the image never uses.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Hygiene],
        messages: [Recommends],
        peers: [PeerRule.Hadolint("DL3015"), PeerRule.Trivy("DS-0029"), PeerRule.Kics("7384dfb2-fcd1-4fbf-91cd-6c44c318c33c", "APT-GET Not Avoiding Additional Packages")],
        fix: FixApplicability.Unsafe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, PackageManagerCommand.IsProgramRead);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var package = PackageCommands.Of(context);
        if (package == null || package.Manager is not (PackageManager.AptGet or PackageManager.Apt) || package.Subcommand != "install"
            || package.Packages.IsEmpty || package.SubcommandWord == null)
            return;
        if (package.Has(null, "no-install-recommends")) return;
        if (package.Options.Options.Any(o => o.Value is { } v && v.StartsWith("APT::Install-Recommends", StringComparison.OrdinalIgnoreCase))) return;
        if (StageConfiguresRecommends(context)) return;
        if (PackageCommands.VariableMayHoldSwitch(context, package, w => w == "--no-install-recommends" || w.IndexOf("APT::Install-Recommends", StringComparison.Ordinal) >= 0)) return;
        // Unsafe: packages that were only recommended are no longer installed, and the image may rely on one.
        var fix = PackageCommands.InsertAfter(context, package.SubcommandWord, " --no-install-recommends", "Add --no-install-recommends");
        context.Report(Recommends, PackageCommands.CommandSpan(context, package), fix, $"{package.Tool} {package.SubcommandWord.ApproximateValue}");
    }

    /// <summary>An apt.conf line written in this stage or a base stage (<c>APT::Install-Recommends "false";</c>) decides for every install.</summary>
    private static bool StageConfiguresRecommends(ShellCommandAnalysisContext context)
    {
        var stage = context.Model.GetStage(context.Instruction);
        if (stage == null) return false;
        if (ConfiguresRecommends.TryGetValue(stage, out var known)) return known.Value;
        // Answered once per stage (asked for every install): the stages not yet answered, nearest first, then each from
        // the farthest, with its base stage's answer known by then. A loop, not recursion: a chain may be thousands long.
        var unanswered = new List<BuildStage>();
        bool answer = false;
        for (var s = stage; s != null; s = s.ParentStage)
        {
            if (ConfiguresRecommends.TryGetValue(s, out var inherited))
            {
                answer = inherited.Value;
                break;
            }
            unanswered.Add(s);
        }
        for (int i = unanswered.Count - 1; i >= 0; i--)
        {
            answer = answer || ConfiguresInItself(unanswered[i]);
            var box = new StrongBox<bool>(answer);
            ConfiguresRecommends.GetValue(unanswered[i], _ => box);
        }
        return answer;
    }

    private static bool ConfiguresInItself(BuildStage stage)
    {
        foreach (var instruction in stage.Instructions)
            if (instruction.OriginalContains("APT::Install-Recommends", StringComparison.Ordinal)) return true;
        return false;
    }

    private static readonly ConditionalWeakTable<BuildStage, StrongBox<bool>> ConfiguresRecommends = new();
}
