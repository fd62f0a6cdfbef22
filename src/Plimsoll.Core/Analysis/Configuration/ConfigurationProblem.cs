namespace Plimsoll.Analysis.Configuration;

/// <summary>
/// Something wrong in a configuration file (an invalid line, an unknown severity, unreadable YAML).
/// The offending setting is ignored; the host decides how to show the problem.
/// </summary>
/// <param name="Path">The configuration file.</param>
/// <param name="Line">0-based line; 0 for a problem with the file as a whole.</param>
/// <param name="Message">What is wrong, in a sentence.</param>
public sealed record ConfigurationProblem(string Path, int Line, string Message)
{
    /// <summary>"path(line): message" with a 1-based line, the way compilers print it.</summary>
    public override string ToString() => $"{Path}({Line + 1}): {Message}";
}
