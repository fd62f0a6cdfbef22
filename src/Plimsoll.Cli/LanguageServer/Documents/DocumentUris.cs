using Plimsoll.Workspace;

namespace Plimsoll.Cli.LanguageServer.Documents;

/// <summary>Document URIs ↔ file-system paths, and a document's kind from its name or the editor's language id.</summary>
internal static class DocumentUris
{
    /// <summary>The path of a <c>file:</c> URI; for other schemes (<c>untitled:</c>) a name in <paramref name="workspaceRoot"/>.</summary>
    public static string ToPath(string uri, string workspaceRoot)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            if (parsed.IsFile) return System.IO.Path.GetFullPath(parsed.LocalPath);
            // untitled:Untitled-1 → <root>/Untitled-1: settings from the workspace's .editorconfig still apply.
            var name = Uri.UnescapeDataString(parsed.AbsolutePath).Replace('/', '_').Replace('\\', '_');
            return System.IO.Path.Combine(workspaceRoot, name.Length == 0 ? "untitled" : name);
        }
        return System.IO.Path.Combine(workspaceRoot, "untitled");
    }

    public static string FromPath(string path) => new Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>By file name first (as the CLI decides), then by the editor's language id (untitled buffers, odd names).</summary>
    public static SourceFileKind KindOf(string path, string languageId)
    {
        var byName = SourceFileKinds.FromPath(path);
        if (byName != SourceFileKind.Unknown) return byName;
        return languageId switch
        {
            "dockercompose" => SourceFileKind.Compose,
            "yaml" => SourceFileKind.Compose, // the extension sends yaml only for stack files and the user's compose globs
            _ => SourceFileKind.Dockerfile,
        };
    }
}
