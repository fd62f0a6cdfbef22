using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Shell;

/// <summary>
/// PL7021: commands that mean nothing in a build step: interactive programs (editors, top) with no terminal to talk to,
/// machine power commands, and a service started as the last thing a RUN does (it dies with the step's container).
/// </summary>
[PlimsollAnalyzer]
public sealed class HostCommandInRunAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Interactive = new("interactive", "'{command}' is interactive, but a build step has no terminal: it fails or waits forever; edit files with sed, COPY or a heredoc instead");
    public static readonly RuleMessage Power = new("power", "'{command}' cannot shut down or reboot anything from a build step: remove it");
    public static readonly RuleMessage ServiceNotKept = new("serviceNotKept", "'{command}' starts a service as the last thing this RUN does: the process ends with the step and is not running in the image; start it from ENTRYPOINT or CMD");

    public static readonly RuleDescriptor Rule = new(
        id: "PL7021", name: "HostCommandInRun", title: "Interactive or host command in RUN",
        category: "Shell", defaultSeverity: DiagnosticSeverity.Info,
        description: "A RUN step is a throw-away process without a terminal: editors and monitors have nobody to talk to, power commands have no machine to act on, and a daemon it starts is gone when the step ends.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Interactive, Power, ServiceNotKept],
        peers:
        [
            PeerRule.Hadolint("DL3001"),
            PeerRule.Kics("9b6b0f38-92a2-41f9-b881-3a1083d99f1b", "Run Utilities And POSIX Commands"),
        ]);

    private static readonly HashSet<string> Editors = new(StringComparer.Ordinal) { "vi", "vim", "nvim", "nano", "emacs", "pico", "joe", "mcedit" };
    private static readonly HashSet<string> Monitors = new(StringComparer.Ordinal) { "top", "htop", "btop", "atop" };
    private static readonly HashSet<string> PowerCommands = new(StringComparer.Ordinal) { "shutdown", "reboot", "halt", "poweroff" };
    private static readonly HashSet<string> ServiceManagers = new(StringComparer.Ordinal) { "service", "rc-service", "systemctl" };
    private static readonly HashSet<string> StartVerbs = new(StringComparer.Ordinal) { "start", "restart" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    // Most commands are none of these: the rule is not called for them.
    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, IsHostCommand);

    private static bool IsHostCommand(string name)
        => Editors.Contains(name) || Monitors.Contains(name) || PowerCommands.Contains(name) || ServiceManagers.Contains(name);

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var resolved = context.Resolved;
        if (resolved?.Name is not { } name || resolved.NameWord is not { } nameWord || !IsHostCommand(name)) return;
        var values = resolved.Arguments.Select(a => a.ApproximateValue).ToList();
        var span = context.MapToSource(nameWord);

        if (Editors.Contains(name))
        {
            // `vim +PlugInstall +qall`, `vim -es`, `nvim --headless`, `emacs --batch` run without a terminal.
            if (values.Any(v => v.Length > 0 && (v[0] == '+' || v[0] == '-' || v[0] == '<'))) return;
            if (context.Command.PipelineIndex > 0 || context.Command.SimpleCommand!.Redirections.Length > 0) return;
            context.Report(Interactive, span, name);
        }
        else if (Monitors.Contains(name))
        {
            // `top -b -n 1` prints once and exits.
            if (values.Any(v => v.Length > 1 && v[0] == '-' && v.IndexOf('b') >= 0)) return;
            context.Report(Interactive, span, name);
        }
        else if (PowerCommands.Contains(name))
            context.Report(Power, span, name);
        else if (IsServiceStart(name, values) && IsLastCommandOfScript(context.Command))
            context.Report(ServiceNotKept, context.MapToSource(context.Command.SimpleCommand!), context.Command.SimpleCommand!.GetText(context.Script.Text));
    }

    // `service nginx start`, `systemctl start nginx`, `/etc/init.d/nginx start`, `rc-service nginx start`.
    private static bool IsServiceStart(string name, List<string> values) => name switch
    {
        "service" or "rc-service" => values.Count >= 2 && StartVerbs.Contains(values[1]),
        "systemctl" => values.Any(StartVerbs.Contains),
        _ => false,
    };

    private static bool IsLastCommandOfScript(ShellCommandContext command)
    {
        if (command.Outer != null || command.Substitution != null) return false;
        var lists = command.Script.Lists;
        return lists.Length > 0 && ReferenceEquals(lists[lists.Length - 1], command.List)
            && command.ListIndex == command.List.PipelineCount - 1
            && command.PipelineIndex == command.Pipeline.CommandCount - 1;
    }
}
