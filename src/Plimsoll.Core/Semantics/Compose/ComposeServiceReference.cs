using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>A service's use of a secret or config: short syntax (its name) or long syntax (source, target, uid, gid, mode).</summary>
public sealed class ComposeServiceReference
{
    internal ComposeServiceReference(YamlNode node, bool isShortSyntax)
    {
        Node = node;
        IsShortSyntax = isShortSyntax;
    }

    public YamlNode Node { get; }

    public bool IsShortSyntax { get; }

    /// <summary>The name of the top-level secret or config.</summary>
    public ComposeScalar? Source { get; internal set; }

    public ComposeScalar? Target { get; internal set; }

    public ComposeScalar? Uid { get; internal set; }

    public ComposeScalar? Gid { get; internal set; }

    public ComposeScalar? Mode { get; internal set; }
}
