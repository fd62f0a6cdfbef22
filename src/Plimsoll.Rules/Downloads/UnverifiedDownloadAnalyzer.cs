using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Rules.Shared;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Downloads;

/// <summary>
/// PL1004: ADD of a URL without <c>--checksum</c>; a curl/wget download (to a file, or streamed into an
/// extractor or installer) with no <c>sha256sum -c</c>, <c>sha512sum -c</c>, <c>shasum -c</c>, <c>gpg --verify</c>,
/// <c>cosign verify-blob</c> or <c>minisign -V</c> of that file in the same RUN; <c>apk --allow-untrusted</c>.
/// </summary>
[PlimsollAnalyzer]
public sealed class UnverifiedDownloadAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage AddWithoutChecksum = new("addWithoutChecksum", "ADD downloads {url} without --checksum: add --checksum=sha256:<digest>");
    public static readonly RuleMessage GitSourceNotPinned = new("gitSourceNotPinned", "ADD of git source {url} is not pinned: pin a full commit hash (…#<40-hex-commit>)");
    public static readonly RuleMessage UntrustedPackages = new("untrustedPackages", "apk --allow-untrusted installs packages without checking their signatures");
    public static readonly RuleMessage DownloadNotVerified = new("downloadNotVerified",
        "{tool} download of {url} {destination} without a checksum or signature check in the same RUN: verify it (for example `echo \"<sha256>  {file}\" | sha256sum -c -`)");

    public static readonly RuleDescriptor Rule = new(
        id: "PL1004", name: "UnverifiedDownload", title: "Remote content used without verification",
        category: "SupplyChain", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A download that is not checked against a known checksum or signature trusts the server and everything between it and the build.",
        securitySeverity: "5.9", precision: RulePrecision.Medium,
        tags: [RuleTag.Security, RuleTag.Reproducibility],
        messages: [AddWithoutChecksum, GitSourceNotPinned, UntrustedPackages, DownloadNotVerified],
        peers: [PeerRule.Checkov("CKV2_DOCKER_7")]);

    private static readonly string[] VerificationMaterial = { ".sha256", ".sha512", ".sha1", ".sha256sum", ".sha512sum", ".asc", ".sig", ".gpg", ".md5", ".pem", ".pub", ".minisig", "SHA256SUMS", "SHA512SUMS", "SHASUMS256.txt", "KEYS", ".key", ".sign" };
    private static readonly HashSet<string> StreamConsumers = new(StringComparer.Ordinal) { "tar", "bsdtar", "unzip", "gunzip", "gzip", "xz", "bunzip2", "zstd", "dpkg", "rpm", "install", "cpio", "busybox" };
    private static readonly HashSet<string> ChecksumTools = new(StringComparer.Ordinal) { "sha256sum", "sha512sum", "sha384sum", "sha224sum", "sha1sum", "shasum", "b2sum", "md5sum", "rhash", "cksum" };
    // The other commands IsVerification knows; keep the two in step.
    private static readonly HashSet<string> VerifierNames = new(StringComparer.Ordinal) { "gpg", "gpg2", "gpgv", "gpgv2", "cosign", "minisign", "openssl", "rpm" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(AnalyzeAdd, DockerfileSyntaxKind.AddInstruction);
        context.RegisterShellCommandAction(AnalyzeCommand, name => name == "apk" || RuleHelpers.IsDownloader(name));
    }

    private static void AnalyzeAdd(InstructionAnalysisContext context)
    {
        if (context.Instruction is not CopyInstructionSyntax add || add.GetFlag("checksum") != null) return;
        var paths = add.PathTokens;
        for (int i = 0; i < paths.Count - 1; i++)
        {
            string source = paths[i].Value;
            if (!RuleHelpers.LooksLikeUrl(source) || IsVerificationMaterial(source)) continue;
            if (IsGitSource(source))
            {
                // A git source pinned to a full commit hash names exact content.
                int hash = source.IndexOf('#');
                string reference = hash < 0 ? "" : source.Substring(hash + 1).Split(':')[0];
                if (reference.Length == 40 && reference.All(Uri.IsHexDigit)) continue;
                context.Report(GitSourceNotPinned, paths[i].Span, Shorten(source));
                continue;
            }
            context.Report(AddWithoutChecksum, paths[i].Span, Shorten(source));
        }
    }

    private static void AnalyzeCommand(ShellCommandAnalysisContext context)
    {
        var resolved = context.Resolved;
        string? name = resolved?.Name;
        if (name == "apk")
        {
            foreach (var word in resolved!.Arguments)
                if (word.ApproximateValue == "--allow-untrusted")
                    context.Report(UntrustedPackages, context.MapToSource(word));
            return;
        }
        if (!RuleHelpers.IsDownloader(name)) return;

        var options = resolved!.ParseOptions(name == "curl" ? ShellOptionSpec.Curl : ShellOptionSpec.Wget);
        var urls = options.Operands.Select(w => (Word: w, Url: RuleHelpers.UrlOf(w))).Where(u => u.Url != null).ToList();
        if (urls.Count == 0) return;
        if (urls.All(u => IsVerificationMaterial(u.Url!))) return;

        // Where does the content go?
        var piped = context.Command.SimpleCommandsPipedTo().Select(c => c.ResolvedCommand.Name).FirstOrDefault();
        if (piped != null)
        {
            if (RuleHelpers.ScriptInterpreters.Contains(piped)) return; // PL1005's finding
            if (ChecksumTools.Contains(piped) || !StreamConsumers.Contains(piped)) return; // metadata read by jq, grep…: not installed content
        }
        string? file = OutputFile(name!, options, context.Command.SimpleCommand!, urls[0].Url!);
        if (piped == null && file == null) return; // printed to the build log only

        if (IsVerifiedInScript(context.Script.Script, file)) return;
        var first = urls.First(u => !IsVerificationMaterial(u.Url!));
        string what = piped != null ? $"is streamed into {piped}" : $"is saved to {file}";
        context.Report(DownloadNotVerified, context.MapToSource(context.Command.SimpleCommand!), name, Shorten(first.Url!), what, file ?? "file");
    }

    /// <summary>The file a download writes, or null for standard output.</summary>
    private static string? OutputFile(string tool, ShellOptionSet options, SimpleCommand command, string url)
    {
        if (tool == "curl")
        {
            var output = options.Find('o', "output");
            if (output != null) return output.Value == "-" ? null : output.Value;
            if (options.Has('O', "remote-name") || options.Has(null, "remote-name-all")) return BaseName(url);
        }
        else
        {
            var output = options.Find('O', "output-document");
            if (output != null) return output.Value == "-" ? null : output.Value;
            return BaseName(url);
        }
        foreach (var redirection in command.Redirections)
            if ((redirection.Kind == ShellRedirectionKind.Output || redirection.Kind == ShellRedirectionKind.Append) && redirection.Target != null)
                return redirection.Target.ApproximateValue;
        return null;
    }

    // A script's verification commands, read once per script: a RUN with several downloads asks for each of them.
    private static readonly ConditionalWeakTable<ShellScript, ScriptVerifications> VerificationsByScript = new();

    private static ScriptVerifications VerificationsIn(ShellScript script) => VerificationsByScript.GetValue(script, ScriptVerifications.Find);

    private static bool IsVerifiedInScript(ShellScript script, string? file)
    {
        var verifications = VerificationsIn(script);
        if (!verifications.Any) return false;
        string? name = file == null ? null : BaseName(file);
        if (string.IsNullOrEmpty(name) || verifications.ChecksAList) return true;
        return verifications.Name(name!);
    }

    /// <summary>
    /// What a script's verification commands say: whether there is one, whether one checks a checksum list (which covers
    /// the files it lists: we cannot read it here), and the texts that may name a verified file — the verifier's words,
    /// those of what feeds it (<c>echo "&lt;hash&gt;  file" | sha256sum -c</c>), its redirections and here-documents.
    /// </summary>
    private sealed class ScriptVerifications
    {
        // A file is named where a separator of these comes before it and one of those after (see NamesFile).
        private const string Before = "/ \t\"'*=\n";
        private const string After = " \"'\n\t;)$";
        private static readonly char[] Separators = (Before + After).Distinct().ToArray();

        private readonly List<string> _texts = new();

        // The texts' words that NamesFile would find, as a set: a script with thousands of downloads and checks stays
        // linear. Exact for a name without separators (a file's base name nearly always); other names are searched for.
        private readonly HashSet<string> _named = new(StringComparer.Ordinal);

        public bool Any { get; private set; }

        public bool ChecksAList { get; private set; }

        public bool Name(string name)
        {
            if (name.IndexOfAny(Separators) < 0) return _named.Contains(name);
            foreach (var text in _texts)
                if (NamesFile(text, name)) return true;
            return false;
        }

        public static ScriptVerifications Find(ShellScript script)
        {
            var found = new ScriptVerifications();
            foreach (var context in script.DescendantCommands())
            {
                if (context.SimpleCommand is not { } command || !IsVerification(command)) continue;
                found.Any = true;
                if (command.ResolvedCommand.Arguments.Any(a => IsVerificationMaterial(a.ApproximateValue))) found.ChecksAList = true;
                foreach (var word in command.Words) found.Add(word.ApproximateValue);
                foreach (var fed in context.PrecedingInPipeline())
                    foreach (var node in fed.DescendantNodesAndSelf())
                        if (node is SimpleCommand feeder)
                            foreach (var word in feeder.Words) found.Add(word.ApproximateValue);
                foreach (var redirection in command.Redirections)
                {
                    if (redirection.Target != null) found.Add(redirection.Target.ApproximateValue);
                    if (redirection.HereDocument != null) found.Add(redirection.HereDocument.Body);
                }
            }
            return found;
        }

        private void Add(string text)
        {
            _texts.Add(text);
            // Each run of characters between separators that has one of Before ahead of it (or starts the text) and one
            // of After behind it (or ends the text): exactly where NamesFile finds a name without separators.
            int start = 0;
            while (start <= text.Length)
            {
                int end = text.IndexOfAny(Separators, start);
                if (end < 0) end = text.Length;
                if (end > start && (start == 0 || Before.IndexOf(text[start - 1]) >= 0) && (end == text.Length || After.IndexOf(text[end]) >= 0))
                    _named.Add(text.Substring(start, end - start));
                start = end + 1;
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> mentions the file <paramref name="name"/> as a whole path component.</summary>
    private static bool NamesFile(string text, string name)
    {
        for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            bool startOk = at == 0 || text[at - 1] is '/' or ' ' or '\t' or '"' or '\'' or '*' or '=' or '\n';
            int end = at + name.Length;
            bool endOk = end == text.Length || text[end] is ' ' or '"' or '\'' or '\n' or '\t' or ';' or ')' or '$';
            if (startOk && endOk) return true;
        }
        return false;
    }

    private static bool IsVerification(SimpleCommand command)
    {
        var resolved = command.ResolvedCommand;
        var name = resolved.Name;
        if (name == null || !(ChecksumTools.Contains(name) || VerifierNames.Contains(name))) return false; // most commands: no argument list needed
        var args = resolved.Arguments.Select(a => a.ApproximateValue).ToList();
        if (ChecksumTools.Contains(name))
            return args.Any(a => a == "--check" || a == "-c" || (a.StartsWith("-", StringComparison.Ordinal) && !a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('c') > 0));
        if (name == "gpg" || name == "gpg2") return args.Contains("--verify") || args.Contains("--verify-files");
        if (name == "gpgv" || name == "gpgv2") return true;
        if (name == "cosign") return args.Any(a => a.StartsWith("verify", StringComparison.Ordinal));
        if (name == "minisign") return args.Contains("-V") || args.Contains("-Vm");
        if (name == "openssl") return args.Contains("-verify");
        if (name == "rpm") return args.Contains("-K") || args.Contains("--checksig");
        return false;
    }

    private static bool IsGitSource(string url)
    {
        string path = url.Split('#')[0];
        return path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) || url.IndexOf(".git#", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    private static bool IsVerificationMaterial(string url)
    {
        string path = url.Split('?', '#')[0];
        return VerificationMaterial.Any(m => path.EndsWith(m, StringComparison.OrdinalIgnoreCase));
    }

    private static string BaseName(string path)
    {
        string p = path.Split('?', '#')[0].TrimEnd('/');
        int slash = p.LastIndexOf('/');
        return slash >= 0 ? p.Substring(slash + 1) : p;
    }

    private static string Shorten(string url) => url.Length <= 80 ? url : url.Substring(0, 77) + "...";
}
