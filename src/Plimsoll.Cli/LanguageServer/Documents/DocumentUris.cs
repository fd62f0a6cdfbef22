namespace Plimsoll.Cli.LanguageServer.Documents;

/// <summary>Document URIs ↔ file-system paths.</summary>
internal static class DocumentUris
{
    /// <summary>
    /// The path of a <c>file:</c> URI. An unsaved buffer (<c>untitled:Untitled-1</c>) gets a name in the workspace
    /// root that says its kind (the editor's language id), so the workspace's configuration applies to it.
    /// </summary>
    public static string ToPath(string uri, string languageId, string workspaceRoot)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile) return Path.GetFullPath(parsed.LocalPath);
        var raw = parsed == null ? "untitled" : Uri.UnescapeDataString(parsed.AbsolutePath);
        var name = new string(raw.Select(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '_').ToArray());
        name = languageId switch
        {
            "dockercompose" or "yaml" => $"compose.{name}.yaml",
            _ => $"{name}.Dockerfile",
        };
        return Path.Combine(workspaceRoot, name);
    }

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
