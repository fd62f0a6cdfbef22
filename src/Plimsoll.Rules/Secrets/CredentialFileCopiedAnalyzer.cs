using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Secrets;

/// <summary>
/// PL4004: COPY or ADD of a file whose name says it holds credentials (SSH private keys, .npmrc, .pypirc, .netrc,
/// .git-credentials, cloud credential files, .env files, private keys), and ENV/ARG settings that point a credentials
/// variable (GOOGLE_APPLICATION_CREDENTIALS, AWS_SHARED_CREDENTIALS_FILE, …) at a file copied into the stage.
/// </summary>
[PlimsollAnalyzer]
public sealed class CredentialFileCopiedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage FileCopied = new("fileCopied", "{instruction} copies '{source}', {what}, into the image: anyone who can pull the image can read it; mount it only for the RUN that needs it (RUN --mount=type=secret)");
    public static readonly RuleMessage VariablePointsAtCopy = new("variablePointsAtCopy", "{variable} points at '{path}', inside what a COPY writes: the credentials file is probably copied into the image; mount it at run time or as a build secret instead");

    public static readonly RuleMessage CopiedToVariable = new("copiedToVariable", "{instruction} writes the file that {variable} names, the credentials file its SDK reads: provide it at run time or as a build secret instead");

    public static readonly RuleDescriptor Rule = new(
        id: "PL4004", name: "CredentialFileCopied", title: "Credential file copied into the image",
        category: "Secrets", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Files copied into an image stay in its layers, even when a later step deletes them; private keys and token files in an image are readable by everyone who can pull it.",
        securitySeverity: "7.5", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [FileCopied, VariablePointsAtCopy, CopiedToVariable],
        peers: [PeerRule.Trivy("DS-0031")]);

    // File names (compared without case) and what they hold.
    private static readonly Dictionary<string, string> CredentialFileNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id_rsa"] = "an SSH private key",
        ["id_dsa"] = "an SSH private key",
        ["id_ecdsa"] = "an SSH private key",
        ["id_ed25519"] = "an SSH private key",
        ["id_ecdsa_sk"] = "an SSH private key",
        ["id_ed25519_sk"] = "an SSH private key",
        [".npmrc"] = "an npm configuration that usually carries a registry token",
        [".pypirc"] = "a PyPI configuration with upload credentials",
        [".netrc"] = "a .netrc login file",
        ["_netrc"] = "a .netrc login file",
        [".git-credentials"] = "a git credential store",
        [".dockercfg"] = "a registry login file",
        [".pgpass"] = "a PostgreSQL password file",
        [".my.cnf"] = "a MySQL client configuration with a password",
        [".env"] = "an environment file that usually holds secrets",
    };

    // Paths (their last two parts) whose name alone is too common.
    private static readonly Dictionary<string, string> CredentialPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        [".aws/credentials"] = "AWS credentials",
        [".docker/config.json"] = "a registry login file",
        [".kube/config"] = "a Kubernetes client configuration with its credentials",
        [".ssh/id_rsa"] = "an SSH private key",
    };

    // Whole directories of credentials.
    private static readonly Dictionary<string, string> CredentialDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        [".ssh"] = "an SSH directory (private keys)",
        [".aws"] = "an AWS configuration directory (credentials)",
        [".gnupg"] = "a GnuPG directory (private keys)",
    };

    // .env variants that are templates, not secrets.
    private static readonly string[] TemplateSuffixes = { ".example", ".sample", ".template", ".dist", ".defaults", ".tmpl", ".tpl" };

    // Variables whose value is the path of a credentials file the SDKs read.
    private static readonly HashSet<string> CredentialFileVariables = new(StringComparer.Ordinal)
    {
        "GOOGLE_APPLICATION_CREDENTIALS", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "HF_TOKEN_PATH", "AZURE_CLIENT_CERTIFICATE_PATH", "KUBECONFIG",
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(AnalyzeCopy, DockerfileSyntaxKind.CopyInstruction, DockerfileSyntaxKind.AddInstruction);
        context.RegisterInstructionAction(AnalyzeVariable, DockerfileSyntaxKind.EnvInstruction, DockerfileSyntaxKind.ArgInstruction);
    }

    private static void AnalyzeCopy(InstructionAnalysisContext context)
    {
        if (context.Instruction is not CopyInstructionSyntax copy || !copy.Heredocs.IsDefaultOrEmpty) return;
        var paths = copy.PathTokens;
        for (int i = 0; i < paths.Count - 1; i++)
        {
            string source = paths[i].Value;
            if (source.IndexOf('$') >= 0 || source.IndexOf("://", StringComparison.Ordinal) >= 0) continue;
            if (Describe(source) is { } what)
                context.Report(FileCopied, paths[i].Span, copy.Name, source, what);
        }
        // `COPY sa.json $GOOGLE_APPLICATION_CREDENTIALS`: the destination is the credentials file.
        if (paths.Count >= 2 && VariableName(paths[paths.Count - 1].Value) is { } variable && CredentialFileVariables.Contains(variable))
            context.Report(CopiedToVariable, paths[paths.Count - 1].Span, copy.Name, variable);
    }

    // `$NAME` or `${NAME}` alone; null otherwise.
    private static string? VariableName(string word)
    {
        if (word.StartsWith("${", StringComparison.Ordinal) && word.EndsWith("}", StringComparison.Ordinal)) return word.Substring(2, word.Length - 3);
        if (word.StartsWith("$", StringComparison.Ordinal) && word.Length > 1 && word.Skip(1).All(c => c == '_' || char.IsLetterOrDigit(c))) return word.Substring(1);
        return null;
    }

    /// <summary>What a source path holds when its name says it is a credential; null otherwise.</summary>
    internal static string? Describe(string source)
    {
        string path = source.Replace('\\', '/').TrimEnd('/');
        int slash = path.LastIndexOf('/');
        string name = slash >= 0 ? path.Substring(slash + 1) : path;
        if (name.Length == 0) return null;
        if (CredentialFileNames.TryGetValue(name, out var what)) return what;
        if (IsEnvFile(name)) return CredentialFileNames[".env"];
        if (CredentialDirectories.TryGetValue(name, out what)) return what;
        if (slash > 0)
        {
            int previous = path.LastIndexOf('/', slash - 1);
            string lastTwo = path.Substring(previous + 1);
            if (CredentialPaths.TryGetValue(lastTwo, out what)) return what;
        }
        if (IsPrivateKeyName(name)) return "a private key";
        return null;
    }

    // `.env`, `.env.production`, `prod.env`; not `.env.example` and other templates.
    private static bool IsEnvFile(string name)
    {
        if (TemplateSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))) return false;
        return name.Equals(".env", StringComparison.OrdinalIgnoreCase) || name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase);
    }

    // `server.key`, `tls.key`, `private-key.pem`, `cert.p12`; a bare `.pem` may be a public certificate.
    private static bool IsPrivateKeyName(string name)
    {
        if (name.IndexOfAny(new[] { '*', '?', '[' }) >= 0) return false;
        string lower = name.ToLowerInvariant();
        if (lower.EndsWith(".key", StringComparison.Ordinal) || lower.EndsWith(".p12", StringComparison.Ordinal) || lower.EndsWith(".pfx", StringComparison.Ordinal)) return true;
        return lower.EndsWith(".pem", StringComparison.Ordinal) && (lower.IndexOf("key", StringComparison.Ordinal) >= 0 || lower.IndexOf("private", StringComparison.Ordinal) >= 0);
    }

    private static void AnalyzeVariable(InstructionAnalysisContext context)
    {
        if (context.Instruction is not KeyValueInstructionSyntax instruction || context.Stage is not { } stage) return;
        foreach (var pair in instruction.Pairs)
        {
            if (!CredentialFileVariables.Contains(pair.Key) || pair.Value is not { Length: > 0 }) continue;
            var resolved = context.Model.Resolve(instruction, pair.Value);
            if (resolved.Value is not { Length: > 0 } path || path.IndexOf('$') >= 0) continue;
            if (CopiedInto(context, stage.Instructions, path))
                context.Report(VariablePointsAtCopy, pair.Span, pair.Key, path);
        }
    }

    /// <summary>True when a COPY/ADD of the stage (from the build context, not another stage) writes <paramref name="path"/>.</summary>
    private static bool CopiedInto(InstructionAnalysisContext context, ImmutableArray<InstructionSyntax> instructions, string path)
    {
        string target = Normalize(path);
        // A relative path is read from the working directory, which is where `COPY . .` puts the build context.
        bool relative = !path.Trim('"', '\'').StartsWith("/", StringComparison.Ordinal);
        foreach (var instruction in instructions)
        {
            if (instruction is not CopyInstructionSyntax copy || copy.GetFlag("from") != null) continue;
            var paths = copy.PathTokens;
            if (paths.Count < 2) continue;
            // A COPY straight to `$GOOGLE_APPLICATION_CREDENTIALS` is reported on the COPY.
            if (VariableName(paths[paths.Count - 1].Value) is { } variable && CredentialFileVariables.Contains(variable)) continue;
            var destination = context.Model.Resolve(copy, paths[paths.Count - 1].Value).Value;
            if (destination == null) continue;
            string dest = Normalize(destination);
            if (dest == "." && relative) return true;
            if (dest.Length == 0 || dest == ".") continue;
            if (target == dest || target.StartsWith(dest.TrimEnd('/') + "/", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string Normalize(string path)
    {
        string p = path.Trim('"', '\'');
        while (p.StartsWith("./", StringComparison.Ordinal)) p = p.Substring(2);
        // Without WORKDIR tracking, `app/x` and `/app/x` are taken as the same place (the default WORKDIR is /).
        return p.TrimStart('/');
    }
}
