using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>One entry of a service's <c>environment</c>, from the mapping form (<c>KEY: value</c>) or the list form (<c>- KEY=value</c>).</summary>
public sealed class ComposeEnvironmentVariable
{
    internal ComposeEnvironmentVariable(string name, string? value, YamlNode node, TextSpan nameSpan, TextSpan? valueSpan)
    {
        Name = name;
        Value = value;
        Node = node;
        NameSpan = nameSpan;
        ValueSpan = valueSpan;
    }

    public string Name { get; }

    /// <summary>The raw value; null when the variable is listed without one (taken from the shell at run time).</summary>
    public string? Value { get; }

    /// <summary>The key node (mapping form) or the list item (list form).</summary>
    public YamlNode Node { get; }

    public TextSpan NameSpan { get; }

    /// <summary>Where the value is written, when it is.</summary>
    public TextSpan? ValueSpan { get; }

    public override string ToString() => Value == null ? Name : Name + "=" + Value;
}
