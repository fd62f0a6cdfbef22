using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Diagnostics;

namespace Plimsoll.Analysis;

/// <summary>
/// Everything a rule declares about itself, beside its analyzer: id, name, title, messages with named holes, category,
/// severity, what code-scanning tools need (security severity, precision), tags, the fix it offers and the equivalent
/// rules of peer tools. The CLI's rule list, SARIF rule metadata, the README table and each page's header are derived from it.
/// </summary>
public sealed class RuleDescriptor
{
    private readonly ImmutableArray<DiagnosticDescriptor> _messageDescriptors;

    /// <summary>A rule with named messages (built-in rules).</summary>
    public RuleDescriptor(
        string id,
        string name,
        string title,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        string securitySeverity,
        RulePrecision precision,
        IEnumerable<RuleTag> tags,
        IEnumerable<RuleMessage> messages,
        IEnumerable<PeerRule>? peers = null,
        FixApplicability? fix = null,
        bool enabledByDefault = true)
    {
        Name = name;
        SecuritySeverity = securitySeverity;
        Precision = precision;
        Tags = tags.Distinct().ToImmutableArray();
        if (Tags.IsEmpty) throw new ArgumentException($"{id}: a rule needs at least one tag", nameof(tags));
        Peers = (peers ?? Array.Empty<PeerRule>()).ToImmutableArray();
        Fix = fix;
        Messages = messages.ToImmutableArray();
        if (Messages.IsEmpty) throw new ArgumentException($"{id}: a rule needs at least one message", nameof(messages));
        if (Messages.Any(m => m == null)) throw new ArgumentException($"{id}: a message is null (declare the messages above the rule's descriptor)", nameof(messages));
        if (Messages.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count() != Messages.Length) throw new ArgumentException($"{id}: two messages share an id", nameof(messages));
        string[] customTags = Tags.Select(RuleTags.Name).ToArray();
        var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>(Messages.Length);
        foreach (var message in Messages)
        {
            var descriptor = new DiagnosticDescriptor(id, title, message.PositionalFormat, category, defaultSeverity, isEnabledByDefault: enabledByDefault,
                description: description, helpLinkUri: PlimsollDiagnostic.HelpLinkFor(id), customTags: customTags);
            message.Bind(this, descriptor);
            builder.Add(descriptor);
        }
        _messageDescriptors = builder.MoveToImmutable();
        Descriptor = _messageDescriptors[0];
    }

    /// <summary>A rule with one positional message format (the original rule-pack API; kept so packs built against it load).</summary>
    public RuleDescriptor(
        string id,
        string name,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        string securitySeverity,
        RulePrecision precision,
        PeerRuleIds? peers = null,
        IEnumerable<string>? tags = null)
    {
        Name = name;
        SecuritySeverity = securitySeverity;
        Precision = precision;
        Peers = (peers ?? PeerRuleIds.None).ToPeerRules();
        var known = (tags ?? Array.Empty<string>())
            .Select(t => Enum.TryParse<RuleTag>(t, ignoreCase: true, out var tag) ? tag : (RuleTag?)null)
            .Where(t => t != null).Select(t => t!.Value).ToList();
        Tags = (known.Count == 0 ? new[] { RuleTag.Security } : known.Distinct()).ToImmutableArray();
        Messages = ImmutableArray<RuleMessage>.Empty;
        Descriptor = new DiagnosticDescriptor(id, title, messageFormat, category, defaultSeverity, isEnabledByDefault: true,
            description: description, helpLinkUri: PlimsollDiagnostic.HelpLinkFor(id), customTags: Tags.Select(RuleTags.Name).ToArray());
        _messageDescriptors = ImmutableArray.Create(Descriptor);
    }

    /// <summary>The Roslyn descriptor of the rule's first (default) message.</summary>
    public DiagnosticDescriptor Descriptor { get; }
    public string Id => Descriptor.Id;

    /// <summary>A PascalCase name, stable like the id (SARIF <c>rule.name</c>).</summary>
    public string Name { get; }
    public string Title => Descriptor.Title.ToString();
    public string Category => Descriptor.Category;
    public DiagnosticSeverity DefaultSeverity => Descriptor.DefaultSeverity;
    public string Description => Descriptor.Description.ToString();

    /// <summary>
    /// False for an opt-in rule (style, or a premise many projects reject): it reports nothing until
    /// <c>dotnet_diagnostic.ID.severity</c> (or .hadolint.yaml) turns it on; category and all-rule settings do not.
    /// </summary>
    public bool IsEnabledByDefault => Descriptor.IsEnabledByDefault;

    /// <summary>GitHub code scanning's <c>security-severity</c>: a CVSS-like score, "0.0" to "10.0".</summary>
    public string SecuritySeverity { get; }
    public RulePrecision Precision { get; }
    public ImmutableArray<RuleTag> Tags { get; }

    /// <summary>The messages the rule reports (empty for a rule declared with one positional format).</summary>
    public ImmutableArray<RuleMessage> Messages { get; }

    /// <summary>Equivalent rules of other tools, each checked against that tool's own definition.</summary>
    public ImmutableArray<PeerRule> Peers { get; }

    /// <summary>How far the rule's fixes can be trusted; null when it offers none.</summary>
    public FixApplicability? Fix { get; }

    public IEnumerable<string> PeerIds(PeerTool tool) => Peers.Where(p => p.Tool == tool).Select(p => p.Id);

    public override string ToString() => Id;
}

/// <summary>How often a finding of the rule is a true positive (SARIF/CodeQL <c>precision</c>).</summary>
public enum RulePrecision
{
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>The ids other tools use for the same problem, by tool (the original rule-pack API; see <see cref="PeerRule"/>).</summary>
public sealed record PeerRuleIds(
    IReadOnlyList<string> Hadolint,
    IReadOnlyList<string> BuildKit,
    IReadOnlyList<string> Kics,
    IReadOnlyList<string> Checkov,
    IReadOnlyList<string> Trivy,
    IReadOnlyList<string> ComposeLint)
{
    public static readonly PeerRuleIds None = new(Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());

    internal ImmutableArray<PeerRule> ToPeerRules()
        => Hadolint.Select(PeerRule.Hadolint)
            .Concat(BuildKit.Select(PeerRule.BuildKit))
            .Concat(Kics.Select(id => new PeerRule(PeerTool.Kics, id)))
            .Concat(Checkov.Select(PeerRule.Checkov))
            .Concat(Trivy.Select(PeerRule.Trivy))
            .Concat(ComposeLint.Select(PeerRule.ComposeLint))
            .ToImmutableArray();
}
