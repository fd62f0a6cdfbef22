using Plimsoll.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Configuration;

namespace Plimsoll.Tests.Rules;

/// <summary>Runs the real driver on a snippet, as `plimsoll lint` would on a file with that content.</summary>
internal static class RuleRunner
{
    // The Compose specification schema from the shared data: schema errors are PL9002 examples too.
    private static readonly Lazy<Plimsoll.Syntax.Compose.ComposeSchema> Schema =
        new(() => Plimsoll.Syntax.Compose.ComposeSchema.Load(Path.Combine(Plimsoll.Tests.Infrastructure.TestPaths.Schemas, "compose-spec.json")));

    /// <param name="withSchema">Loads the Compose schema: only for examples about schema findings (PL9002), as the CLI does only with --compose-schema.</param>
    /// <param name="settings">.editorconfig settings of the example; opt-in rules are on at their default severity besides.</param>
    /// <param name="shellCheck">Runs the real shellcheck program (PL7001), as the command line does.</param>
    /// <param name="files">Files beside the example (a .dockerignore), by name, held in memory.</param>
    public static IReadOnlyList<Finding> Run(AnalyzerRegistry registry, string language, string code, bool withSchema = true,
        IReadOnlyList<KeyValuePair<string, string>>? settings = null, bool shellCheck = false, IReadOnlyDictionary<string, string>? files = null)
    {
        var optIn = registry.Rules.Where(r => !r.IsEnabledByDefault)
            .Select(r => new KeyValuePair<string, string>($"dotnet_diagnostic.{r.Id}.severity", SeverityWord(r.DefaultSeverity)));
        var options = AnalyzerOptions.Create(optIn.Concat(settings ?? Array.Empty<KeyValuePair<string, string>>()));
        var driver = new AnalyzerDriver(registry, new FixedOptions(options)) { ShellScriptChecker = shellCheck ? ShellCheck.Value : null };
        switch (language)
        {
            case "dockerfile":
            case "":
                if (files is { Count: > 0 })
                {
                    // The example's neighbouring files (a .dockerignore) in memory, beside it in one folder.
                    string folder = Path.Combine(Path.GetTempPath(), "plimsoll-page-example");
                    var fileSystem = new Plimsoll.Workspace.FileSystems.InMemoryFileSystem(
                        files.Select(f => new KeyValuePair<string, string>(Path.Combine(folder, f.Key), f.Value)));
                    return new AnalyzerDriver(registry, new FixedOptions(options), fileSystem) { ShellScriptChecker = driver.ShellScriptChecker }
                        .AnalyzeDockerfile(SourceText.From(code), Path.Combine(folder, "Dockerfile")).Findings;
                }
                return driver.AnalyzeDockerfile(SourceText.From(code), "Dockerfile").Findings;
            case "yaml":
            case "yml":
            {
                // A fresh folder per example: the compose file's .env and secret files are looked up beside it.
                string dir = TempDirectory.Create();
                bool isStack = code.Contains("# stack file", StringComparison.Ordinal);
                string path = Path.Combine(dir, isStack ? "stack.yaml" : "compose.yaml");
                File.WriteAllText(path, code);
                return driver.AnalyzeComposeFile(SourceText.From(code), path, isStack, withSchema ? Schema.Value : null).Findings;
            }
            default:
                throw new NotSupportedException($"no runner for ```{language} examples");
        }
    }

    // One runner for all examples: it batches nothing here (one file at a time), but it finds the program once.
    private static readonly Lazy<Plimsoll.Cli.Linting.ShellCheckRunner> ShellCheck = new(() => new Plimsoll.Cli.Linting.ShellCheckRunner("shellcheck", window: TimeSpan.Zero));

    private static string SeverityWord(Microsoft.CodeAnalysis.DiagnosticSeverity severity) => severity switch
    {
        Microsoft.CodeAnalysis.DiagnosticSeverity.Error => "error",
        Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => "warning",
        Microsoft.CodeAnalysis.DiagnosticSeverity.Info => "suggestion",
        _ => "silent",
    };

    private sealed class FixedOptions(AnalyzerOptions options) : IAnalyzerOptionsProvider
    {
        public AnalyzerOptions GetOptions(string filePath) => options;
    }
}
