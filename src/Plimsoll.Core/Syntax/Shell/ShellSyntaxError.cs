namespace Plimsoll.Syntax.Shell;

/// <summary>
/// A syntax problem in shell text, as offsets into the parsed input. Not a Roslyn diagnostic:
/// the caller maps the span to a file location and reports it.
/// </summary>
public sealed record ShellSyntaxError(int Start, int Length, string Message)
{
    public int End => Start + Length;

    /// <summary>
    /// Not a mistake in the script: the parser reached one of its limits (nesting depth, work budget) and did not read
    /// the rest, which is therefore not analysed.
    /// </summary>
    public bool IsLimit { get; init; }
}
