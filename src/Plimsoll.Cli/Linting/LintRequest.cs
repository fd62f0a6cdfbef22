using Plimsoll.Analysis.Sessions;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.Linting;

/// <summary>What the user asked `plimsoll lint` to do.</summary>
internal sealed record LintRequest(
    IReadOnlyList<string> Paths,
    SourceFileKind? ForcedKind,
    string Format,
    string? OutputPath,
    SeverityThreshold Threshold,
    string? ConfigPath,
    string? BaselinePath,
    IReadOnlyList<string> RulePacks,
    bool NoColor,
    bool Quiet,
    string? StdinFileName,
    string? ComposeSchemaPath = null,
    bool AllowEmpty = false)
{
    /// <summary>
    /// The .NET solutions and projects the paths name (<see cref="DotNetLintTargets.Resolve"/>), once worked out by the
    /// command; null until then. Resolving a folder lists it, and a corpus folder is large: listed once per run.
    /// </summary>
    public IReadOnlyList<string>? DotNetTargets { get; init; }
}
