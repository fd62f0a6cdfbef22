using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Diagnostics;

namespace Plimsoll.Cli.LanguageServer.Linting;

/// <summary>
/// What the language server needs from the engine: lint one open document (its in-memory text, with the other open
/// buffers shadowing the disk), and say which documents a changed file affects.
/// </summary>
internal interface IDocumentLinter
{
    DocumentLintResult Lint(OpenDocument document, IReadOnlyDictionary<string, SourceText> openBuffers, CancellationToken cancellationToken);

    /// <summary>Files changed on disk or in a buffer: drop what was cached from them.</summary>
    void FilesChanged(IReadOnlyCollection<string> paths);

    /// <summary>Whether <paramref name="changedPath"/> (a configuration, compose, .env or Dockerfile) can change <paramref name="document"/>'s diagnostics.</summary>
    bool Affects(string changedPath, OpenDocument document);
}

internal sealed record DocumentLintResult(ImmutableArray<Finding> Findings, ImmutableArray<ToolNotification> Notifications);
