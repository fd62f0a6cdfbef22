namespace Plimsoll.Syntax.Yaml;

/// <summary>One <c>key: value</c> pair of a mapping, as written.</summary>
public sealed class YamlMappingEntry
{
    internal YamlMappingEntry(YamlNode key, YamlNode value)
    {
        Key = key;
        Value = value;
    }

    public YamlNode Key { get; }

    public YamlNode Value { get; }

    /// <summary>The key's scalar value, or null when the key is not a scalar (a complex or aliased key).</summary>
    public string? KeyText => (Key as YamlScalarNode)?.Value;

    /// <summary>True for <c>&lt;&lt;</c>, the merge key; <see cref="YamlMerge"/> applies it.</summary>
    public bool IsMergeKey => Key is YamlScalarNode { Value: "<<" } scalar
        && ((scalar.Style == YamlScalarStyle.Plain && scalar.Tag == null) || scalar.Tag == "tag:yaml.org,2002:merge");

    public override string ToString() => Key + ": " + Value;
}
