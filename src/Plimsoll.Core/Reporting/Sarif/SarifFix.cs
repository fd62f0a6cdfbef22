using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Reporting.Sarif;

/// <summary>One edit of a fix: replace <paramref name="DeletedSpan"/> of the file at <paramref name="Path"/> by <paramref name="InsertedText"/>.</summary>
/// <remarks>An empty span inserts; an empty text deletes.</remarks>
public sealed record SarifReplacement(string Path, TextSpan DeletedSpan, string InsertedText);

/// <summary>A proposed fix for a result (SARIF <c>fix</c>): a description and the edits, possibly in several files.</summary>
public sealed record SarifFix(string Description, IReadOnlyList<SarifReplacement> Replacements);
