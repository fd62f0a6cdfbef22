using Microsoft.CodeAnalysis;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis;

/// <summary>
/// A compose file (or swarm stack file) being linted, in its merged project. Rules judge the project's values and
/// report at the value (<see cref="Report(RuleDescriptor, ProjectNode, object?[])"/>): the driver puts each finding in
/// the file that wrote the value.
/// </summary>
public class ComposeProjectAnalysisContext : FileAnalysisContext
{
    internal ComposeProjectAnalysisContext(YamlSyntaxTree tree, ComposeProject project, IRuleOptions options, FindingSink sink)
        : base(tree.Path, tree.Text, options, sink)
    {
        Tree = tree;
        Project = project;
    }

    private protected ComposeProjectAnalysisContext(ComposeProjectAnalysisContext other, FindingSink sink)
        : this(other.Tree, other.Project, other.Options, sink)
    {
    }

    /// <summary>The merged project (override files, <c>include</c>, <c>extends</c>, interpolated with its <c>.env</c>).</summary>
    public ComposeProject Project { get; }

    /// <summary>The file being linted.</summary>
    public YamlSyntaxTree Tree { get; }

    /// <summary>True for a swarm stack (<c>docker stack deploy</c> input): the model already leaves out what swarm ignores.</summary>
    public bool IsStack => Project.IsStack;

    /// <summary>The value as deployed, or null when it is unknown (unset variable, interpolation error) or absent.</summary>
    public string? KnownValue(ProjectScalar? scalar) => scalar?.KnownText;

    /// <summary>Reports <paramref name="rule"/> at <paramref name="value"/>, in the file that wrote it.</summary>
    public void Report(RuleDescriptor rule, ProjectNode value, params object?[] messageArgs) => Report(rule, value.GetLocation(), messageArgs);

    /// <summary>Reports at a part of a volume entry, in the file that wrote it.</summary>
    public void Report(RuleDescriptor rule, VolumePart part, params object?[] messageArgs) => Report(rule, part.GetLocation(), messageArgs);

    /// <summary>Reports <paramref name="message"/> at <paramref name="value"/>, in the file that wrote it.</summary>
    public void Report(RuleMessage message, ProjectNode value, params object?[] values) => Report(message, value.GetLocation(), null, values);

    /// <summary>Reports with a fix; the fix's edits are in the file that wrote <paramref name="value"/> (edit <c>value.Tree.Text</c>).</summary>
    public void Report(RuleMessage message, ProjectNode value, CodeFix? fix, params object?[] values) => Report(message, value.GetLocation(), fix, values);

    /// <summary>Reports at <paramref name="value"/> a finding that corresponds to only some of the rule's declared peer rules.</summary>
    public void Report(RuleMessage message, ProjectNode value, CodeFix? fix, PeerAttribution peers, params object?[] values)
        => Report(message, value.GetLocation(), fix, peers, values);

    /// <summary>Reports at a part of a volume entry a finding that corresponds to only some of the rule's declared peer rules.</summary>
    public void Report(RuleMessage message, VolumePart part, PeerAttribution peers, params object?[] values)
        => Report(message, part.GetLocation(), null, peers, values);

    /// <summary>Reports at a key or list item as written a finding that corresponds to only some of the rule's declared peer rules.</summary>
    public void Report(RuleMessage message, YamlNode node, PeerAttribution peers, params object?[] values)
        => Report(message, Plimsoll.Diagnostics.PlimsollDiagnostic.CreateLocation(node.Tree.Path, node.Tree.Text, node.Span), null, peers, values);

    /// <summary>Reports <paramref name="message"/> at a part of a volume entry, in the file that wrote it.</summary>
    public void Report(RuleMessage message, VolumePart part, params object?[] values) => Report(message, part.GetLocation(), null, values);

    /// <summary>Reports <paramref name="message"/> at a key or list item as written (a <see cref="YamlNode"/> of any file of the project).</summary>
    public void Report(RuleMessage message, YamlNode node, params object?[] values)
        => Report(message, Plimsoll.Diagnostics.PlimsollDiagnostic.CreateLocation(node.Tree.Path, node.Tree.Text, node.Span), null, values);

    /// <summary>Reports at a key or list item as written (a <see cref="YamlNode"/> of any file of the project).</summary>
    public void Report(RuleDescriptor rule, YamlNode node, params object?[] messageArgs)
        => Report(rule, Plimsoll.Diagnostics.PlimsollDiagnostic.CreateLocation(node.Tree.Path, node.Tree.Text, node.Span), messageArgs);
}

public sealed class ComposeServiceAnalysisContext : ComposeProjectAnalysisContext
{
    internal ComposeServiceAnalysisContext(ComposeProjectAnalysisContext project, ProjectService service, FindingSink sink)
        : base(project, sink) => Service = service;

    public ProjectService Service { get; }
}

public sealed class ComposeNetworkAnalysisContext : ComposeProjectAnalysisContext
{
    internal ComposeNetworkAnalysisContext(ComposeProjectAnalysisContext project, ProjectResource network, FindingSink sink)
        : base(project, sink) => Network = network;

    public ProjectResource Network { get; }
}

/// <summary>A top-level secret or config.</summary>
public sealed class ComposeSecretAnalysisContext : ComposeProjectAnalysisContext
{
    internal ComposeSecretAnalysisContext(ComposeProjectAnalysisContext project, ProjectResource secret, FindingSink sink)
        : base(project, sink) => Secret = secret;

    public ProjectResource Secret { get; }
    public bool IsConfig => Secret.Kind == ComposeResourceKind.Config;
}
