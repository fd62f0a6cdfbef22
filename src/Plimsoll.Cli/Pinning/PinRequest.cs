namespace Plimsoll.Cli.Pinning;

/// <summary>What <c>plimsoll pin</c> was asked to do.</summary>
internal sealed record PinRequest(
    IReadOnlyList<string> Paths,
    bool Check,
    bool DryRun,
    TimeSpan Timeout,
    IReadOnlyList<string> InsecureRegistries);
