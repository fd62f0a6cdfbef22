using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis.Suppression;

/// <summary>Something wrong in a suppression comment, located for the host to report.</summary>
/// <param name="Line">0-based line of the comment.</param>
/// <param name="Span">The offending part of the comment (the id, or the whole comment).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Kind">The kind of problem, so that a host can choose what to show.</param>
public sealed record SuppressionProblem(int Line, TextSpan Span, string Message, SuppressionProblemKind Kind);
