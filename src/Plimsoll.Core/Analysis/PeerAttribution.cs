using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Plimsoll.Analysis;

/// <summary>
/// Which of its rule's declared peer rules one finding corresponds to. A Plimsoll rule may cover several rules of one
/// peer tool (PL2003 reports every powerful <c>cap_add</c>; compose-lint grades them over CL-0024, CL-0027, CL-0028 …):
/// the finding then names the ones it matches, so a reader mapping findings to that tool (a migration, the peer-agreement
/// harness) knows that a SYS_PTRACE finding is CL-0027's and not CL-0024's. An attributed finding corresponds to exactly
/// the peer rules it names, of every tool; a finding without attribution, to every peer rule its rule declares. Carried in
/// the diagnostic's <see cref="PropertyKey"/> property and reported as <c>peerRules</c> in the JSON and SARIF output.
/// </summary>
public sealed record PeerAttribution
{
    /// <summary>The diagnostic property: space-separated <c>tool:id</c> pairs (<c>composeLint:CL-0027 composeLint:CL-0011</c>).</summary>
    public const string PropertyKey = "peerRules";

    private PeerAttribution(ImmutableArray<PeerRule> rules) => Rules = rules;

    /// <summary>The peer rules the finding corresponds to; each must be one its rule declares.</summary>
    public ImmutableArray<PeerRule> Rules { get; }

    public static PeerAttribution Of(params PeerRule[] rules) => new(rules.Distinct().ToImmutableArray());

    /// <summary>The finding corresponds to none of its rule's peer rules (compose-lint leaves moving tags out of CL-0019).</summary>
    public static PeerAttribution None { get; } = new(ImmutableArray<PeerRule>.Empty);

    /// <summary>Throws when <paramref name="rule"/> does not declare every attributed peer rule (a rule bug).</summary>
    internal void CheckDeclaredBy(RuleDescriptor rule)
    {
        foreach (var peer in Rules)
            if (!rule.Peers.Any(declared => declared.Tool == peer.Tool && string.Equals(declared.Id, peer.Id, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"{rule.Id} attributes a finding to {PeerRule.ToolName(peer.Tool)} {peer.Id}, which it does not declare as a peer");
    }

    internal ImmutableDictionary<string, string?> AddTo(ImmutableDictionary<string, string?> properties)
        => properties.SetItem(PropertyKey, string.Join(" ", Rules.Select(p => PeerRule.ToolKey(p.Tool) + ":" + p.Id)));

    /// <summary>
    /// The attributed peer rule ids by tool key (<see cref="PeerRule.ToolKey"/>), in the order written: empty for
    /// <see cref="None"/>, null when the finding carries no attribution (it corresponds to every declared peer rule).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? Read(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(PropertyKey, out string? value) || value == null) return null;
        var byTool = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (string pair in value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = pair.IndexOf(':');
            if (colon <= 0 || colon == pair.Length - 1) continue;
            string tool = pair.Substring(0, colon), id = pair.Substring(colon + 1);
            var ids = byTool.TryGetValue(tool, out var list) ? (List<string>)list : new List<string>();
            if (!ids.Contains(id)) ids.Add(id);
            byTool[tool] = ids;
        }
        return byTool;
    }
}
