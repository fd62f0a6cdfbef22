using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Diagnostics;

namespace Plimsoll.Cli.LanguageServer.Linting;

/// <summary>
/// What the language server needs from the engine: lint an open document's text, keep the editor's unsaved buffers
/// in view (they shadow the disk for every other read), and name the documents a changed file affects.
/// </summary>
internal interface IDocumentLinter
{
    DocumentLintResult Lint(OpenDocument document, CancellationToken cancellationToken);

    /// <summary>An editor buffer opened or changed: reads of <paramref name="path"/> see this text from now on.</summary>
    void BufferChanged(string path, SourceText text);

    /// <summary>The buffer was closed: reads see the disk again.</summary>
    void BufferClosed(string path);

    /// <summary>Files changed on disk (watched files): drop what was read from them.</summary>
    void FilesChanged(IReadOnlyCollection<string> paths);

    /// <summary>The linted documents (paths) whose results may change when <paramref name="path"/> changes, other than itself.</summary>
    IReadOnlyList<string> AffectedDocuments(string path);
}

internal sealed record DocumentLintResult(ImmutableArray<Finding> Findings, ImmutableArray<ToolNotification> Notifications);
