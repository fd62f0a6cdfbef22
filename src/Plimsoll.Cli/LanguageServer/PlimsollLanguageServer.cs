using System.Collections.Concurrent;
using System.Text.Json;
using Plimsoll.Cli.LanguageServer.CodeActions;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Cli.LanguageServer.Linting;
using Plimsoll.Cli.LanguageServer.Protocol;
using Plimsoll.Diagnostics;
using StreamJsonRpc;
using LspDiagnostic = Plimsoll.Cli.LanguageServer.Protocol.Diagnostic;
using FileSystemWatcher = Plimsoll.Cli.LanguageServer.Protocol.FileSystemWatcher;

namespace Plimsoll.Cli.LanguageServer;

/// <summary>
/// The LSP methods: document sync into the <see cref="DocumentStore"/>, diagnostics by pull (when the client supports
/// it) or push, code actions, configuration and watched files. Handlers that change state run one at a time in arrival
/// order (see <see cref="LanguageServerHost"/>); analysis runs on snapshots, off that queue.
/// </summary>
internal sealed class PlimsollLanguageServer : ILanguageServerProtocol
{
    private static readonly string[] WatchedGlobs =
    {
        "**/.editorconfig", "**/.globalconfig", "**/.hadolint.{yaml,yml}", "**/.env", "**/*.{yaml,yml}",
        "**/{Dockerfile,Containerfile}*", "**/*.{dockerfile,Dockerfile}",
    };

    private readonly Func<string, IDocumentLinter> _createLinter;
    private readonly Action _exit;
    private readonly ConcurrentDictionary<string, byte> _loggedMessages = new(StringComparer.Ordinal);
    private JsonRpc? _rpc;
    private DocumentStore _documents = new(Directory.GetCurrentDirectory());
    private IDocumentLinter? _linter;
    private DiagnosticsCache? _diagnostics;
    private ClientCapabilities _client = ClientCapabilities.None;
    private volatile CodeActionSettings _codeActionSettings = CodeActionSettings.Default;
    private bool _shutdownRequested;

    /// <param name="createLinter">Makes the linter once the workspace root is known (at <c>initialize</c>).</param>
    /// <param name="exit">Ends the process (the <c>exit</c> notification): 0 after shutdown, 1 otherwise.</param>
    public PlimsollLanguageServer(Func<string, IDocumentLinter> createLinter, Action<int> exit)
    {
        _createLinter = createLinter;
        _exit = () => exit(_shutdownRequested ? 0 : 1);
    }

    public void Attach(JsonRpc rpc) => _rpc = rpc;

    private DiagnosticsCache Diagnostics => _diagnostics ?? throw new LocalRpcException("The server is not initialized.") { ErrorCode = LspErrorCodes.ServerNotInitialized };

    // ---- lifecycle

    public Task<InitializeResult> InitializeAsync(InitializeParams parameters, CancellationToken cancellationToken)
    {
        _client = ClientCapabilities.From(parameters.Capabilities, parameters.InitializationOptions);
        var root = WorkspaceRoot(parameters);
        _documents = new DocumentStore(root);
        _linter = _createLinter(root);
        _diagnostics = new DiagnosticsCache(_linter, _documents, Log);
        _codeActionSettings = _codeActionSettings with { ClientInsertsSnippets = _client.InsertsSnippets };

        var capabilities = new ServerCapabilities(
            PositionEncoding: "utf-16",
            TextDocumentSync: new TextDocumentSyncOptions(OpenClose: true, Change: 2 /* incremental */, new SaveOptions(IncludeText: false)),
            DiagnosticProvider: _client.PullDiagnostics ? new DiagnosticOptions("plimsoll", InterFileDependencies: true, WorkspaceDiagnostics: false) : null,
            CodeActionProvider: new CodeActionOptions(new[] { CodeActionKinds.QuickFix, CodeActionKinds.SourceFixAllPlimsoll }, ResolveProvider: false),
            ExecuteCommandProvider: new ExecuteCommandOptions(new[] { CodeActionBuilder.ShowDocumentationCommand }));
        return Task.FromResult(new InitializeResult(capabilities, new ServerInfo("plimsoll", Program.Version)));
    }

