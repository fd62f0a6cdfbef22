using Plimsoll.Workspace;

namespace Plimsoll.Cli.Commands;

/// <summary>Compose files in the syntax command. The YAML tree lands with the compose work (issue 3); until then the text is kept as read.</summary>
internal static class ComposeSyntax
{
    public static string Print(SourceFileContent content, bool includeTrivia)
        => "Compose syntax trees are not available yet in this build.\n";

    public static string RoundTrip(SourceFileContent content) => content.Text.ToString();
}
