using Microsoft.CodeAnalysis;

namespace Plimsoll.Diagnostics;

/// <summary>Descriptors for input that cannot be read as a Dockerfile or as YAML/Compose.</summary>
public static class SyntaxDiagnostics
{
    public const string DockerfileSyntaxId = "PL9001";
    public const string ComposeSyntaxId = "PL9002";

    public static readonly DiagnosticDescriptor DockerfileSyntax = new(
        id: DockerfileSyntaxId,
        title: "Dockerfile syntax error",
        messageFormat: "{0}",
        category: "Syntax",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The Dockerfile cannot be built as written: BuildKit's parser or its instruction checks reject it.",
        helpLinkUri: PlimsollDiagnostic.HelpLinkFor(DockerfileSyntaxId));

    public static readonly DiagnosticDescriptor ComposeSyntax = new(
        id: ComposeSyntaxId,
        title: "YAML or Compose syntax or schema error",
        messageFormat: "{0}",
        category: "Syntax",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The file is not valid YAML, or not a valid Compose file according to the Compose specification.",
        helpLinkUri: PlimsollDiagnostic.HelpLinkFor(ComposeSyntaxId));
}
