namespace Plimsoll.Rules.Network;

/// <summary>
/// A published port in the short syntax <c>[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]</c>, with the host IP
/// bracketed for IPv6 (<c>[::1]:8080:80</c>); offsets are into the text as parsed.
/// </summary>
internal sealed class PublishedPort
{
    private PublishedPort(string? hostIp, int hostIpLength, string? hostPort, string containerPort)
    {
        HostIp = hostIp;
        HostIpLength = hostIpLength;
        HostPort = hostPort;
        ContainerPort = containerPort;
    }

    /// <summary>The host IP as written (without brackets); null when none is given.</summary>
    public string? HostIp { get; }

    /// <summary>The length of the host IP as written at the start of the spec, brackets included.</summary>
    public int HostIpLength { get; }

    public string? HostPort { get; }

    public string ContainerPort { get; }

    /// <summary>Parses the short syntax; null when the text is not a port spec.</summary>
    public static PublishedPort? Parse(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        string? ip = null;
        int ipLength;
        string rest = text;
        if (text.StartsWith("[", StringComparison.Ordinal))
        {
            int close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0) return null;
            ip = text.Substring(1, close - 1);
            ipLength = close + 1;
            rest = text.Substring(close + 2);
            var parts = rest.Split(':');
            if (parts.Length != 2) return null;
            return Valid(parts[0], parts[1]) ? new PublishedPort(ip, ipLength, parts[0], parts[1]) : null;
        }
        var all = text.Split(':');
        switch (all.Length)
        {
            case 1:
                return Valid("", all[0]) ? new PublishedPort(null, 0, null, all[0]) : null;
            case 2:
                return Valid(all[0], all[1]) ? new PublishedPort(null, 0, all[0], all[1]) : null;
            default:
                // IP:HOST:CONTAINER, the IP possibly an unbracketed IPv6 address (::, ::1).
                string host = all[all.Length - 2], container = all[all.Length - 1];
                ip = text.Substring(0, text.Length - host.Length - container.Length - 2);
                return Valid(host, container) ? new PublishedPort(ip, ip.Length, host, container) : null;
        }
    }

    /// <summary>True when the host IP leaves the port on every interface: none, <c>0.0.0.0</c> or <c>::</c>.</summary>
    public bool OnAllInterfaces => HostIp is null or "" or "0.0.0.0" or "::" or "[::]";

    /// <summary>The lowest host port (<c>80</c> of <c>80-90</c>); null when none is given.</summary>
    public int? LowestHostPort => HostPort is { Length: > 0 } port && int.TryParse(port.Split('-')[0], out var n) ? n : null;

    private static bool Valid(string hostPort, string containerPort)
        => (hostPort.Length == 0 || IsPortRange(hostPort)) && IsPortRange(StripProtocol(containerPort));

    private static string StripProtocol(string port)
    {
        int slash = port.IndexOf('/');
        return slash < 0 ? port : port.Substring(0, slash);
    }

    private static bool IsPortRange(string text)
    {
        var bounds = text.Split('-');
        return bounds.Length <= 2 && bounds.All(b => b.Length > 0 && b.All(c => c >= '0' && c <= '9'));
    }
}
