using Plimsoll.Syntax.Yaml;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Commands;

/// <summary>Compose and stack files in the syntax command: the lossless YAML tree.</summary>
internal static class ComposeSyntax
{
    public static string Print(SourceFileContent content, bool includeTrivia)
        => YamlTreePrinter.Print(YamlSyntaxTree.Parse(content.Text, content.Path), includeTrivia);

    public static string RoundTrip(SourceFileContent content) => YamlSyntaxTree.Parse(content.Text, content.Path).ToFullString();
}
