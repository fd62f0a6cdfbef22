using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Hygiene;

/// <summary>
/// PL6035 (opt-in): GNU wget without <c>--progress</c>, <c>-q</c>, <c>-nv</c>, or a log file. Without a terminal wget
/// prints a dot per kilobyte, which floods build logs with thousands of lines for a large download.
/// </summary>
[PlimsollAnalyzer]
public sealed class WgetProgressAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Noisy = new("noisy", "wget without --progress, -q or -nv prints a dot per kilobyte into the build log: add --progress=dot:giga (GNU wget) or -q");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6035", name: "WgetProgress", title: "wget without a quiet progress setting",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Info,
        description: "In a build there is no terminal, so wget falls back to dot progress: one character per kilobyte downloaded, which makes build logs long and hard to read.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Hygiene],
        messages: [Noisy],
        peers: [PeerRule.Hadolint("DL3047")],
        enabledByDefault: false);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, name => name == "wget");

    // Alpine and BusyBox images answer `wget` with BusyBox's, unless GNU wget is installed on purpose.
    private static bool IsBusyBoxBased(BuildStage? stage)
    {
        for (int guard = 0; stage != null && guard < 100; guard++)
        {
            if (stage.ParentStage is { } parent && parent.Index < stage.Index)
            {
                stage = parent;
                continue;
            }
            string? image = stage.BaseImage?.Path;
            return image != null && (image.EndsWith("alpine", StringComparison.Ordinal) || image.EndsWith("busybox", StringComparison.Ordinal) || (stage.BaseImage!.Tag ?? "").IndexOf("alpine", StringComparison.Ordinal) >= 0);
        }
        return false;
    }

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var resolved = context.Resolved;
        if (resolved?.Name != "wget" || resolved.NameWord is not { } nameWord) return;
        // BusyBox wget is quiet without a terminal; `busybox wget` says which one runs.
        if (resolved.WrapperNames.Contains("busybox")) return;
        if (IsBusyBoxBased(context.Model.GetStage(context.Instruction))) return;
        var options = resolved.ParseOptions(ShellOptionSpec.Wget);
        if (options.Has(null, "progress") || options.Has('q', "quiet") || options.Has(null, "no-verbose") || options.Has('o', "output-file") || options.Has('a', "append-output")) return;
        if (resolved.Arguments.Any(a => a.ApproximateValue == "-nv" || a.ApproximateValue.StartsWith("--progress", StringComparison.Ordinal))) return;
        // Output sent away from the log: nothing to flood.
        if (context.Command.SimpleCommand!.Redirections.Any(r => r.FileDescriptor == 2 && r.Target?.ApproximateValue == "/dev/null")) return;
        context.Report(Noisy, context.MapToSource(nameWord));
    }
}
