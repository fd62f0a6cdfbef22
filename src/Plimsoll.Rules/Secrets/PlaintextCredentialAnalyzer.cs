using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Secrets;

/// <summary>
/// PL4002: secret-like names given literal values in ENV (or compose <c>environment</c>), and ARGs with such
/// names even without a value (build args end up in the image history). Interpolated values are not flagged.
/// </summary>
[PlimsollAnalyzer]
public sealed class PlaintextCredentialAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.PlaintextCredential);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(instruction =>
        {
            if (instruction.Instruction is not KeyValueInstructionSyntax kv) return;
            foreach (var pair in kv.Pairs)
            {
                if (!SecretNames.IsSecretName(pair.Key)) continue;
                if (kv.Kind == DockerfileSyntaxKind.ArgInstruction)
                {
                    instruction.Report(RuleCatalog.PlaintextCredential, pair.Span,
                        $"ARG {pair.Key} passes a credential as a build argument, which is recorded in the image history: use a build secret (RUN --mount=type=secret)");
                }
                else if (IsLiteral(pair.Value))
                {
                    instruction.Report(RuleCatalog.PlaintextCredential, pair.Span,
                        $"ENV {pair.Key} stores a credential in the image: pass it at run time or mount it as a secret");
                }
            }
        }, DockerfileSyntaxKind.EnvInstruction, DockerfileSyntaxKind.ArgInstruction);
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var variable in service.Service.Environment)
            {
                if (!SecretNames.IsSecretName(variable.Name) || !IsLiteral(variable.Value)) continue;
                var span = variable.ValueSpan.HasValue ? Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(variable.NameSpan.Start, variable.ValueSpan.Value.End) : variable.NameSpan;
                service.Report(RuleCatalog.PlaintextCredential, span,
                    $"Service '{service.Service.Name}' sets {variable.Name} to a literal credential: use a secret, or interpolate it from the environment");
            }
        });
        context.RegisterContainerSettingsAction(project =>
        {
            foreach (var variable in project.Settings.EnvironmentVariables)
                if (SecretNames.IsSecretName(variable.Value) && IsLiteral(variable.GetMetadata("Value")))
                    project.Report(RuleCatalog.PlaintextCredential, variable,
                        $"ContainerEnvironmentVariable {variable.Value} stores a credential in the published image: pass it at run time or mount it as a secret");
        });
    }

    /// <summary>A value written out in the file: not empty, not taken from a variable.</summary>
    internal static bool IsLiteral(string? value)
    {
        if (value == null) return false;
        string unquoted = value.Trim('"', '\'');
        return unquoted.Length > 0 && unquoted.IndexOf('$') < 0;
    }
}
