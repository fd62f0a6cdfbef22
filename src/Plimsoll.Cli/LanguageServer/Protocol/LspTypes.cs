using System.Text.Json;
using System.Text.Json.Serialization;

namespace Plimsoll.Cli.LanguageServer.Protocol;

// The small part of the Language Server Protocol 3.17 this server speaks. Names are PascalCase here and camelCase on
// the wire (LspJson's naming policy); optional members are null and left out. No LSP types package exists here.

public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record Location(string Uri, Range Range);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

/// <summary>One edit of an incremental change; without <see cref="Range"/> it replaces the whole text.</summary>
public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

public sealed record TextEdit(Range Range, string NewText);

public sealed record WorkspaceFolder(string Uri, string Name);

// ---- lifecycle

public sealed record InitializeParams(
    int? ProcessId,
    string? RootUri,
    WorkspaceFolder[]? WorkspaceFolders,
    JsonElement? Capabilities,
    JsonElement? InitializationOptions);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record ServerInfo(string Name, string Version);

public sealed record ServerCapabilities(
    string PositionEncoding,
    TextDocumentSyncOptions TextDocumentSync,
    DiagnosticOptions? DiagnosticProvider,
    CodeActionOptions CodeActionProvider,
    ExecuteCommandOptions ExecuteCommandProvider);

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

public sealed record SaveOptions(bool IncludeText);

public sealed record DiagnosticOptions(string Identifier, bool InterFileDependencies, bool WorkspaceDiagnostics);

public sealed record CodeActionOptions(string[] CodeActionKinds, bool ResolveProvider);

public sealed record ExecuteCommandOptions(string[] Commands);

// ---- text synchronisation

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

// ---- diagnostics

public static class DiagnosticSeverity
{
    public const int Error = 1, Warning = 2, Information = 3, Hint = 4;
}

public static class DiagnosticTag
{
    public const int Unnecessary = 1, Deprecated = 2;
}

public sealed record CodeDescription(string Href);

public sealed record DiagnosticRelatedInformation(Location Location, string Message);

public sealed record Diagnostic(
    Range Range,
    int Severity,
    string? Code,
    CodeDescription? CodeDescription,
    string Source,
    string Message,
    int[]? Tags,
    DiagnosticRelatedInformation[]? RelatedInformation,
    DiagnosticData? Data);

/// <summary>What a code action needs later without analysing again: the rule's fix, as edits of this document.</summary>
public sealed record DiagnosticData(string? FixTitle, TextEdit[]? FixEdits, string? FixApplicability)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool FixIsSafe => FixApplicability == "safe";
}

public sealed record DocumentDiagnosticParams(TextDocumentIdentifier TextDocument, string? Identifier, string? PreviousResultId);

/// <summary>A full report (<c>kind: "full"</c>, with items) or an unchanged one (<c>kind: "unchanged"</c>).</summary>
public sealed record DocumentDiagnosticReport(string Kind, string? ResultId, Diagnostic[]? Items)
{
    public static DocumentDiagnosticReport Full(string resultId, Diagnostic[] items) => new("full", resultId, items);
    public static DocumentDiagnosticReport Unchanged(string resultId) => new("unchanged", resultId, null);
}

public sealed record PreviousResultId(string Uri, string Value);

public sealed record WorkspaceDiagnosticParams(string? Identifier, PreviousResultId[]? PreviousResultIds);

public sealed record WorkspaceDocumentDiagnosticReport(string Kind, string Uri, int? Version, string? ResultId, Diagnostic[]? Items);

public sealed record WorkspaceDiagnosticReport(WorkspaceDocumentDiagnosticReport[] Items);

public sealed record PublishDiagnosticsParams(string Uri, int? Version, Diagnostic[] Diagnostics);

// ---- code actions

public sealed record CodeActionContext(Diagnostic[] Diagnostics, string[]? Only, int? TriggerKind);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext Context);

public sealed record WorkspaceEdit(Dictionary<string, TextEdit[]> Changes);

public sealed record Command(string Title, string CommandName, JsonElement[]? Arguments)
{
    // "command" is the LSP name; a C# record member cannot share its type's name.
    [JsonPropertyName("command")]
    public string CommandName { get; init; } = CommandName;
}

public sealed record CodeAction(string Title, string Kind, Diagnostic[]? Diagnostics, bool? IsPreferred, WorkspaceEdit? Edit, Command? Command);

public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";
    public const string Source = "source";
    public const string SourceFixAll = "source.fixAll";
    public const string SourceFixAllPlimsoll = "source.fixAll.plimsoll";
}

public sealed record ExecuteCommandParams(string Command, JsonElement[]? Arguments);

public sealed record ShowDocumentParams(string Uri, bool? External);

public sealed record ApplyWorkspaceEditParams(string? Label, WorkspaceEdit Edit);

// ---- workspace

public sealed record DidChangeConfigurationParams(JsonElement? Settings);

public sealed record ConfigurationItem(string? ScopeUri, string? Section);

public sealed record ConfigurationParams(ConfigurationItem[] Items);

public static class FileChangeType
{
    public const int Created = 1, Changed = 2, Deleted = 3;
}

public sealed record FileEvent(string Uri, int Type);

public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);

public sealed record FileSystemWatcher(string GlobPattern, int? Kind);

public sealed record DidChangeWatchedFilesRegistrationOptions(FileSystemWatcher[] Watchers);

public sealed record Registration(string Id, string Method, DidChangeWatchedFilesRegistrationOptions? RegisterOptions);

public sealed record RegistrationParams(Registration[] Registrations);

// ---- window

public static class MessageType
{
    public const int Error = 1, Warning = 2, Info = 3, Log = 4;
}

public sealed record LogMessageParams(int Type, string Message);

/// <summary>Error codes of LSP responses.</summary>
public static class LspErrorCodes
{
    public const int ServerNotInitialized = -32002;
    public const int ServerCancelled = -32802;
    public const int ContentModified = -32801;
    public const int RequestCancelled = -32800;
}
