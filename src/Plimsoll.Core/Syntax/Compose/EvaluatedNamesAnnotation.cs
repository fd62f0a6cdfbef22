#if NET
using System.Text.Json;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// The annotation <c>properties</c> and <c>patternProperties</c> leave for <c>additionalProperties</c> (and
/// <c>unevaluatedProperties</c>): a JSON array of the member names they evaluated. Written directly rather than through
/// JsonSchema.Net's serializer context, whose type information for <c>HashSet&lt;string&gt;</c> costs ~2 ms to make on
/// first use in the native build; most evaluations name nobody, and share one empty array.
/// </summary>
internal static class EvaluatedNamesAnnotation
{
    private static readonly JsonElement s_none = JsonDocument.Parse("[]").RootElement;

    public static JsonElement Of(HashSet<string> names)
    {
        if (names.Count == 0) return s_none;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var name in names) writer.WriteStringValue(name);
            writer.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
#endif
