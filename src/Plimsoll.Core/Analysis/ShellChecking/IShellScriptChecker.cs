namespace Plimsoll.Analysis.ShellChecking;

/// <summary>
/// Runs an external shell-script checker (ShellCheck) over scripts the rules hand it. A capability of the host: the
/// command line and the language server provide one (it starts processes); the in-memory engine never starts one by
/// itself, and a host without it (the Roslyn analyzer, most tests) simply has no ShellCheck findings.
/// </summary>
public interface IShellScriptChecker
{
    /// <summary>Null when the checker can run; else why not (the program is not installed), said once by the host.</summary>
    string? UnavailableReason { get; }

    /// <summary>
    /// Checks the scripts of one file in one go (the checker may batch them with other files' scripts). The result has
    /// one list of comments per script, in order. Throws <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    ShellCheckResult Check(IReadOnlyList<ShellCheckInput> scripts, ShellCheckOptions options, CancellationToken cancellationToken);
}

/// <summary>The shells ShellCheck knows; scripts of other shells are not checked.</summary>
public enum ShellCheckDialect
{
    Sh,
    Bash,
    Dash,
    Ksh,
}

/// <summary>ShellCheck's levels, lowest first.</summary>
public enum ShellCheckLevel
{
    Style,
    Info,
    Warning,
    Error,
}

/// <summary>One script: its text exactly as the shell gets it, and its dialect.</summary>
public sealed record ShellCheckInput(string Text, ShellCheckDialect Dialect);

/// <summary>What applies to every script of one call: the lowest level reported and the codes left out.</summary>
public sealed record ShellCheckOptions(ShellCheckLevel MinimumLevel, IReadOnlyList<int> ExcludedCodes)
{
    /// <summary>A key that tells calls with the same options apart from others (batches share one process).</summary>
    public string Key => MinimumLevel + ":" + string.Join(",", ExcludedCodes.OrderBy(c => c));
}

/// <summary>
/// One ShellCheck comment. Lines and columns are 1-based in the script text given; a column counts characters
/// (a tab is one column, as in ShellCheck's <c>json1</c> format); the end column is exclusive.
/// </summary>
public sealed record ShellCheckComment(int Code, ShellCheckLevel Level, string Message, int Line, int Column, int EndLine, int EndColumn);

/// <summary>The comments of each script (in the order given), or why the scripts could not be checked.</summary>
public sealed record ShellCheckResult(IReadOnlyList<IReadOnlyList<ShellCheckComment>> Comments, string? Failure)
{
    public static ShellCheckResult Failed(int scripts, string failure)
        => new(Enumerable.Repeat<IReadOnlyList<ShellCheckComment>>(Array.Empty<ShellCheckComment>(), scripts).ToArray(), failure);
}
