using System.Collections.Immutable;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Semantics.Compose;

/// <summary>
/// The typed view of one Compose or stack file (its first YAML document): services and top-level networks,
/// volumes, secrets and configs. Merge keys are applied within an alias budget; values stay raw strings.
/// Reading never throws: what is missing or of the wrong shape is simply absent (the schema check reports it).
/// </summary>
public sealed class ComposeFile
{
    internal ComposeFile(YamlSyntaxTree tree)
    {
        Tree = tree;
    }

    public YamlSyntaxTree Tree { get; }

    /// <summary>The root mapping, or null when the first document is not a mapping.</summary>
    public YamlMappingNode? Root { get; internal set; }

    /// <summary>A version 1 file: services at the top level, no <c>services</c> key.</summary>
    public bool IsLegacyV1 { get; internal set; }

    /// <summary>The obsolete <c>version</c> key, if present.</summary>
    public ComposeScalar? Version { get; internal set; }

    /// <summary>The project <c>name</c>, if present.</summary>
    public ComposeScalar? Name { get; internal set; }

    public ImmutableArray<ComposeService> Services { get; internal set; } = ImmutableArray<ComposeService>.Empty;
    public ImmutableArray<ComposeNetwork> Networks { get; internal set; } = ImmutableArray<ComposeNetwork>.Empty;
    public ImmutableArray<ComposeVolume> Volumes { get; internal set; } = ImmutableArray<ComposeVolume>.Empty;
    public ImmutableArray<ComposeSecret> Secrets { get; internal set; } = ImmutableArray<ComposeSecret>.Empty;
    public ImmutableArray<ComposeConfig> Configs { get; internal set; } = ImmutableArray<ComposeConfig>.Empty;

    /// <summary>True when reading stopped because the alias budget ran out: the model is then incomplete.</summary>
    public bool BudgetExceeded { get; internal set; }

    public ComposeService? GetService(string name) => Services.FirstOrDefault(s => s.Name == name);

    public ComposeNetwork? GetNetwork(string name) => Networks.FirstOrDefault(n => n.Name == name);

    public ComposeSecret? GetSecret(string name) => Secrets.FirstOrDefault(s => s.Name == name);

    public ComposeConfig? GetConfig(string name) => Configs.FirstOrDefault(c => c.Name == name);

    /// <summary>Reads the model from a parsed tree.</summary>
    public static ComposeFile Load(YamlSyntaxTree tree, YamlAliasBudget? budget = null)
    {
        if (tree == null) throw new ArgumentNullException(nameof(tree));
        return new ComposeReader(tree, budget ?? new YamlAliasBudget()).Read();
    }
}
