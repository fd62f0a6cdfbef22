namespace Plimsoll.Syntax.Shell;

/// <summary>
/// A syntax problem in shell text, as offsets into the parsed input. Not a Roslyn diagnostic:
/// the caller maps the span to a file location and reports it.
/// </summary>
public sealed record ShellSyntaxError(int Start, int Length, string Message)
{
    public int End => Start + Length;
}
