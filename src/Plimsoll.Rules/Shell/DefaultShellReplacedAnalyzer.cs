using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Shell;

/// <summary>
/// PL7020: a RUN that replaces /bin/sh (<c>ln -sf /bin/bash /bin/sh</c>, <c>mv</c>/<c>cp</c> onto it) or changes a login
/// shell with <c>chsh</c>, to get another shell for later RUNs. SHELL does that without altering the image's /bin/sh,
/// which every script and package hook of the distribution also runs.
/// </summary>
[PlimsollAnalyzer]
public sealed class DefaultShellReplacedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Replaced = new("replaced", "'{command}' replaces {path}, which the distribution's own scripts also run: use SHELL [\"/bin/bash\", \"-c\"] to change the shell of later RUN instructions");
    public static readonly RuleMessage LoginShell = new("loginShell", "'chsh' changes a login shell, which RUN never uses: use SHELL to change the shell of later RUN instructions");

    public static readonly RuleDescriptor Rule = new(
        id: "PL7020", name: "DefaultShellReplaced", title: "Default shell swapped with RUN instead of SHELL",
        category: "Shell", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Pointing /bin/sh at another shell changes what every script in the image runs under; the SHELL instruction changes only the shell of the Dockerfile's own RUN, CMD and ENTRYPOINT shell forms.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [Replaced, LoginShell],
        peers:
        [
            PeerRule.Hadolint("DL4005"),
            PeerRule.Kics("8a301064-c291-4b20-adcb-403fe7fd95fd", "Changing Default Shell Using RUN Command"),
        ]);

    private static readonly HashSet<string> SystemShellPaths = new(StringComparer.Ordinal) { "/bin/sh", "/usr/bin/sh" };

    // Options taking a value, so that their value is not read as the destination.
    private static readonly ShellOptionSpec LinkOptions = new("St", new[] { "suffix", "target-directory", "backup" });

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, name => name is "ln" or "mv" or "cp" or "chsh");

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var resolved = context.Resolved;
        switch (resolved?.Name)
        {
            case "ln":
            case "mv":
            case "cp":
            {
                var options = resolved.ParseOptions(LinkOptions);
                if (options.Has('t', "target-directory") || options.Operands.Length < 2) return;
                var destination = options.Operands[options.Operands.Length - 1];
                if (!destination.TryGetLiteralValue(out var path) || !SystemShellPaths.Contains(path)) return;
                context.Report(Replaced, context.MapToSource(context.Command.SimpleCommand!), resolved.Name, path);
                break;
            }
            case "chsh":
                context.Report(LoginShell, context.MapToSource(context.Command.SimpleCommand!));
                break;
        }
    }
}
