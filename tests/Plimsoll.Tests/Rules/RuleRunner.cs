using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;

namespace Plimsoll.Tests.Rules;

/// <summary>Runs the real driver on a snippet, as `plimsoll lint` would on a file with that content.</summary>
internal static class RuleRunner
{
    public static IReadOnlyList<Finding> Run(AnalyzerRegistry registry, string language, string code)
    {
        var driver = new AnalyzerDriver(registry);
        switch (language)
        {
            case "dockerfile":
            case "":
                return driver.AnalyzeDockerfile(SourceText.From(code), "Dockerfile").Findings;
            default:
                throw new NotSupportedException($"no runner for ```{language} examples yet");
        }
    }
}
