namespace Plimsoll.Cli;

/// <summary>The process exit codes documented in README.md.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above the severity threshold.</summary>
    public const int Clean = 0;

    /// <summary>Findings at or above the threshold (or, for <c>syntax --roundtrip</c>, a file that does not round-trip).</summary>
    public const int Findings = 1;

    /// <summary>Usage error or tool error.</summary>
    public const int UsageOrToolError = 2;
}
