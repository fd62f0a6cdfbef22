using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Secrets;

/// <summary>
/// PL4005: a RUN that sets an account password: <c>chpasswd</c>, <c>passwd --stdin</c> or <c>passwd</c> fed by a pipe,
/// <c>useradd</c>/<c>usermod</c> <c>-p</c>. The password (or its hash) ends up in the Dockerfile, the build history and
/// the image's /etc/shadow, the same for every container started from it.
/// </summary>
[PlimsollAnalyzer]
public sealed class PasswordSetInRunAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage PasswordSet = new("passwordSet", "'{command}' sets an account password at build time: it is baked into the image, identical in every container, and readable in its history");

    public static readonly RuleDescriptor Rule = new(
        id: "PL4005", name: "PasswordSetInRun", title: "Account password set in RUN",
        category: "Secrets", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A password set during the build is stored in the image and in the build's history, shared by every container; containers should not need password logins at all.",
        securitySeverity: "6.5", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [PasswordSet],
        peers: [PeerRule.Checkov("CKV2_DOCKER_17")]);

    private static readonly ShellOptionSpec UserAddOptions = new("bcdefgGkKpsuUZR", new[] { "base-dir", "comment", "home-dir", "expiredate", "inactive", "gid", "groups", "skel", "key", "password", "shell", "uid", "selinux-user", "root", "prefix", "login", "home", "append-groups" });

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, name => name is "chpasswd" or "chgpasswd" or "passwd" or "useradd" or "usermod");

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var resolved = context.Resolved;
        if (resolved?.NameWord is not { } nameWord) return;
        switch (resolved.Name)
        {
            case "chpasswd":
            case "chgpasswd":
                context.Report(PasswordSet, context.MapToSource(nameWord), resolved.Name);
                break;
            case "passwd":
            {
                var values = resolved.Arguments.Select(a => a.ApproximateValue).ToList();
                // `passwd -d`/`-l`/`-e` delete, lock or expire; only input on stdin sets a password non-interactively.
                bool stdin = values.Contains("--stdin");
                bool piped = context.Command.PipelineIndex > 0 || HasInputRedirection(context.Command.SimpleCommand!);
                bool changesState = values.Any(v => v is "-d" or "--delete" or "-l" or "--lock" or "-u" or "--unlock" or "-e" or "--expire" or "-S" or "--status");
                if ((stdin || piped) && !changesState)
                    context.Report(PasswordSet, context.MapToSource(nameWord), stdin ? "passwd --stdin" : "passwd");
                break;
            }
            case "useradd":
            case "usermod":
            {
                var password = resolved.ParseOptions(UserAddOptions).Find('p', "password");
                // `-p '*'` or `-p '!'` locks the password: nothing to leak.
                if (password?.Value is { } value && value.Trim('\'', '"') is not ("*" or "!" or "!!" or "x" or ""))
                    context.Report(PasswordSet, context.MapToSource(password.Start, password.Length), resolved.Name + " -p");
                break;
            }
        }
    }

    private static bool HasInputRedirection(SimpleCommand command)
        => command.Redirections.Any(r => (r.Kind == ShellRedirectionKind.Input || r.IsHereDocument || r.Kind == ShellRedirectionKind.HereString) && (r.FileDescriptor ?? 0) == 0);
}
