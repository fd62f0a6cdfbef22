using Plimsoll.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;

namespace Plimsoll.Tests.Rules;

/// <summary>Runs the real driver on a snippet, as `plimsoll lint` would on a file with that content.</summary>
internal static class RuleRunner
{
    // The Compose specification schema from the shared data: schema errors are PL9002 examples too.
    private static readonly Lazy<Plimsoll.Syntax.Compose.ComposeSchema> Schema =
        new(() => Plimsoll.Syntax.Compose.ComposeSchema.Load(Path.Combine(Plimsoll.Tests.Infrastructure.TestPaths.Schemas, "compose-spec.json")));

    public static IReadOnlyList<Finding> Run(AnalyzerRegistry registry, string language, string code)
    {
        var driver = new AnalyzerDriver(registry);
        switch (language)
        {
            case "dockerfile":
            case "":
                return driver.AnalyzeDockerfile(SourceText.From(code), "Dockerfile").Findings;
            case "yaml":
            case "yml":
            {
                // A fresh folder per example: the compose file's .env and secret files are looked up beside it.
                string dir = TempDirectory.Create();
                bool isStack = code.Contains("# stack file", StringComparison.Ordinal);
                string path = Path.Combine(dir, isStack ? "stack.yaml" : "compose.yaml");
                File.WriteAllText(path, code);
                return driver.AnalyzeComposeFile(SourceText.From(code), path, isStack, Schema.Value).Findings;
            }
            default:
                throw new NotSupportedException($"no runner for ```{language} examples");
        }
    }
}
