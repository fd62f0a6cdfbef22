using System.Net;
using System.Net.Sockets;

namespace Plimsoll.Tests.Cli.Pin;

/// <summary>
/// A TCP listener on 127.0.0.1 that accepts every connection, counts it, and then says nothing (holding the socket
/// open until disposed): a registry that never answers, and the proxy that catches any connection a command makes.
/// </summary>
internal sealed class ConnectionRecorder : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = new();
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public ConnectionRecorder()
    {
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                lock (_clients) _clients.Add(client);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients) foreach (var client in _clients) client.Dispose();
    }
}
