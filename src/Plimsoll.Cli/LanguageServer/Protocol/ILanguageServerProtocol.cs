using PolyType;
using StreamJsonRpc;

namespace Plimsoll.Cli.LanguageServer.Protocol;

/// <summary>
/// The LSP methods the server answers, as StreamJsonRpc's source generators see them (Native AOT: no reflection over
/// the target). Each takes the LSP params object whole (single-object deserialisation).
/// </summary>
[JsonRpcContract, GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
public partial interface ILanguageServerProtocol
{
    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    Task<InitializeResult> InitializeAsync(InitializeParams parameters, CancellationToken cancellationToken);

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    Task InitializedAsync(System.Text.Json.JsonElement parameters);

    [JsonRpcMethod("shutdown")]
    Task<object?> ShutdownAsync();

    [JsonRpcMethod("exit")]
    void Exit();

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    void DidOpen(DidOpenTextDocumentParams parameters);

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    void DidChange(DidChangeTextDocumentParams parameters);

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    void DidClose(DidCloseTextDocumentParams parameters);

    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    void DidSave(DidSaveTextDocumentParams parameters);

    [JsonRpcMethod("textDocument/diagnostic", UseSingleObjectParameterDeserialization = true)]
    Task<DocumentDiagnosticReport> DocumentDiagnosticAsync(DocumentDiagnosticParams parameters, CancellationToken cancellationToken);

    [JsonRpcMethod("workspace/diagnostic", UseSingleObjectParameterDeserialization = true)]
    Task<WorkspaceDiagnosticReport> WorkspaceDiagnosticAsync(WorkspaceDiagnosticParams parameters, CancellationToken cancellationToken);

    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    Task<CodeAction[]> CodeActionAsync(CodeActionParams parameters, CancellationToken cancellationToken);

    [JsonRpcMethod("workspace/executeCommand", UseSingleObjectParameterDeserialization = true)]
    Task<object?> ExecuteCommandAsync(ExecuteCommandParams parameters, CancellationToken cancellationToken);

    [JsonRpcMethod("workspace/didChangeConfiguration", UseSingleObjectParameterDeserialization = true)]
    void DidChangeConfiguration(DidChangeConfigurationParams parameters);

    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters);

    [JsonRpcMethod("$/setTrace", UseSingleObjectParameterDeserialization = true)]
    void SetTrace(System.Text.Json.JsonElement parameters);
}
