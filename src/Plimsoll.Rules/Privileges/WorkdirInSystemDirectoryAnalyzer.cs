using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2030: WORKDIR in a kernel or boot directory (/proc, /sys, /dev, /boot …), which the runtime mounts over.</summary>
[PlimsollAnalyzer]
public sealed class WorkdirInSystemDirectoryAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage SystemDirectory = new("systemDirectory", "WORKDIR {path} is inside {directory}, a directory the kernel or the runtime provides: files written there are hidden or land in host-backed kernel interfaces; use a directory of your own such as /app");

    public static readonly RuleMessage SystemContainerDirectory = new("systemContainerDirectory", "ContainerWorkingDirectory {path} is inside {directory}, a directory the kernel or the runtime provides: files written there are hidden or land in host-backed kernel interfaces; use a directory of your own such as /app");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2030", name: "WorkdirInSystemDirectory", title: "WORKDIR under a system directory",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Warning,
        description: "/proc, /sys and /dev are mounted by the runtime and reflect the host kernel, and /boot belongs to the host's boot process: an application that works there either loses its files or touches kernel interfaces.",
        securitySeverity: "5.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security, RuleTag.Correctness],
        messages: [SystemDirectory, SystemContainerDirectory],
        peers:
        [
            PeerRule.Trivy("DS-0030"),
        ]);

    private static readonly string[] SystemDirectories = { "/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not SimpleInstructionSyntax { Value: { } value } workdir || workdir.Arguments[0] is not WordSyntax word) return;
            var resolved = instruction.Model.Resolve(workdir, value);
            if (!resolved.IsKnown) return;
            if (SystemDirectoryOf(resolved.Value!) is { } directory)
                instruction.Report(SystemDirectory, word.Token.Span, resolved.Value!, directory);
        }, DockerfileSyntaxKind.WorkdirInstruction);
        // The .NET SDK's ContainerWorkingDirectory is the published image's WORKDIR.
        context.RegisterContainerSettingsAction(project =>
        {
            if (project.Settings.Property("ContainerWorkingDirectory") is { } setting && !setting.Value.Contains("$(")
                && SystemDirectoryOf(setting.Value.Trim()) is { } directory)
                project.Report(SystemContainerDirectory, setting, setting.Value.Trim(), directory);
        });
    }

    private static string? SystemDirectoryOf(string value)
    {
        string path = Normalize(value);
        return SystemDirectories.FirstOrDefault(d => path == d || path.StartsWith(d + "/", StringComparison.Ordinal));
    }

    // Collapses '//' and './' and a trailing '/', so '/proc/', '//proc' and '/./proc' compare as '/proc'.
    private static string Normalize(string path)
    {
        if (!path.StartsWith("/", StringComparison.Ordinal)) return path;
        var parts = path.Split('/').Where(p => p.Length > 0 && p != ".");
        return "/" + string.Join("/", parts);
    }
}
