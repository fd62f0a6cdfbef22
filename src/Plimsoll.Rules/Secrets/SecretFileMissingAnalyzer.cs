using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose;

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
            var file = secret.Secret switch
            {
                ComposeSecret s => s.File,
                ComposeConfig c => c.File,
                _ => null,
            };
            if (file == null || secret.Secret.IsExternal || secret.KnownValue(file) is not { } path || path.Length == 0) return;
            string directory = Path.GetDirectoryName(Path.GetFullPath(secret.Path)) ?? ".";
            string expanded = path.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Substring(2))
                : Path.Combine(directory, path);
            if (!File.Exists(expanded) && !Directory.Exists(expanded))
                secret.Report(FileMissing, file.Span, secret.IsConfig ? "Config" : "Secret", secret.Secret.Name, path);
        });
    }
}