    public Task InitializedAsync(JsonElement parameters)
    {
        // Requests to the client must not hold the dispatch queue: its answers arrive through it.
        _ = Task.Run(async () =>
        {
            if (_client.WatchedFilesRegistration)
            {
                var watchers = WatchedGlobs.Select(g => new FileSystemWatcher(g, null)).ToArray();
                var registration = new RegistrationParams(new[] { new Registration("plimsoll-watched-files", "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers)) });
                await RequestAsync("client/registerCapability", registration, LspJsonContext.Default.RegistrationParams);
            }
            await ReadConfigurationAsync();
        });
        return Task.CompletedTask;
    }

    public Task<object?> ShutdownAsync()
    {
        _shutdownRequested = true;
        return Task.FromResult<object?>(null);
    }

    // The process ends here rather than when the stream closes: a pending stdin read may never return on Unix.
    public void Exit() => _exit();

    public void SetTrace(JsonElement parameters)
    {
    }

    // ---- text synchronisation (in order, on the dispatch queue)

    public void DidOpen(DidOpenTextDocumentParams parameters)
    {
        var document = _documents.Open(parameters.TextDocument);
        Changed(document);
    }

    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        var document = _documents.Change(parameters.TextDocument, parameters.ContentChanges);
        if (document != null) Changed(document);
    }

    public void DidClose(DidCloseTextDocumentParams parameters)
    {
        var document = _documents.Get(parameters.TextDocument.Uri);
        if (!_documents.Close(parameters.TextDocument.Uri)) return;
        Diagnostics.Forget(parameters.TextDocument.Uri);
        if (document != null && _linter != null)
        {
            // The disk version now stands in for the buffer; other documents of its project may change.
            var affected = _linter.AffectedDocuments(document.Path);
            _linter.BufferClosed(document.Path);
            Invalidate(affected);
        }
        if (!_client.PullDiagnostics) Notify("textDocument/publishDiagnostics", new PublishDiagnosticsParams(parameters.TextDocument.Uri, null, Array.Empty<LspDiagnostic>()), LspJsonContext.Default.PublishDiagnosticsParams);
    }

    public void DidSave(DidSaveTextDocumentParams parameters)
    {
    }

    // An edit of one buffer can change the diagnostics of the others in its project (override, include, .env).
    private void Changed(OpenDocument document)
    {
        Diagnostics.Supersede(document);
        if (_linter == null) return;
        _linter.BufferChanged(document.Path, document.Text);
        if (!_client.PullDiagnostics) Push(document);
        Invalidate(_linter.AffectedDocuments(document.Path));
    }

    /// <summary>Open documents among <paramref name="paths"/> get a new result id and are refreshed.</summary>
    private void Invalidate(IReadOnlyCollection<string> paths)
    {
        if (paths.Count == 0) return;
        var set = new HashSet<string>(paths, StringComparer.Ordinal);
        var affected = _documents.Invalidate(document => set.Contains(document.Path));
        foreach (var other in affected) Diagnostics.Supersede(other);
        if (affected.Count > 0) Refresh(affected);
    }

    // ---- diagnostics

    public async Task<DocumentDiagnosticReport> DocumentDiagnosticAsync(DocumentDiagnosticParams parameters, CancellationToken cancellationToken)
    {
        var document = _documents.Get(parameters.TextDocument.Uri);
        if (document == null) return DocumentDiagnosticReport.Full("closed", Array.Empty<LspDiagnostic>());
        if (parameters.PreviousResultId == document.ResultId && Diagnostics.TryGetCompleted(document) != null)
            return DocumentDiagnosticReport.Unchanged(document.ResultId);
        var items = await AnalyzeCurrentAsync(document, cancellationToken).ConfigureAwait(false);
        return DocumentDiagnosticReport.Full(document.ResultId, items);
    }

    public async Task<WorkspaceDiagnosticReport> WorkspaceDiagnosticAsync(WorkspaceDiagnosticParams parameters, CancellationToken cancellationToken)
    {
        var previous = (parameters.PreviousResultIds ?? Array.Empty<PreviousResultId>()).ToDictionary(p => p.Uri, p => p.Value, StringComparer.Ordinal);
        var reports = new List<WorkspaceDocumentDiagnosticReport>();
        foreach (var document in _documents.All())
        {
            if (previous.TryGetValue(document.Uri, out var id) && id == document.ResultId && Diagnostics.TryGetCompleted(document) != null)
            {
                reports.Add(new WorkspaceDocumentDiagnosticReport("unchanged", document.Uri, document.Version, document.ResultId, null));
                continue;
            }
            var items = await Diagnostics.GetAsync(document, cancellationToken).ConfigureAwait(false);
            reports.Add(new WorkspaceDocumentDiagnosticReport("full", document.Uri, document.Version, document.ResultId, items));
        }
        return new WorkspaceDiagnosticReport(reports.ToArray());
    }

    // A snapshot superseded while it was analysed is not answered with stale findings: the client asks again.
    private async Task<LspDiagnostic[]> AnalyzeCurrentAsync(OpenDocument document, CancellationToken cancellationToken)
    {
        try
        {
            var items = await Diagnostics.GetAsync(document, cancellationToken).ConfigureAwait(false);
            if (_documents.Get(document.Uri)?.ResultId == document.ResultId) return items;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        throw new LocalRpcException("The document changed while it was analysed.")
        {
            ErrorCode = LspErrorCodes.ServerCancelled,
            ErrorData = JsonSerializer.SerializeToElement(new RetriggerData(true), LspJsonContext.Default.RetriggerData),
        };
    }

    private void Push(OpenDocument document)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                var items = await Diagnostics.GetAsync(document, CancellationToken.None).ConfigureAwait(false);
                if (_documents.Get(document.Uri)?.ResultId != document.ResultId) return; // a newer snapshot will push
                await NotifyAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(document.Uri, document.Version, items), LspJsonContext.Default.PublishDiagnosticsParams);
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>Documents whose diagnostics changed without an edit: re-pushed, or re-pulled after <c>workspace/diagnostic/refresh</c>.</summary>
    private void Refresh(IReadOnlyList<OpenDocument> documents)
    {
        if (!_client.PullDiagnostics)
        {
            foreach (var document in documents) Push(document);
        }
        else if (_client.DiagnosticRefresh)
        {
            _ = Task.Run(() => RequestAsync<object>("workspace/diagnostic/refresh", null, LspJsonContext.Default.Object));
        }
    }

    // ---- workspace

    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters)
    {
        var paths = new List<string>();
        foreach (var change in parameters.Changes)
        {
            if (Uri.TryCreate(change.Uri, UriKind.Absolute, out var uri) && uri.IsFile) paths.Add(Path.GetFullPath(uri.LocalPath));
        }
        if (paths.Count > 0) FilesChanged(paths);
    }

    private void FilesChanged(IReadOnlyCollection<string> paths)
    {
        if (_linter == null) return;
        _linter.FilesChanged(paths);
        // A file the editor holds open is judged from its buffer, not from the disk: its own diagnostics stay.
        Invalidate(paths.SelectMany(_linter.AffectedDocuments).Concat(paths).Distinct(StringComparer.Ordinal).ToList());
    }

    public void DidChangeConfiguration(DidChangeConfigurationParams parameters)
    {
        // VS Code sends {settings: null} and expects the server to ask (workspace/configuration); others push the settings.
        if (parameters.Settings is { ValueKind: JsonValueKind.Object } settings && settings.TryGetProperty("plimsoll", out var ours))
            ApplySettings(ours);
        else
            _ = Task.Run(ReadConfigurationAsync);
    }

    private async Task ReadConfigurationAsync()
    {
        if (!_client.Configuration) return;
        var result = await RequestAsync("workspace/configuration", new ConfigurationParams(new[] { new ConfigurationItem(null, "plimsoll") }), LspJsonContext.Default.ConfigurationParams);
        if (result is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0) ApplySettings(array[0]);
    }

    private void ApplySettings(JsonElement settings)
    {
        if (settings.ValueKind != JsonValueKind.Object) return;
        bool Read(string name, bool fallback)
        {
            var element = settings;
            foreach (var part in name.Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element)) return fallback;
            }
            return element.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => fallback };
        }
        _codeActionSettings = _codeActionSettings with
        {
            DisableRuleComment = Read("codeAction.disableRuleComment.enable", true),
            ShowDocumentation = Read("codeAction.showDocumentation.enable", true),
        };
    }

    // ---- code actions and commands

    public async Task<CodeAction[]> CodeActionAsync(CodeActionParams parameters, CancellationToken cancellationToken)
    {
        var document = _documents.Get(parameters.TextDocument.Uri);
        if (document == null) return Array.Empty<CodeAction>();
        bool wantsFixAll = parameters.Context.Only?.Any(o => CodeActionKinds.SourceFixAllPlimsoll.StartsWith(o, StringComparison.Ordinal)) == true;
        var current = wantsFixAll ? await Diagnostics.GetAsync(document, cancellationToken).ConfigureAwait(false) : Array.Empty<LspDiagnostic>();
        return CodeActionBuilder.ForRange(document, parameters, _codeActionSettings, current).ToArray();
    }

    public async Task<object?> ExecuteCommandAsync(ExecuteCommandParams parameters, CancellationToken cancellationToken)
    {
        if (parameters.Command == CodeActionBuilder.ShowDocumentationCommand && parameters.Arguments is { Length: > 0 } arguments && arguments[0].ValueKind == JsonValueKind.String)
        {
            await RequestAsync("window/showDocument", new ShowDocumentParams(arguments[0].GetString()!, External: true), LspJsonContext.Default.ShowDocumentParams);
            return null;
        }
        throw new LocalRpcException($"Unknown command '{parameters.Command}'.") { ErrorCode = (int)StreamJsonRpc.Protocol.JsonRpcErrorCode.InvalidParams };
    }

    // ---- talking to the client

    private void Log(ToolNotification notification)
    {
        var text = notification.Path == null ? notification.Message : $"{notification.Path}: {notification.Message}";
        if (!_loggedMessages.TryAdd(text, 0)) return; // once per message, not once per keystroke
        var type = notification.Level switch
        {
            ToolNotificationLevel.Error => MessageType.Error,
            ToolNotificationLevel.Warning => MessageType.Warning,
            _ => MessageType.Info,
        };
        Notify("window/logMessage", new LogMessageParams(type, text), LspJsonContext.Default.LogMessageParams);
    }

    private void Notify<T>(string method, T parameters, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        => _ = NotifyAsync(method, parameters, typeInfo);

    private async Task NotifyAsync<T>(string method, T parameters, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        if (_rpc == null) return;
        try
        {
            var (arguments, types) = LspJson.NamedArguments(parameters, typeInfo);
            await _rpc.NotifyWithParameterObjectAsync(method, arguments, types).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionLostException || e is ObjectDisposedException)
        {
        }
    }

    private async Task<JsonElement?> RequestAsync<T>(string method, T? parameters, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        if (_rpc == null) return null;
        try
        {
            if (parameters == null) return await _rpc.InvokeWithParameterObjectAsync<JsonElement?>(method, (NamedArgs?)null, CancellationToken.None).ConfigureAwait(false);
            var (arguments, types) = LspJson.NamedArguments(parameters, typeInfo);
            return await _rpc.InvokeWithParameterObjectAsync<JsonElement?>(method, arguments, types, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemoteInvocationException || e is ConnectionLostException || e is ObjectDisposedException || e is RemoteMethodNotFoundException)
        {
            return null; // an old or minimal client: it lacks the feature, the server goes on without it
        }
    }

    private static string WorkspaceRoot(InitializeParams parameters)
    {
        var uri = parameters.WorkspaceFolders?.FirstOrDefault()?.Uri ?? parameters.RootUri;
        if (uri != null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile) return Path.GetFullPath(parsed.LocalPath);
        return Directory.GetCurrentDirectory();
    }
}

internal sealed record RetriggerData(bool RetriggerRequest);
