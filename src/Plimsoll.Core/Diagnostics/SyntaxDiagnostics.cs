using Microsoft.CodeAnalysis;

namespace Plimsoll.Diagnostics;

/// <summary>Descriptors for input that cannot be read as a Dockerfile or as YAML/Compose.</summary>
public static class SyntaxDiagnostics
{
    public const string DockerfileSyntaxId = "PL9001";
    public const string ComposeSyntaxId = "PL9002";
    public const string NotAnalysedId = "PL9003";

    /// <summary>The ids of the diagnostics the tool reports itself, not through a rule (PL9001, PL9002, PL9003).</summary>
    public static readonly IReadOnlyList<string> Ids = new[] { DockerfileSyntaxId, ComposeSyntaxId, NotAnalysedId };

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

    /// <summary>
    /// A construct the tool stopped analysing at a limit (shell nesting, expansion size, …): the rules did not see it,
    /// so the file is not reported clean without saying so.
    /// </summary>
    public static readonly DiagnosticDescriptor NotAnalysed = new(
        id: NotAnalysedId,
        title: "Not analysed: a limit was reached",
        messageFormat: "{0}",
        category: "Syntax",
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Part of the file was not analysed because it exceeds one of the tool's limits (nesting depth, expansion size, analysis budget); rules did not check it.",
        helpLinkUri: PlimsollDiagnostic.HelpLinkFor(NotAnalysedId));
}
