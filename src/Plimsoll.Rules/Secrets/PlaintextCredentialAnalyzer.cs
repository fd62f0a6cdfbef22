using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Secrets;

/// <summary>
/// PL4002: a credential written into the file. Two shapes: a variable whose name says it holds a credential
/// (<c>DB_PASSWORD</c>, <c>GITHUB_TOKEN</c>) given a literal value that could be one (not a switch such as <c>yes</c>
/// or <c>0</c>), and any variable whose value is a URL with a password in it (<c>postgresql://app:pw@db/app</c>).
/// ARGs with credential names are flagged even without a value: build arguments end up in the image history.
/// Interpolated values (<c>${DB_PASSWORD}</c>) are not flagged.
/// </summary>
[PlimsollAnalyzer]
public sealed class PlaintextCredentialAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage CredentialArg = new("credentialArg", "ARG {name} passes a credential as a build argument, which is recorded in the image history: use a build secret (RUN --mount=type=secret)");
    public static readonly RuleMessage CredentialEnv = new("credentialEnv", "ENV {name} stores a credential in the image: pass it at run time or mount it as a secret");
    public static readonly RuleMessage CredentialUrlInImage = new("credentialUrlInImage", "{instruction} {name} holds a URL with a password in it ({url}), which is stored in the image: pass it at run time or mount it as a secret");
    public static readonly RuleMessage CredentialInRun = new("credentialInRun", "'aws configure set {key}' with a literal value writes the credential into the image (~/.aws/credentials) and the build history: pass it as a build secret (RUN --mount=type=secret)");
    public static readonly RuleMessage CredentialService = new("credentialService", "Service '{service}' sets {name} to a literal credential: use a secret, or interpolate it from the environment");
    public static readonly RuleMessage CredentialUrlService = new("credentialUrlService", "Service '{service}' sets {name} to a URL with a password in it ({url}): use a secret, or interpolate the password from the environment");
    public static readonly RuleMessage CredentialContainerVariable = new("credentialContainerVariable", "ContainerEnvironmentVariable {name} stores a credential in the published image: pass it at run time or mount it as a secret");
    public static readonly RuleMessage CredentialUrlContainerVariable = new("credentialUrlContainerVariable", "ContainerEnvironmentVariable {name} holds a URL with a password in it ({url}), which is stored in the published image: pass it at run time or mount it as a secret");

    public static readonly RuleDescriptor Rule = new(
        id: "PL4002", name: "PlaintextCredential", title: "Credential in plain text",
        category: "Secrets", defaultSeverity: DiagnosticSeverity.Error,
        description: "Values of ENV and ARG are stored in the image history and metadata, and compose environment values in the repository: anyone who can pull the image or read the file has the credential.",
        securitySeverity: "7.5", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [CredentialArg, CredentialEnv, CredentialUrlInImage, CredentialInRun, CredentialService, CredentialUrlService, CredentialContainerVariable, CredentialUrlContainerVariable],
        peers:
        [
            PeerRule.Hadolint("DL3064"), PeerRule.BuildKit("SecretsUsedInArgOrEnv"), PeerRule.Trivy("DS-0031"),
            PeerRule.ComposeLint("CL-0020"), PeerRule.ComposeLint("CL-0021"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not KeyValueInstructionSyntax kv) return;
            bool isArg = kv.Kind == DockerfileSyntaxKind.ArgInstruction;
            foreach (var pair in kv.Pairs)
            {
                bool credential = pair.Value == null
                    ? isArg && SecretNames.IsSecretName(pair.Key)
                    : (isArg ? !CredentialValues.IsSwitch(pair.Value) : CredentialValues.CouldBeCredential(pair.Value))
                      && !CredentialValues.IsFilePath(pair.Value) && SecretNames.IsSecretSetting(pair.Key, pair.Value);
                if (credential)
                    instruction.Report(isArg ? CredentialArg : CredentialEnv, pair.Span, pair.Key);
                else if (CredentialValues.UrlWithPassword(pair.Value) is { } url)
                    instruction.Report(CredentialUrlInImage, pair.Span, isArg ? "ARG" : "ENV", pair.Key, url);
            }
        }, DockerfileSyntaxKind.EnvInstruction, DockerfileSyntaxKind.ArgInstruction);
        context.RegisterShellCommandAction(AnalyzeAwsConfigureSet, name => name == "aws");
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var variable in service.Service.Environment)
            {
                if (variable.Value is not { } value || value.Raw is not { } raw) continue;
                // From the name to the value, both written by the file that set the variable last.
                var name = variable.NameNode;
                var span = name.Tree == value.Tree && value.Span.End >= name.Span.Start ? TextSpan.FromBounds(name.Span.Start, value.Span.End) : value.Span;
                var location = Plimsoll.Diagnostics.PlimsollDiagnostic.CreateLocation(value.Path, value.Tree.Text, span);
                // The text compose will set: $$ unescaped, a default (${DB_PASSWORD:-changeme}) taken, as it ships in the file.
                // An escaped reference ($${DB_PASSWORD}) is left for the container to expand: no credential in the file.
                string? shipped = (value.Origin is ValueOrigin.Literal or ValueOrigin.Default) && value.Interpolated?.HasError != true ? value.Text : null;
                if (shipped != null && shipped.Contains("${", StringComparison.Ordinal)) shipped = null;
                if (shipped != null && CredentialValues.CouldBeCredentialText(shipped) && SecretNames.IsSecretSetting(variable.Name, shipped))
                    service.Report(CredentialService, location, null, service.Service.Name, variable.Name);
                else if (CredentialValues.UrlWithPassword(raw) is { } url)
                    service.Report(CredentialUrlService, location, null, service.Service.Name, variable.Name, url);
            }
        });
        context.RegisterContainerSettingsAction(project =>
        {
            foreach (var variable in project.Settings.EnvironmentVariables)
            {
                // Item metadata is kept as written: a value taken from a property ($(X)) is not a literal.
                var value = variable.GetMetadata("Value");
                if (value == null || value.Contains("$(")) continue;
                if (CredentialValues.CouldBeCredential(value) && SecretNames.IsSecretSetting(variable.Value, value))
                    project.Report(CredentialContainerVariable, variable, variable.Value);
                else if (CredentialValues.UrlWithPassword(value) is { } url)
                    project.Report(CredentialUrlContainerVariable, variable, variable.Value, url);
            }
        });
    }

    // The settings of `aws configure set` that are credentials, also under a profile (profile.ci.aws_secret_access_key).
    private static readonly string[] AwsCredentialSettings = { "aws_access_key_id", "aws_secret_access_key", "aws_session_token" };

    /// <summary>
    /// <c>aws configure set aws_secret_access_key wJalr…</c>: the key is in the RUN's command line (build history) and in the
    /// layer's ~/.aws/credentials. A value read at build time (<c>$(cat /run/secrets/key)</c>, <c>$AWS_KEY</c>) is not flagged.
    /// </summary>
    private static void AnalyzeAwsConfigureSet(ShellCommandAnalysisContext context)
    {
        if (context.Resolved is not { Name: "aws" } resolved) return;
        var arguments = resolved.Arguments;
        var operands = arguments.Where(a => !a.ApproximateValue.StartsWith("-", StringComparison.Ordinal)).ToList();
        if (operands.Count < 4 || operands[0].ApproximateValue != "configure" || operands[1].ApproximateValue != "set") return;
        // Option values (--profile ci) are among the operands here; the setting is the operand that names a credential.
        for (int i = 2; i + 1 < operands.Count; i++)
        {
            string key = operands[i].ApproximateValue;
            string setting = key.Substring(key.LastIndexOf('.') + 1);
            if (!AwsCredentialSettings.Contains(setting, StringComparer.OrdinalIgnoreCase)) continue;
            if (operands[i + 1].TryGetLiteralValue(out var value) && value.Length > 0)
                context.Report(CredentialInRun, context.MapToSource(operands[i]), key);
            return;
        }
    }
}
