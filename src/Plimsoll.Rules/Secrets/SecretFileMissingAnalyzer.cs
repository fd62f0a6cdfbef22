using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Secrets;

/// <summary>PL4003: a top-level secret or config whose <c>file:</c> does not exist (relative to the compose file).</summary>
[PlimsollAnalyzer]
public sealed class SecretFileMissingAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage FileMissing = new("fileMissing", "{kind} '{name}' reads file '{path}', which does not exist");

    public static readonly RuleDescriptor Rule = new(
        id: "PL4003", name: "SecretFileMissing", title: "Secret or config file does not exist",
        category: "Secrets", defaultSeverity: DiagnosticSeverity.Error,
        description: "A secret or config whose file is missing makes deployment fail, or, worse, is created empty by tooling that does not check.",
        securitySeverity: "3.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [FileMissing]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeSecretAction(secret =>
        {
            var file = secret.Secret.File;
            if (file == null || secret.Secret.IsExternal || secret.KnownValue(file) is not { } path || path.Length == 0) return;
            // Relative to the file that wrote the path (an included file's secrets are beside it).
            string directory = Path.GetDirectoryName(Path.GetFullPath(file.Path)) ?? ".";
            // A file in the home directory ('~/…') is the deploying user's, not the linting machine's: not judged.
            if (path.StartsWith("~", StringComparison.Ordinal)) return;
            string expanded = Path.GetFullPath(Path.Combine(directory, path));
            if (!secret.FileSystem.FileExists(expanded) && !secret.FileSystem.DirectoryExists(expanded))
                secret.Report(FileMissing, file, secret.IsConfig ? "Config" : "Secret", secret.Secret.Name, path);
        });
    }
}
