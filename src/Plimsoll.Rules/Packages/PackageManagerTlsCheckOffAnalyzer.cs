using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// PL1008: package-manager settings that turn TLS certificate verification off, beyond the command-line switches PL1003
/// already reports: <c>PIP_TRUSTED_HOST</c>, <c>NPM_CONFIG_STRICT_SSL=false</c>, <c>YARN_ENABLE_STRICT_SSL=false</c> and
/// <c>CONDA_SSL_VERIFY=false</c> set by ENV, ARG or in a RUN; <c>pip config set global.trusted-host</c>; yarn
/// <c>enableStrictSsl false</c>; conda <c>ssl_verify false</c>; yum/dnf <c>sslverify=0</c> given with <c>--setopt</c> or written
/// into a repository file.
/// </summary>
[PlimsollAnalyzer]
public sealed class PackageManagerTlsCheckOffAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage VerificationOff = new("verificationOff", "{setting} turns off TLS certificate verification for {tool}: install the registry's CA certificate instead");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1008", name: "PackageManagerTlsCheckOff", title: "Package manager configured to skip TLS verification",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Error,
        description: "A package manager that does not verify its index's certificate takes packages and metadata from anyone on the network path.",
        securitySeverity: "7.5", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [VerificationOff],
        peers: [PeerRule.Checkov("CKV2_DOCKER_12"), PeerRule.Checkov("CKV2_DOCKER_15"), PeerRule.Checkov("CKV2_DOCKER_16")]);

    /// <summary>Variables that turn verification off, the tool each one configures, and whether any value does (else only a false one).</summary>
    private static readonly Dictionary<string, (string Tool, bool AnyValue)> Variables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PIP_TRUSTED_HOST"] = ("pip", true),
        ["NPM_CONFIG_STRICT_SSL"] = ("npm", false),
        ["YARN_STRICT_SSL"] = ("yarn", false),
        ["YARN_ENABLE_STRICT_SSL"] = ("yarn", false),
        ["CONDA_SSL_VERIFY"] = ("conda", false),
    };

    // Switches, not sets: asked for every command of every RUN (this rule reads all of them for their assignments).
    private static bool IsYumLike(string name) => name is "yum" or "dnf" or "dnf5" or "microdnf" or "tdnf" or "yum-config-manager" or "dnf-config-manager" or "dnf-3";
    private static bool IsConfigWriter(string name) => name is "echo" or "printf" or "tee" or "cat";

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterShellCommandAction(AnalyzeCommand);
        context.RegisterInstructionAction(AnalyzeKeyValues, DockerfileSyntaxKind.EnvInstruction, DockerfileSyntaxKind.ArgInstruction);
    }

    private static void AnalyzeKeyValues(InstructionAnalysisContext context)
    {
        if (context.Instruction is not KeyValueInstructionSyntax instruction) return;
        foreach (var pair in instruction.Pairs)
            if (pair.Value != null) CheckVariable(context, pair.Key, PackageCommands.Unquote(pair.Value), pair.Span);
    }

    private static void CheckVariable(FileAnalysisContext context, string name, string value, TextSpan span)
    {
        if (!Variables.TryGetValue(name, out var meaning)) return;
        string v = value;
        bool off = meaning.AnyValue ? v.Length > 0 && !v.StartsWith("$", StringComparison.Ordinal) : PackageCommands.IsFalsy(v);
        if (off) context.Report(VerificationOff, span, $"{name}={v}", meaning.Tool);
    }

    private static void AnalyzeCommand(ShellCommandAnalysisContext context)
    {
        var command = context.Command.SimpleCommand!;
        foreach (var assignment in command.Assignments)
            if (assignment.Value is { } value && value.TryGetLiteralValue(out var v))
                CheckVariable(context, assignment.Name, v, context.MapToSource(assignment));

        var resolved = command.ResolvedCommand;
        if (resolved.WrapperNames.Contains("env"))
            for (int i = 0; i < resolved.WordIndex && i < command.Words.Length; i++)
                CheckAssignmentWord(context, command.Words[i]);

        var name = resolved.Name;
        if (name == null) return;
        // The arguments (a copy of the words, made on first use) are asked for only by the branches that read them:
        // most commands reach none.
        if (name is "export" or "declare" or "typeset" or "readonly")
        {
            foreach (var word in resolved.Arguments) CheckAssignmentWord(context, word);
            return;
        }
        if (IsYumLike(name))
        {
            var options = ShellOptions.Parse(resolved.Arguments);
            foreach (var option in options.Options)
                if (option.IsLong && option.Name == "setopt" && option.Value is { } setting && SslVerifyOff(setting))
                    context.Report(VerificationOff, context.MapToSource(option.Start, option.Length), "--setopt=" + setting, name);
            return;
        }
        // Read only by the commands below (most commands are none of them).
        List<string>? read = null;
        List<string> Values() => read ??= resolved.Arguments.Select(a => a.ApproximateValue).ToList();
        switch (name)
        {
            case "pip" or "pip3" when Values() is var values && values.Count >= 3 && values[0] == "config" && values[1] == "set":
            {
                int at = values.FindIndex(v => v.EndsWith(".trusted-host", StringComparison.Ordinal));
                if (at >= 0) context.Report(VerificationOff, context.MapToSource(resolved.Arguments[at]), $"pip config set {values[at]}", "pip");
                break;
            }
            case "yarn" when Values() is var values && values.Count >= 4 && values[0] == "config" && values[1] == "set" && values[2] == "enableStrictSsl" && PackageCommands.IsFalsy(values[3]):
                context.Report(VerificationOff, context.MapToSource(resolved.Arguments[2]), "enableStrictSsl false", "yarn");
                break;
            case "conda" or "mamba" or "micromamba":
            {
                var values = Values();
                int at = values.IndexOf("ssl_verify");
                if (values.Contains("config") && at > 0 && at + 1 < values.Count && PackageCommands.IsFalsy(values[at + 1]))
                    context.Report(VerificationOff, context.MapToSource(resolved.Arguments[at]), "ssl_verify false", name);
                break;
            }
        }
        // Text only becomes configuration when it goes into a file: `echo sslverify=0 >> /etc/yum.conf`, `| tee -a …`.
        if (IsConfigWriter(name) && WritesToFile(context, command, name))
        {
            foreach (var word in resolved.Arguments)
                if (WrittenSetting(word.ApproximateValue) is { } found)
                    context.Report(VerificationOff, context.MapToSource(word), found.Setting, found.Tool);
            foreach (var redirection in command.Redirections)
                if (redirection.HereDocument is { } heredoc && WrittenSetting(heredoc.Body) is { } found)
                    context.Report(VerificationOff, context.MapToSource(redirection), found.Setting, found.Tool);
        }
    }

    private static bool WritesToFile(ShellCommandAnalysisContext context, SimpleCommand command, string name)
    {
        if (name == "tee") return true; // its arguments are files, its heredoc the text
        foreach (var redirection in command.Redirections)
        {
            if (redirection.Kind is not (ShellRedirectionKind.Output or ShellRedirectionKind.Append or ShellRedirectionKind.Clobber
                or ShellRedirectionKind.OutputAndError or ShellRedirectionKind.AppendOutputAndError)) continue;
            if (redirection.FileDescriptor is { } fd && fd != 1) continue;
            if (redirection.Target?.ApproximateValue is "/dev/null" or "/dev/stdout" or "/dev/stderr") continue;
            return true;
        }
        return context.Command.SimpleCommandsPipedTo().Any(c => c.ResolvedCommand.Name is "tee" or "sponge" or "dd");
    }

    private static void CheckAssignmentWord(ShellCommandAnalysisContext context, ShellWord word)
    {
        if (!word.TryGetLiteralValue(out var text)) return;
        int eq = text.IndexOf('=');
        if (eq > 0) CheckVariable(context, text.Substring(0, eq), text.Substring(eq + 1), context.MapToSource(word));
    }

    /// <summary><c>sslverify=0</c>, <c>repo.sslverify=false</c>.</summary>
    private static bool SslVerifyOff(string setting)
    {
        int eq = setting.IndexOf('=');
        if (eq <= 0) return false;
        string key = setting.Substring(0, eq);
        int dot = key.LastIndexOf('.');
        return (dot >= 0 ? key.Substring(dot + 1) : key).Equals("sslverify", StringComparison.OrdinalIgnoreCase) && PackageCommands.IsFalsy(setting.Substring(eq + 1));
    }

    /// <summary>A verification-off line written into a config file: yum's <c>sslverify=0</c>, .npmrc's <c>strict-ssl=false</c>.</summary>
    private static readonly (string Key, string Tool)[] WrittenSettings = { ("sslverify", "yum/dnf"), ("strict-ssl", "npm") };

    private static (string Setting, string Tool)? WrittenSetting(string text)
    {
        // Both are written `key=value`: most words written to files have no '=', ruled out by one vectorised search.
        if (text.IndexOf('=') < 0) return null;
        foreach (var (key, tool) in WrittenSettings)
        {
            for (int at = text.IndexOf(key, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(key, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (at > 0 && (char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '_' or '-')) continue;
                int i = at + key.Length;
                while (i < text.Length && text[i] == ' ') i++;
                if (i >= text.Length || text[i] != '=') continue;
                i++;
                while (i < text.Length && text[i] == ' ') i++;
                int end = i;
                while (end < text.Length && char.IsLetterOrDigit(text[end])) end++;
                string value = text.Substring(i, end - i);
                if (PackageCommands.IsFalsy(value)) return ($"{key}={value}", tool);
            }
        }
        return null;
    }
}
