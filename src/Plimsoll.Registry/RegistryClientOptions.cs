namespace Plimsoll.Registry;

/// <summary>How the client talks to registries.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>Per request (manifest or token): a registry that never answers fails after this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Hosts (with port when written so) spoken to over plain HTTP besides loopback ones.</summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = Array.Empty<string>();

    public string UserAgent { get; init; } = "plimsoll";

    /// <summary>
    /// Plain HTTP is used only for loopback registries (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>, any port)
    /// and hosts named in <see cref="InsecureRegistries"/>; everything else is HTTPS with certificate checks.
    /// </summary>
    public bool UsesPlainHttp(string registry)
    {
        if (IsLoopback(registry)) return true;
        foreach (var insecure in InsecureRegistries)
            if (string.Equals(insecure, registry, StringComparison.OrdinalIgnoreCase) || string.Equals(insecure, HostWithoutPort(registry), StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    internal static bool IsLoopback(string registry)
    {
        string host = HostWithoutPort(registry);
        return host is "localhost" or "::1" || host.StartsWith("127.", StringComparison.Ordinal)
            && System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address);
    }

    internal static string HostWithoutPort(string registry)
    {
        if (registry.StartsWith('['))
        {
            int close = registry.IndexOf(']');
            return close < 0 ? registry : registry.Substring(1, close - 1);
        }
        int colon = registry.LastIndexOf(':');
        return colon < 0 ? registry : registry.Substring(0, colon);
    }
}
