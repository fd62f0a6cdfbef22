using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL1007: a package manager told to install packages whose signatures it does not check: apt-get/apt
/// <c>--allow-unauthenticated</c>, <c>--force-yes</c>, <c>--allow-insecure-repositories</c> or the same through <c>-o</c>;
/// yum/dnf/microdnf <c>--nogpgcheck</c> or <c>--setopt=gpgcheck=0</c>; zypper <c>--no-gpg-checks</c>; rpm
/// <c>--nosignature</c>, <c>--nodigest</c>, <c>--noverify</c>, <c>--nofiledigest</c>; and a repository written as
/// <c>[trusted=yes]</c> or <c>gpgcheck=0</c>. apk <c>--allow-untrusted</c> is PL1004's.
/// </summary>
[PlimsollAnalyzer]
public sealed class PackageSignatureCheckOffAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage OptionOff = new("optionOff", "{tool} {option} installs packages without checking their signatures: import the repository's key instead");
    public static readonly RuleMessage RepositoryTrusted = new("repositoryTrusted", "'{setting}' makes the package manager accept this repository's packages unsigned: import the repository's key instead");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1007", name: "PackageSignatureCheckOff", title: "Package signature check turned off",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Error,
        description: "A package manager that does not check signatures installs whatever a mirror, proxy or attacker on the path serves.",
        securitySeverity: "7.5", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [OptionOff, RepositoryTrusted],
        peers:
        [
            PeerRule.Checkov("CKV2_DOCKER_8"), PeerRule.Checkov("CKV2_DOCKER_9"), PeerRule.Checkov("CKV2_DOCKER_10"), PeerRule.Checkov("CKV2_DOCKER_11"),
        ]);

    private static readonly string[] AptOptions = { "allow-unauthenticated", "force-yes", "allow-insecure-repositories", "allow-downgrades-and-unauthenticated" };
    private static readonly string[] AptConfigKeys = { "APT::Get::AllowUnauthenticated", "Acquire::AllowInsecureRepositories", "APT::Get::force-yes", "Acquire::AllowDowngradeToInsecureRepositories" };
    private static readonly string[] RpmOptions = { "nosignature", "nodigest", "noverify", "nofiledigest" };

    // Commands that write repository definitions: echo 'deb [trusted=yes] …' > x.list, sed -i 's/gpgcheck=1/gpgcheck=0/'.
    private static readonly HashSet<string> ConfigWriters = new(StringComparer.Ordinal) { "echo", "printf", "sed", "tee", "cat" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context) => context.RegisterShellCommandAction(Analyze, name => PackageManagerCommand.IsProgramRead(name) || ConfigWriters.Contains(name));

    private static void Analyze(ShellCommandAnalysisContext context)
    {
        var command = context.Command.SimpleCommand!;
        var package = PackageCommands.Of(command);
        if (package != null)
        {
            AnalyzePackageCommand(context, package);
            return;
        }
        var resolved = command.ResolvedCommand;
        if (resolved.Name is { } name && ConfigWriters.Contains(name))
        {
            foreach (var word in resolved.Arguments)
                if (DisablingSetting(name, word.ApproximateValue) is { } setting)
                    context.Report(RepositoryTrusted, context.MapToSource(word), setting);
            foreach (var redirection in command.Redirections)
                if (redirection.HereDocument is { } heredoc && DisablingSetting(name, heredoc.Body) is { } setting)
                    context.Report(RepositoryTrusted, context.MapToSource(redirection), setting);
        }
    }

    private static void AnalyzePackageCommand(ShellCommandAnalysisContext context, PackageManagerCommand package)
    {
        foreach (var option in package.Options.Options)
        {
            string? off = package.Manager switch
            {
                PackageManager.AptGet or PackageManager.Apt when option.IsLong && AptOptions.Contains(option.Name) => "--" + option.Name,
                PackageManager.AptGet or PackageManager.Apt when (option.Name is "o" or "option") && option.Value is { } v && AptConfigOff(v) => "-o " + v,
                PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf when option.IsLong && option.Name == "nogpgcheck" => "--nogpgcheck",
                PackageManager.Yum or PackageManager.Dnf or PackageManager.Microdnf when option.IsLong && option.Name == "setopt" && option.Value is { } v && GpgCheckOff(v) => "--setopt=" + v,
                PackageManager.Zypper when option.IsLong && option.Name is "no-gpg-checks" or "no-gpg-check" => "--" + option.Name,
                PackageManager.Rpm when option.IsLong && (RpmOptions.Contains(option.Name) || option.Name == "nogpgcheck") => "--" + option.Name,
                _ => null,
            };
            if (off != null) context.Report(OptionOff, context.MapToSource(option.Start, option.Length), package.Tool, off);
        }
    }

    private static bool AptConfigOff(string value)
    {
        int eq = value.IndexOf('=');
        if (eq <= 0) return false;
        string key = value.Substring(0, eq);
        return AptConfigKeys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)) && PackageCommands.IsTruthy(value.Substring(eq + 1));
    }

    /// <summary><c>gpgcheck=0</c>, <c>repo.gpgcheck=false</c>, <c>localpkg_gpgcheck=no</c>.</summary>
    private static bool GpgCheckOff(string value)
    {
        int eq = value.IndexOf('=');
        if (eq <= 0) return false;
        string key = value.Substring(0, eq);
        int dot = key.LastIndexOf('.');
        key = dot >= 0 ? key.Substring(dot + 1) : key;
        return key.ToLowerInvariant() is "gpgcheck" or "localpkg_gpgcheck" or "repo_gpgcheck" && PackageCommands.IsFalsy(value.Substring(eq + 1));
    }

    /// <summary>The repository setting in <paramref name="text"/> that turns signature checks off, if any.</summary>
    private static string? DisablingSetting(string writer, string text)
    {
        // Every setting below is written `key=value`: most words have no '=', and one vectorised search rules them out.
        if (text.IndexOf('=') < 0) return null;
        // A local repository (file:, copy:) built in the same RUN has no key to check: trusting it is how it is used.
        bool local = text.IndexOf("file:/", StringComparison.Ordinal) >= 0 || text.IndexOf("copy:/", StringComparison.Ordinal) >= 0;
        if (!local && text.IndexOf("trusted=yes", StringComparison.OrdinalIgnoreCase) >= 0) return "trusted=yes";
        if (!local && text.IndexOf("allow-insecure=yes", StringComparison.OrdinalIgnoreCase) >= 0) return "allow-insecure=yes";
        foreach (var key in new[] { "gpgcheck", "repo_gpgcheck" })
        {
            for (int at = text.IndexOf(key + "=", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(key + "=", at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] == '_')) continue;
                int valueStart = at + key.Length + 1;
                int end = valueStart;
                while (end < text.Length && char.IsLetterOrDigit(text[end])) end++;
                string value = text.Substring(valueStart, end - valueStart);
                if (!PackageCommands.IsFalsy(value)) continue;
                // sed 's/gpgcheck=0/gpgcheck=1/' turns checks on: the replacement is what counts.
                if (writer == "sed" && InSedPattern(text, at)) continue;
                return key + "=" + value;
            }
        }
        return null;
    }

    /// <summary>For <c>s/old/new/</c>: whether position <paramref name="at"/> is in the pattern part (what is replaced).</summary>
    private static bool InSedPattern(string text, int at)
    {
        int s = text.IndexOf("s/", StringComparison.Ordinal);
        if (s < 0 || at < s) return false;
        int middle = text.IndexOf('/', s + 2);
        return middle > at;
    }
}
