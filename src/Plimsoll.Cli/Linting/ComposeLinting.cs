using Plimsoll.Analysis;
using Plimsoll.Syntax.Compose;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Linting;

/// <summary>Compose and stack files in a lint run: a file whose name contains "stack" is read with swarm semantics.</summary>
internal static class ComposeLinting
{
    public static FileAnalysisResult Analyze(AnalyzerDriver driver, SourceFileContent content, ComposeSchema? schema, ComposeAnalysisOptions options)
        => driver.AnalyzeComposeFile(content.Text, content.Path, IsStackFile(content.Path), schema, options);

    public static bool IsStackFile(string path)
        => Path.GetFileName(path).IndexOf("stack", StringComparison.OrdinalIgnoreCase) >= 0;
}
