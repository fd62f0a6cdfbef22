using System;
using System.Globalization;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Compose;

/// <summary>
/// A host port range a service publishes: <c>[ip:]host[-end]:container[/protocol]</c> or the long form's
/// <c>published</c>, <c>host_ip</c> and <c>protocol</c>. Entries without a host port (Docker picks one) have none.
/// </summary>
internal sealed class PublishedPort
{
    private PublishedPort(string hostIp, int first, int last, string protocol, ProjectNode node)
    {
        HostIp = hostIp;
        First = first;
        Last = last;
        Protocol = protocol;
        Node = node;
    }

    /// <summary>The host address; empty for all addresses (unset, 0.0.0.0 or ::).</summary>
    public string HostIp { get; }
    public int First { get; }
    public int Last { get; }
    public string Protocol { get; }
    public ProjectNode Node { get; }

    /// <summary>The published range of a <c>ports</c> item, or null when it publishes no fixed port or is not fully known.</summary>
    public static PublishedPort? Read(ProjectNode item)
    {
        switch (item)
        {
            case ProjectScalar scalar:
                return scalar.KnownText is { } text ? ParseShort(text, item) : null;
            case ProjectMapping mapping:
            {
                if (mapping.Scalar("published") is not { KnownText: { Length: > 0 } published }) return null;
                if (!TryParseRange(published, out int first, out int last)) return null;
                string ip = mapping.Scalar("host_ip")?.KnownText ?? "";
                string protocol = mapping.Scalar("protocol")?.KnownText is { Length: > 0 } p ? p.ToLowerInvariant() : "tcp";
                return new PublishedPort(NormalizeIp(ip), first, last, protocol, item);
            }
            default:
                return null;
        }
    }

    private static PublishedPort? ParseShort(string text, ProjectNode item)
    {
        string spec = text.Trim();
        string protocol = "tcp";
        int slash = spec.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = spec.Substring(slash + 1).ToLowerInvariant();
            spec = spec.Substring(0, slash);
        }
        // The container part is after the last ':', the host port before it, the host IP (maybe [v6]) before that.
        int lastColon = spec.LastIndexOf(':');
        if (lastColon < 0) return null;
        string rest = spec.Substring(0, lastColon);
        string ip = "";
        string host = rest;
        int ipColon = rest.LastIndexOf(':');
        if (ipColon >= 0 && !(rest.StartsWith("[", StringComparison.Ordinal) && rest.EndsWith("]", StringComparison.Ordinal)))
        {
            ip = rest.Substring(0, ipColon);
            host = rest.Substring(ipColon + 1);
        }
        else if (rest.StartsWith("[", StringComparison.Ordinal))
            return null; // `[::1]:80` is an IP and a container port: no fixed host port
        if (host.Length == 0 || !TryParseRange(host, out int first, out int last)) return null;
        return new PublishedPort(NormalizeIp(ip), first, last, protocol, item);
    }

    private static bool TryParseRange(string text, out int first, out int last)
    {
        first = last = 0;
        int dash = text.IndexOf('-');
        string a = dash < 0 ? text : text.Substring(0, dash);
        string b = dash < 0 ? text : text.Substring(dash + 1);
        return int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && first > 0 && last >= first && last <= 65535;
    }

    private static string NormalizeIp(string ip) => ip.Trim('[', ']') is "0.0.0.0" or "::" ? "" : ip.Trim('[', ']');

    /// <summary>True when both would bind a common port on a common address with the same protocol.</summary>
    public bool Collides(PublishedPort other)
        => Protocol == other.Protocol && First <= other.Last && other.First <= Last
            && (HostIp.Length == 0 || other.HostIp.Length == 0 || HostIp == other.HostIp);

    public string Display => (First == Last ? First.ToString(CultureInfo.InvariantCulture) : $"{First}-{Last}") + "/" + Protocol;
}
