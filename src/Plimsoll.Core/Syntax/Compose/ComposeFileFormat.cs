using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Syntax.Compose;

/// <summary>Recognises the layout of a Compose file before it is read.</summary>
public static class ComposeFileFormat
{
    /// <summary>
    /// True for a legacy version 1 file: no <c>services</c> and no <c>version</c> key, and every top-level key
    /// (other than <c>x-</c> extensions) holds a mapping with <c>image</c> or <c>build</c>, i.e. a service.
    /// </summary>
    public static bool IsLegacyV1(YamlMappingNode root)
    {
        if (root == null) throw new ArgumentNullException(nameof(root));
        bool any = false;
        foreach (var entry in root.Entries)
        {
            var key = entry.KeyText;
            if (key == null) return false;
            if (key is "services" or "version") return false;
            if (key.StartsWith("x-", StringComparison.Ordinal) || entry.IsMergeKey) continue;
            if (entry.Value.Resolve() is not YamlMappingNode service) return false;
            var effective = YamlMerge.GetEffectiveEntries(service);
            if (effective["image"] == null && effective["build"] == null) return false;
            any = true;
        }
        return any;
    }
}
