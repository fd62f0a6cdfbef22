using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Nerdbank.Streams;
using Plimsoll.Analysis;
using Plimsoll.Cli.LanguageServer;
using Plimsoll.Cli.LanguageServer.Linting;
using Plimsoll.Rules;

namespace Plimsoll.Tests.LanguageServer;

/// <summary>
/// A minimal LSP client written against the wire format (Content-Length frames, JSON as text), so the tests see
/// exactly what an editor would: member names, nulls, ids. It talks to a server running in-process over a duplex pipe,
/// answers the server's requests (configuration, registration, refresh) and records its notifications.
/// </summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private int _nextId;

    public Channel<JsonObject> Notifications { get; } = Channel.CreateUnbounded<JsonObject>();
    /// <summary>Every message the server sent, raw, for wire-format assertions.</summary>
    public ConcurrentQueue<string> RawFromServer { get; } = new();
    /// <summary>Requests the server made (method names, in order).</summary>
    public ConcurrentQueue<string> ServerRequests { get; } = new();

    /// <summary>The parameters of each request the server sent, in order.</summary>
    public ConcurrentQueue<(string Method, JsonNode? Params)> ServerRequestParams { get; } = new();
    /// <summary>What <c>workspace/configuration</c> answers with (the "plimsoll" section).</summary>
    public JsonObject Settings { get; set; } = new();
    public int ExitCode { get; private set; } = -1;

    private LspTestClient(Stream stream)
    {
        _stream = stream;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>A server with the built-in rules, on one end of a pipe; this client on the other.</summary>
    public static LspTestClient StartServer(Func<string, IDocumentLinter>? createLinter = null)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        LspTestClient? client = null;
        var server = new PlimsollLanguageServer(createLinter ?? (_ => SessionDocumentLinter.Create(BuiltInRules.CreateAnalyzers(), ServerOptions.Default)), code => client!.ExitCode = code);
        LanguageServerHost.Start(serverStream, serverStream, server);
        client = new LspTestClient(clientStream);
        return client;
    }

    /// <summary>VS Code's capabilities that matter here: pull diagnostics with refresh, configuration, dynamic file watching.</summary>
    public static JsonObject VsCodeCapabilities(bool pull = true) => new()
    {
        ["textDocument"] = pull ? new JsonObject { ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = true }, ["synchronization"] = new JsonObject() } : new JsonObject(),
        ["workspace"] = new JsonObject
        {
            ["configuration"] = true,
            ["diagnostics"] = new JsonObject { ["refreshSupport"] = true },
            ["didChangeWatchedFiles"] = new JsonObject { ["dynamicRegistration"] = true },
        },
    };

    public async Task<JsonObject> InitializeAsync(string rootPath, bool pull = true, JsonObject? initializationOptions = null)
    {
        var result = await RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = new Uri(rootPath).AbsoluteUri,
            ["capabilities"] = VsCodeCapabilities(pull),
            ["initializationOptions"] = initializationOptions,
        });
        await NotifyAsync("initialized", new JsonObject());
        return result!.AsObject();
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken = default)
    {
        int id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        using var registration = cancellationToken.Register(() => _ = NotifyAsync("$/cancelRequest", new JsonObject { ["id"] = id }));
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task NotifyAsync(string method, JsonNode? parameters)
        => WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    public Task OpenAsync(string uri, string languageId, string text, int version = 1)
        => NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = languageId, ["version"] = version, ["text"] = text },
        });

    /// <summary>An incremental change: replace the range (lines/columns, 0-based) with text.</summary>
    public Task ChangeAsync(string uri, int version, int startLine, int startCharacter, int endLine, int endCharacter, string text)
        => NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject
            {
                ["range"] = Range(startLine, startCharacter, endLine, endCharacter),
                ["text"] = text,
            }),
        });

    public async Task<JsonObject> PullAsync(string uri, string? previousResultId = null)
    {
        var report = await RequestAsync("textDocument/diagnostic", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["previousResultId"] = previousResultId,
        });
        return report!.AsObject();
    }

    /// <summary>The next notification of this method, skipping others (those stay unread).</summary>
    public async Task<JsonObject> NextNotificationAsync(string method, Func<JsonObject, bool>? where = null, int timeoutSeconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            var message = await Notifications.Reader.ReadAsync(timeout.Token);
            if (message["method"]?.GetValue<string>() == method && (where == null || where(message["params"]!.AsObject()))) return message["params"]!.AsObject();
        }
    }

    public static JsonObject Range(int startLine, int startCharacter, int endLine, int endCharacter) => new()
    {
        ["start"] = new JsonObject { ["line"] = startLine, ["character"] = startCharacter },
        ["end"] = new JsonObject { ["line"] = endLine, ["character"] = endCharacter },
    };

    private async Task WriteAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(header);
            await _stream.WriteAsync(body);
            await _stream.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var body = await ReadMessageAsync();
                if (body == null) return;
                RawFromServer.Enqueue(body);
                var message = JsonNode.Parse(body)!.AsObject();
                if (message.ContainsKey("method") && message.ContainsKey("id")) await AnswerServerRequestAsync(message);
                else if (message.ContainsKey("method")) Notifications.Writer.TryWrite(message);
                else if (message["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var completion))
                {
                    if (message["error"] is { } error) completion.TrySetException(new LspErrorException(error.AsObject()));
                    else completion.TrySetResult(message["result"]);
                }
            }
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is OperationCanceledException)
        {
        }
    }

    private async Task AnswerServerRequestAsync(JsonObject request)
    {
        var method = request["method"]!.GetValue<string>();
        ServerRequestParams.Enqueue((method, request["params"]?.DeepClone()));
        ServerRequests.Enqueue(method);
        JsonNode? result = method switch
        {
            "workspace/configuration" => new JsonArray(JsonNode.Parse(Settings.ToJsonString())),
            _ => null,
        };
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request["id"]!.DeepClone(), ["result"] = result });
    }

    private async Task<string?> ReadMessageAsync()
    {
        int length = -1;
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one) == 0) return null;
            if (one[0] == '\n')
            {
                var text = line.ToString().TrimEnd('\r');
                line.Clear();
                if (text.Length == 0) break;
                if (text.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(text.AsSpan(15).Trim());
            }
            else
            {
                line.Append((char)one[0]);
            }
        }
        var body = new byte[length];
        int read = 0;
        while (read < length)
        {
            int n = await _stream.ReadAsync(body.AsMemory(read));
            if (n == 0) return null;
            read += n;
        }
        return Encoding.UTF8.GetString(body);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _stream.DisposeAsync();
        try { await _readLoop.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
    }
}

internal sealed class LspErrorException : Exception
{
    public LspErrorException(JsonObject error) : base(error.ToJsonString()) => Error = error;

    public JsonObject Error { get; }
    public int Code => Error["code"]!.GetValue<int>();
}
