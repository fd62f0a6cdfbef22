using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Downloads;

/// <summary>
/// PL1003: downloads over plain HTTP (curl, wget, git, pip indexes, ADD, PowerShell downloaders) and switches
/// that turn TLS verification off (curl -k, wget --no-check-certificate, git sslVerify=false, pip --trusted-host,
/// GIT_SSL_NO_VERIFY, NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, npm strict-ssl false).
/// A URL that is only printed (<c>echo http://…</c>) or stored in a LABEL is not a download.
/// </summary>
[PlimsollAnalyzer]
public sealed class InsecureTransportAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage InsecureDownload = new("insecureDownload", "{tool} downloads over {scheme} ({url}): use https");
    public static readonly RuleMessage InsecureIndex = new("insecureIndex", "{tool} installs packages from an index over {scheme} ({url}): use https");
    public static readonly RuleMessage VerificationOff = new("verificationOff", "{what} turns off TLS certificate verification");
    public static readonly RuleMessage TrustedHost = new("trustedHost", "{tool} --trusted-host turns off TLS verification for that host");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1003", name: "InsecureTransport", title: "Download over an insecure transport",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Error,
        description: "Content fetched over plain HTTP, or with TLS certificate checks turned off, can be replaced by anyone on the network path.",
        securitySeverity: "7.5", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [InsecureDownload, InsecureIndex, VerificationOff, TrustedHost],
        peers:
        [
            PeerRule.Checkov("CKV2_DOCKER_2"), PeerRule.Checkov("CKV2_DOCKER_3"), PeerRule.Checkov("CKV2_DOCKER_4"),
            PeerRule.Checkov("CKV2_DOCKER_5"), PeerRule.Checkov("CKV2_DOCKER_6"), PeerRule.Checkov("CKV2_DOCKER_13"),
            PeerRule.Checkov("CKV2_DOCKER_14"),
        ],
        fix: FixApplicability.Unsafe);

    private static readonly Dictionary<string, string> TlsOffVariables = new(StringComparer.Ordinal)
    {
        ["GIT_SSL_NO_VERIFY"] = "", // any value turns verification off
        ["NODE_TLS_REJECT_UNAUTHORIZED"] = "0",
        ["PYTHONHTTPSVERIFY"] = "0",
        ["CURL_INSECURE"] = "",
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterShellCommandAction(AnalyzeCommand);
        context.RegisterInstructionAction(AnalyzeAdd, DockerfileSyntaxKind.AddInstruction);
        // An ARG's default is in the environment of the RUNs after it, like an ENV (only during the build).
        context.RegisterInstructionAction(AnalyzeEnv, DockerfileSyntaxKind.EnvInstruction, DockerfileSyntaxKind.ArgInstruction);
        context.RegisterInstructionAction(AnalyzeNonPosixRun, DockerfileSyntaxKind.RunInstruction);
        // The same variables set for a compose service or a .NET project's published container hold in the running container.
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var variable in service.Service.Environment)
            {
                if (variable.Value is not { } value || value.Raw is not { } raw || !TurnsVerificationOff(variable.Name, raw)) continue;
                var name = variable.NameNode;
                var span = name.Tree == value.Tree && value.Span.End >= name.Span.Start ? TextSpan.FromBounds(name.Span.Start, value.Span.End) : value.Span;
                service.Report(VerificationOff, Plimsoll.Diagnostics.PlimsollDiagnostic.CreateLocation(value.Path, value.Tree.Text, span), null, $"{variable.Name}={raw}");
            }
        });
        context.RegisterContainerSettingsAction(project =>
        {
            foreach (var variable in project.Settings.EnvironmentVariables)
            {
                // Item metadata is kept as written: a value taken from a property ($(X)) is not known here.
                if (variable.GetMetadata("Value") is { } value && !value.Contains("$(") && TurnsVerificationOff(variable.Value, value))
                    project.Report(VerificationOff, variable, $"ContainerEnvironmentVariable {variable.Value}={value}");
            }
        });
    }

    private static void AnalyzeCommand(ShellCommandAnalysisContext context)
    {
        var command = context.Command.SimpleCommand!;
        foreach (var assignment in command.Assignments)
            CheckVariable(context, assignment.Name, assignment.Value?.ApproximateValue, context.MapToSource(assignment));

        var resolved = context.Resolved;
        if (resolved != null && resolved.WrapperNames.Contains("env"))
        {
            // `env NAME=value cmd`: the assignments are words before the command.
            for (int i = 0; i < resolved.WordIndex && i < command.Words.Length; i++)
            {
                string word = command.Words[i].ApproximateValue;
                int eq = word.IndexOf('=');
                if (eq > 0) CheckVariable(context, word.Substring(0, eq), word.Substring(eq + 1), context.MapToSource(command.Words[i]));
            }
        }
        switch (resolved?.Name)
        {
            case "curl":
            {
                var options = resolved.ParseOptions(ShellOptionSpec.Curl);
                foreach (var option in options.FindAll('k', "insecure"))
                    context.Report(VerificationOff, context.MapToSource(option.Start, option.Length), "curl -k/--insecure");
                foreach (var word in options.Operands.Concat(options.FindAll(null, "url").Where(o => o.ValueWord != null).Select(o => o.ValueWord!)))
                    ReportHttp(context, "curl", word);
                break;
            }
            case "wget":
            {
                var options = resolved.ParseOptions(ShellOptionSpec.Wget);
                foreach (var option in options.FindAll(null, "no-check-certificate"))
                    context.Report(VerificationOff, context.MapToSource(option.Start, option.Length), "wget --no-check-certificate");
                foreach (var word in options.Operands) ReportHttp(context, "wget", word);
                break;
            }
            case "git":
            {
                var arguments = resolved.Arguments;
                for (int i = 0; i < arguments.Length; i++)
                {
                    string value = arguments[i].ApproximateValue;
                    bool sslVerifyOff = value.IndexOf("sslVerify=false", StringComparison.OrdinalIgnoreCase) >= 0
                        || (value.EndsWith("sslVerify", StringComparison.OrdinalIgnoreCase) && i + 1 < arguments.Length && arguments[i + 1].ApproximateValue.Equals("false", StringComparison.OrdinalIgnoreCase));
                    if (sslVerifyOff)
                        context.Report(VerificationOff, context.MapToSource(arguments[i]), "git http.sslVerify false");
                    else
                        ReportHttp(context, "git", arguments[i]);
                }
                break;
            }
            case "pip":
            case "pip3":
            case "uv":
            {
                var arguments = resolved.Arguments;
                for (int i = 0; i < arguments.Length; i++)
                {
                    string value = arguments[i].ApproximateValue;
                    if (value == "--trusted-host" || value.StartsWith("--trusted-host=", StringComparison.Ordinal))
                        context.Report(TrustedHost, context.MapToSource(arguments[i]), resolved.Name);
                    else if (value.StartsWith("--index-url=", StringComparison.Ordinal) || value.StartsWith("--extra-index-url=", StringComparison.Ordinal))
                    {
                        string url = value.Substring(value.IndexOf('=') + 1);
                        if (RuleHelpers.IsPlainHttp(url) && !RuleHelpers.IsLoopback(url))
                            context.Report(InsecureIndex, context.MapToSource(arguments[i]), resolved.Name, Scheme(url), Shorten(url));
                    }
                    else if ((value == "-i" || value == "--index-url" || value == "--extra-index-url") && i + 1 < arguments.Length)
                        ReportHttp(context, resolved.Name!, arguments[i + 1], InsecureIndex);
                }
                break;
            }
            case "npm":
            case "yarn":
            case "pnpm":
            {
                var values = resolved.Arguments.Select(a => a.ApproximateValue).ToList();
                if (StrictSslOff(values)) context.Report(VerificationOff, context.MapToSource(command), $"{resolved.Name} strict-ssl false");
                break;
            }
            case "export":
            {
                foreach (var word in resolved.Arguments)
                {
                    string value = word.ApproximateValue;
                    int eq = value.IndexOf('=');
                    if (eq > 0) CheckVariable(context, value.Substring(0, eq), value.Substring(eq + 1), context.MapToSource(word));
                }
                break;
            }
        }
    }

    /// <summary>
    /// npm, yarn or pnpm told to stop checking certificates: the <c>--strict-ssl=false</c> / <c>--no-strict-ssl</c> /
    /// <c>--strict-ssl false</c> option on any command, or the setting written by <c>config set</c> (<c>npm c set</c>,
    /// <c>npm set</c>): <c>strict-ssl false</c> or <c>strict-ssl=false</c>. Outside <c>config set</c> the words are
    /// operands (<c>npm install strict-ssl false</c> installs two packages).
    /// </summary>
    private static bool StrictSslOff(List<string> values)
    {
        for (int i = 0; i < values.Count; i++)
        {
            string value = values[i];
            if (value is "--strict-ssl=false" or "--no-strict-ssl") return true;
            if (value == "--strict-ssl" && i + 1 < values.Count && values[i + 1] == "false") return true;
        }
        var operands = values.Where(v => !v.StartsWith("-", StringComparison.Ordinal)).ToList();
        int set = operands.Count > 0 && operands[0] == "set" ? 1
            : operands.Count > 1 && (operands[0] is "config" or "c") && operands[1] == "set" ? 2 : -1;
        if (set < 0) return false;
        for (int i = set; i < operands.Count; i++)
        {
            if (operands[i] == "strict-ssl=false") return true;
            if (operands[i] == "strict-ssl" && i + 1 < operands.Count && operands[i + 1] == "false") return true;
        }
        return false;
    }

    private static void ReportHttp(ShellCommandAnalysisContext context, string tool, ShellWord word, RuleMessage? message = null)
    {
        var url = RuleHelpers.UrlOf(word);
        if (url == null || !RuleHelpers.IsPlainHttp(url) || RuleHelpers.IsLoopback(url)) return;
        var span = context.MapToSource(word);
        context.Report(message ?? InsecureDownload, span, HttpsFix(context.Text, span), tool, Scheme(url), Shorten(url));
    }

    // The value as the program sees it: the shell (or the Dockerfile's ENV/ARG) has already removed the quotes, so a
    // quote left in the value is part of it (PYTHONHTTPSVERIFY="0\"" sets '0"', which is not 0).
    private static void CheckVariable(FileAnalysisContext context, string name, string? value, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        if (value != null && TurnsVerificationOff(name, value)) context.Report(VerificationOff, span, $"{name}={value}");
    }

    // GIT_SSL_NO_VERIFY: git tests only that the variable is set (http.c), so "0", "false" and "" turn verification off too.
    private static bool TurnsVerificationOff(string name, string value)
    {
        if (!TlsOffVariables.TryGetValue(name, out var offValue)) return false;
        if (name == "GIT_SSL_NO_VERIFY") return true;
        return offValue.Length == 0 ? value.Length > 0 && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase) : value == offValue;
    }

    private static void AnalyzeEnv(InstructionAnalysisContext context)
    {
        if (context.Instruction is not KeyValueInstructionSyntax env) return;
        // An unknown value (ENV X=$Y) stays as written: GIT_SSL_NO_VERIFY is off whatever it holds.
        // Only the few TLS variables are resolved: resolving is not free, and may report an expansion limit.
        foreach (var pair in env.Pairs)
            if (pair.Value != null && TlsOffVariables.ContainsKey(pair.Key))
                CheckVariable(context, pair.Key, context.Model.Resolve(env, pair.Value).Value ?? pair.Value, pair.Span);
    }

    private static void AnalyzeAdd(InstructionAnalysisContext context)
    {
        if (context.Instruction is not CopyInstructionSyntax add) return;
        var paths = add.PathTokens;
        for (int i = 0; i < paths.Count - 1; i++)
        {
            // Quotes are removed and variables expanded before the builder fetches the URL; an unknown variable
            // after a written scheme (http://$HOST/x) leaves the scheme as written.
            string source = context.Model.Resolve(add, paths[i].Value).Value ?? paths[i].Value;
            if (!RuleHelpers.IsPlainHttp(source) || RuleHelpers.IsLoopback(source)) continue;
            context.Report(InsecureDownload, paths[i].Span, HttpsFix(context.Text, paths[i].Span), "ADD", Scheme(source), Shorten(source));
        }
    }

    // PowerShell, cmd and backtick-escaped files are not parsed as sh; their downloads are found by name.
    private static void AnalyzeNonPosixRun(InstructionAnalysisContext context)
    {
        if (context.Model.UsesPosixShell(context.Instruction)) return;
        if (context.Instruction is not RunInstructionSyntax { ShellForm: { } shell }) return;
        string text = shell.Command;
        foreach (var download in ShellDownloadScanner.FindDownloads(text))
            foreach (var url in download.Urls)
                if (!url.IsEncrypted && !RuleHelpers.IsLoopback(url.Value))
                    context.Report(InsecureDownload, shell.Token.MapLogicalSpan(url.Start, url.Length), download.Tool, Scheme(url.Value), Shorten(url.Value));
    }

    /// <summary>
    /// The fix "http:// → https://" when the URL's scheme is written literally at the start of the span. Unsafe: the
    /// server must serve the same content over TLS (most do; some mirrors do not answer https at all).
    /// </summary>
    private static CodeFix? HttpsFix(SourceText text, TextSpan span)
    {
        string written = text.ToString(span);
        int quote = written.Length > 0 && (written[0] == '"' || written[0] == '\'') ? 1 : 0;
        if (written.Length < quote + 7 || string.Compare(written, quote, "http://", 0, 7, StringComparison.OrdinalIgnoreCase) != 0) return null;
        return new CodeFix("Use https", new TextChange(new TextSpan(span.Start + quote, 4), "https"));
    }

    private static string Scheme(string url) => url.StartsWith("ftp:", StringComparison.OrdinalIgnoreCase) ? "unencrypted FTP" : "plain HTTP";

    private static string Shorten(string url) => url.Length <= 80 ? url : url.Substring(0, 77) + "...";
}
