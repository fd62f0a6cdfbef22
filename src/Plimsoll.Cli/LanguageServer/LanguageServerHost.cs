using Microsoft.VisualStudio.Threading;
using Plimsoll.Cli.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Plimsoll.Cli.LanguageServer;

/// <summary>
/// Connects a <see cref="PlimsollLanguageServer"/> to a pair of streams (stdio, or a test's in-memory pipe) with
/// StreamJsonRpc: LSP's Content-Length framing, System.Text.Json with our source-generated types, and one-at-a-time
/// dispatch in arrival order (edits must apply in order; long work leaves the queue with await).
/// </summary>
internal static class LanguageServerHost
{
    public static JsonRpc Start(Stream sendingStream, Stream receivingStream, PlimsollLanguageServer server)
    {
        var handler = new HeaderDelimitedMessageHandler(sendingStream, receivingStream, LspJson.CreateFormatter());
        var rpc = new JsonRpc(handler)
        {
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
            ExceptionStrategy = ExceptionProcessing.CommonErrorData,
        };
        rpc.AddLocalRpcTarget(RpcTargetMetadata.FromShape<ILanguageServerProtocol>(), server, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        if (Environment.GetEnvironmentVariable("PLIMSOLL_LSP_TRACE") == "1")
        {
            rpc.TraceSource.Switch.Level = System.Diagnostics.SourceLevels.Verbose;
            rpc.TraceSource.Listeners.Add(new System.Diagnostics.TextWriterTraceListener(Console.Error));
        }
        server.Attach(rpc);
        rpc.StartListening();
        return rpc;
    }
}
