#if NET
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// A compose file's YAML as the JSON that a JSON schema judges, and where each value was written: for a JSON pointer,
/// the span of the key that holds the value (or of the list item), so that problems are reported there.
/// Merge keys are applied (a merged key points at the line that wrote it), aliases followed within a budget,
/// <c>!reset</c> values left out (Compose removes them). Extension fields (<c>x-*</c>) are free-form in the Compose
/// specification, so their content is not converted: an anchor library under <c>x-</c> costs nothing.
/// </summary>
internal sealed class ComposeSchemaInstance
{
    private readonly YamlNode _yaml;

    private ComposeSchemaInstance(YamlNode yaml)
    {
        _yaml = yaml;
    }

    public JsonElement Root { get; private set; }

    /// <summary>True when the alias budget ran out: the JSON is incomplete and must not be judged.</summary>
    public bool BudgetExceeded { get; private set; }

    /// <summary>
    /// Where the value at a JSON pointer (as JsonSchema.Net prints it) was written; the nearest ancestor's span when the
    /// pointer goes further than the YAML. Found by walking the YAML as <see cref="Convert"/> wrote it, when asked: most
    /// files have no problem, and a table of every value's pointer cost more than the schema's verdict on valid files.
    /// </summary>
    public TextSpan SpanOf(string pointer)
    {
        var node = _yaml;
        var span = _yaml.Span;
        int depth = 0;
        foreach (var part in pointer.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (depth++ > MaxDepth) break;
            string name = part.Replace("~1", "/").Replace("~0", "~");
            switch (node.Resolve())
            {
                case YamlMappingNode mapping when FindEntry(mapping, name) is { } entry:
                    span = entry.KeyNode.Span;
                    // An extension's content is not converted: nothing below it is judged.
                    if (entry.Key.StartsWith("x-", StringComparison.Ordinal)) return span;
                    node = entry.Value;
                    break;
                case YamlSequenceNode sequence when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && ItemAt(sequence, index) is { } item:
                    span = item.Span;
                    node = item;
                    break;
                default:
                    return span;
            }
        }
        return span;
    }

    private static YamlEffectiveEntry? FindEntry(YamlMappingNode mapping, string key)
    {
        foreach (var entry in YamlMerge.GetEffectiveEntries(mapping, new YamlAliasBudget()).Entries)
            if (entry.Key == key && !IsReset(entry.Value)) return entry;
        return null;
    }

    // The JSON array leaves out !reset items: its index counts the others.
    private static YamlNode? ItemAt(YamlSequenceNode sequence, int index)
    {
        foreach (var item in sequence.Items)
        {
            if (IsReset(item)) continue;
            if (index-- == 0) return item;
        }
        return null;
    }

    /// <summary>The value at a JSON pointer, if the instance has one.</summary>
    public JsonElement? ValueAt(string pointer)
    {
        var current = Root;
        foreach (var part in pointer.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < current.GetArrayLength()) current = current[i];
            else return null;
        }
        return current;
    }

    public static ComposeSchemaInstance Convert(YamlNode root, YamlAliasBudget budget)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var instance = new ComposeSchemaInstance(root);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, root, budget, 0);
        }
        instance.BudgetExceeded = budget.IsExhausted;
        instance.Root = JsonDocument.Parse(buffer.WrittenMemory).RootElement;
        return instance;
    }

    private const int MaxDepth = 256;

    private static void Write(Utf8JsonWriter writer, YamlNode node, YamlAliasBudget budget, int depth)
    {
        var resolved = node.Resolve();
        if (resolved == null || depth > MaxDepth || !budget.TryVisit())
        {
            writer.WriteNullValue();
            return;
        }
        switch (resolved)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var entry in YamlMerge.GetEffectiveEntries(mapping, budget).Entries)
                {
                    if (IsReset(entry.Value)) continue;
                    writer.WritePropertyName(entry.Key);
                    if (entry.Key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        writer.WriteStartObject();
                        writer.WriteEndObject();
                        continue;
                    }
                    Write(writer, entry.Value, budget, depth + 1);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                for (int i = 0; i < sequence.Items.Length; i++)
                {
                    var item = sequence.Items[i];
                    if (IsReset(item)) continue;
                    Write(writer, item, budget, depth + 1);
                }
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static bool IsReset(YamlNode node) => node.Tag == "!reset" || node.Resolve()?.Tag == "!reset";

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        switch (YamlScalarTypes.Of(scalar))
        {
            case YamlScalarType.Null:
                writer.WriteNullValue();
                break;
            case YamlScalarType.Boolean:
                writer.WriteBooleanValue(scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase));
                break;
            case YamlScalarType.Integer or YamlScalarType.Number when YamlScalarTypes.NumberOf(scalar) is { } number && !double.IsNaN(number) && !double.IsInfinity(number):
                if (number == Math.Floor(number) && Math.Abs(number) < 9e15) writer.WriteNumberValue((long)number);
                else writer.WriteNumberValue(number);
                break;
            default:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
#endif
