using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose;

namespace Plimsoll.Rules.Secrets;

/// <summary>PL4003: a top-level secret or config whose <c>file:</c> does not exist (relative to the compose file).</summary>
[PlimsollAnalyzer]
public sealed class SecretFileMissingAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.SecretFileMissing);

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
            if (!secret.FileSystem.FileExists(expanded) && !secret.FileSystem.DirectoryExists(expanded))
                secret.Report(RuleCatalog.SecretFileMissing, file.Span, secret.IsConfig ? "Config" : "Secret", secret.Secret.Name, path);
        });
    }
}
