using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Linting;

/// <summary>Compose files in a lint run (the compose model lands with issue 3; until then nothing is reported for them).</summary>
internal static class ComposeLinting
{
    public static FileAnalysisResult Analyze(AnalyzerDriver driver, SourceFileContent content)
        => new(content.Path, content.Text, ImmutableArray<Finding>.Empty, ImmutableArray<Plimsoll.Diagnostics.ToolNotification>.Empty);
}
