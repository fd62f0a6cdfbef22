namespace Plimsoll.Rules.Correctness;

/// <summary>The build arguments BuildKit defines itself: usable without an ARG (in FROM) or after a bare ARG.</summary>
internal static class BuildArgs
{
    /// <summary>Platform arguments, with a plausible value for checks that need one.</summary>
    public static readonly IReadOnlyDictionary<string, string> Platform = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BUILDPLATFORM"] = "linux/amd64", ["BUILDOS"] = "linux", ["BUILDARCH"] = "amd64", ["BUILDVARIANT"] = "",
        ["TARGETPLATFORM"] = "linux/amd64", ["TARGETOS"] = "linux", ["TARGETARCH"] = "amd64", ["TARGETVARIANT"] = "",
        ["TARGETSTAGE"] = "stage",
    };
}
