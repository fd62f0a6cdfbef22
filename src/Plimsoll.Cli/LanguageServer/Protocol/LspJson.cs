using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using StreamJsonRpc;

namespace Plimsoll.Cli.LanguageServer.Protocol;

/// <summary>
/// Serialisation of the protocol types: source-generated (no reflection, Native AOT safe), camelCase names, nulls left out.
/// Every type that crosses the wire is listed here; reflection is off, so a missing one fails in the tests.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(DocumentDiagnosticParams))]
[JsonSerializable(typeof(DocumentDiagnosticReport))]
[JsonSerializable(typeof(WorkspaceDiagnosticParams))]
[JsonSerializable(typeof(WorkspaceDiagnosticReport))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeAction[]))]
[JsonSerializable(typeof(ExecuteCommandParams))]
[JsonSerializable(typeof(ShowDocumentParams))]
[JsonSerializable(typeof(ApplyWorkspaceEditParams))]
[JsonSerializable(typeof(DidChangeConfigurationParams))]
[JsonSerializable(typeof(ConfigurationParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(LogMessageParams))]
[JsonSerializable(typeof(RetriggerData))]
// StreamJsonRpc's own: $/cancelRequest carries a RequestId; unexpected exceptions become CommonErrorData.
[JsonSerializable(typeof(RequestId))]
[JsonSerializable(typeof(StreamJsonRpc.Protocol.CommonErrorData))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonElement[]))]
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class LspJsonContext : JsonSerializerContext;

internal static class LspJson
{
    /// <summary>The one options instance: the formatter's and the server's own (outgoing parameters).</summary>
    public static JsonSerializerOptions Options { get; } = new(LspJsonContext.Default.Options);

    // StreamJsonRpc's System.Text.Json formatter is AOT-safe when every type resolves through the source-generated
    // context (its reflection fallback is never reached: reflection is disabled for the whole program).
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "All types come from LspJsonContext.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "All types come from LspJsonContext.")]
    public static IJsonRpcMessageFormatter CreateFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        formatter.JsonSerializerOptions.TypeInfoResolver = LspJsonContext.Default;
        return formatter;
    }

    /// <summary>
    /// An outgoing parameter object as the named arguments StreamJsonRpc sends: its top-level members, each already
    /// serialised with our names. (StreamJsonRpc would otherwise name them after the CLR members: "Type", not "type".)
    /// </summary>
    public static (IReadOnlyDictionary<string, object?> Arguments, IReadOnlyDictionary<string, Type> Types) NamedArguments<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var element = JsonSerializer.SerializeToElement(value, typeInfo);
        var arguments = new Dictionary<string, object?>();
        var types = new Dictionary<string, Type>();
        foreach (var property in element.EnumerateObject())
        {
            arguments[property.Name] = property.Value;
            types[property.Name] = typeof(JsonElement);
        }
        return (arguments, types);
    }
}
