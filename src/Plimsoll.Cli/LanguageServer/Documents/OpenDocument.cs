using Microsoft.CodeAnalysis.Text;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.LanguageServer.Documents;

/// <summary>
/// One document as the editor holds it, at one version: immutable, so analysis works on a snapshot while newer edits
/// arrive. <see cref="Stamp"/> changes whenever the document's diagnostics may change without an edit of its own
/// (a configuration file, a project file or another open buffer it depends on).
/// </summary>
internal sealed record OpenDocument(string Uri, string Path, string LanguageId, SourceFileKind Kind, int Version, SourceText Text, int Stamp)
{
    /// <summary>Identifies the diagnostics of this snapshot (LSP <c>resultId</c>).</summary>
    public string ResultId => $"{Version}.{Stamp}";
}
