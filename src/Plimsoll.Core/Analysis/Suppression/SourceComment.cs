using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis.Suppression;

/// <summary>A comment in a linted file, as the syntax layer found it (Dockerfile trivia or a YAML comment).</summary>
/// <param name="Line">0-based line of the comment.</param>
/// <param name="Span">The comment's span in the file's text, '#' included.</param>
/// <param name="Text">The comment text, '#' included (a trailing '\r' is tolerated).</param>
/// <param name="IsOwnLine">True when only whitespace precedes the comment on its line; false for a trailing comment after code.</param>
public sealed record SourceComment(int Line, TextSpan Span, string Text, bool IsOwnLine);
