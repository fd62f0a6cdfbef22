using System.Net;
using System.Net.Sockets;

namespace Plimsoll.Tests.Cli.Pin;

internal static class FreePort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago (the OS picks it).</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
