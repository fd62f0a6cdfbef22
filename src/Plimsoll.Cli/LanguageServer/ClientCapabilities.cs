using System.Text.Json;

namespace Plimsoll.Cli.LanguageServer;

/// <summary>What the client said it can do at <c>initialize</c>, reduced to the choices this server makes.</summary>
internal sealed record ClientCapabilities(
    bool PullDiagnostics,
    bool DiagnosticRefresh,
    bool Configuration,
    bool WatchedFilesRegistration,
    bool InsertsSnippets)
{
    public static ClientCapabilities None { get; } = new(false, false, false, false, false);

    public static ClientCapabilities From(JsonElement? capabilities, JsonElement? initializationOptions)
    {
        var root = capabilities ?? default;
        return new ClientCapabilities(
            PullDiagnostics: Has(root, "textDocument", "diagnostic"),
            DiagnosticRefresh: IsTrue(root, "workspace", "diagnostics", "refreshSupport"),
            Configuration: IsTrue(root, "workspace", "configuration"),
            WatchedFilesRegistration: IsTrue(root, "workspace", "didChangeWatchedFiles", "dynamicRegistration"),
            // The VS Code extension implements the plimsoll.insertSnippet command and says so here.
            InsertsSnippets: IsTrue(initializationOptions ?? default, "insertSnippetCommand"));
    }

    private static bool Has(JsonElement element, params string[] path) => Walk(element, path) is { ValueKind: JsonValueKind.Object or JsonValueKind.True };

    private static bool IsTrue(JsonElement element, params string[] path) => Walk(element, path) is { ValueKind: JsonValueKind.True };

    private static JsonElement? Walk(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        }
        return element;
    }
}
