using System.Text.Json;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// The Compose specification's JSON schema, loaded from a file the host provides (it is third-party data and
/// is not embedded). Only what <see cref="ComposeSchemaValidator"/> needs is read from it.
/// </summary>
public sealed class ComposeSchema : IDisposable
{
    private readonly JsonDocument document;
    private readonly Dictionary<string, JsonElement?> references = new(StringComparer.Ordinal);

    private ComposeSchema(JsonDocument document)
    {
        this.document = document;
    }

    public JsonElement Root => document.RootElement;

    /// <summary>Reads the schema; throws <see cref="IOException"/> when it cannot be read, <see cref="JsonException"/> when it is not JSON.</summary>
    public static ComposeSchema Load(string path, IFileSystem? fileSystem = null)
    {
        var read = (fileSystem ?? PhysicalFileSystem.Instance).ReadFile(path);
        if (!read.IsOk) throw new IOException(read.Message);
        return Parse(read.Content!.Text.ToString().TrimStart('\uFEFF'));
    }

    public static ComposeSchema Parse(string json) => new(JsonDocument.Parse(json));

    /// <summary>Resolves a local reference such as <c>#/definitions/service</c>; null if it does not resolve.</summary>
    public JsonElement? ResolveReference(string reference)
    {
        if (references.TryGetValue(reference, out var cached)) return cached;
        JsonElement? result = null;
        if (reference.StartsWith("#", StringComparison.Ordinal))
        {
            var current = document.RootElement;
            bool found = true;
            foreach (var part in reference.Substring(1).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.Replace("~1", "/").Replace("~0", "~");
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    found = false;
                    break;
                }
            }
            if (found) result = current;
        }
        references[reference] = result;
        return result;
    }

    public void Dispose() => document.Dispose();
}
