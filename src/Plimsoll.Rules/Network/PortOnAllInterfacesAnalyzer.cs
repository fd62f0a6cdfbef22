using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Network;

/// <summary>
/// PL3003: a port published on every host interface: short syntax without a host IP (or with <c>0.0.0.0</c>,
/// <c>::</c>), long syntax without <c>host_ip</c>. Not in stacks: swarm's routing mesh publishes on every node and
/// has no host IP to bind to.
/// </summary>
[PlimsollAnalyzer]
public sealed class PortOnAllInterfacesAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage AllInterfaces = new("allInterfaces",
        "Port '{port}' is published on every host interface; Docker's own firewall rules let it through whatever the host firewall says");
    public static readonly RuleMessage RandomHostPort = new("randomHostPort",
        "Container port '{port}' is published on a random host port on every host interface");

    public static readonly RuleDescriptor Rule = new(
        id: "PL3003", name: "PortOnAllInterfaces", title: "Published port bound to all interfaces",
        category: "Network", defaultSeverity: DiagnosticSeverity.Warning,
        description: "A port published without a host IP listens on every interface of the host, and Docker inserts firewall rules that bypass ufw and firewalld, so a port meant for the host alone is reachable from the network.",
        securitySeverity: "5.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [AllInterfaces, RandomHostPort],
        peers:
        [
            PeerRule.ComposeLint("CL-0005"),
            PeerRule.Kics("451d79dc-0588-476a-ad03-3c7f0320abb3", "Container Traffic Not Bound To Host Interface"),
            PeerRule.Dclint("no-unbound-port-interfaces"),
        ],
        fix: FixApplicability.Unsafe);

    private const string Title = "Publish on 127.0.0.1 only";

    // The peers draw the line differently: compose-lint's CL-0005 skips a container port alone ("80"); dclint accepts
    // any host IP written out, 0.0.0.0 included; KICS's query fires on any entry without a '.', so on '::' but not on
    // 0.0.0.0. Each finding names the peer rules that flag the same entry.
    private static readonly PeerRule ComposeLint = PeerRule.ComposeLint("CL-0005");
    private static readonly PeerRule Kics = PeerRule.Kics("451d79dc-0588-476a-ad03-3c7f0320abb3", "Container Traffic Not Bound To Host Interface");
    private static readonly PeerRule Dclint = PeerRule.Dclint("no-unbound-port-interfaces");
    private static readonly PeerAttribution NoHostIp = PeerAttribution.Of(ComposeLint, Kics, Dclint);
    private static readonly PeerAttribution ContainerPortAlone = PeerAttribution.Of(Kics, Dclint);
    private static readonly PeerAttribution WildcardIpv4 = PeerAttribution.Of(ComposeLint);
    private static readonly PeerAttribution WildcardIpv6 = PeerAttribution.Of(ComposeLint, Kics);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            if (service.IsStack) return;
            // With host networking ports are not published at all (PL3001 flags the host network).
            if (string.Equals(service.KnownValue(service.Service.NetworkMode), "host", StringComparison.OrdinalIgnoreCase)) return;
            foreach (var item in service.Service.Ports)
            {
                switch (item)
                {
                    case ProjectScalar scalar:
                        CheckShort(service, scalar);
                        break;
                    case ProjectMapping mapping:
                        CheckLong(service, mapping);
                        break;
                }
            }
        });
    }

    private static void CheckShort(ComposeServiceAnalysisContext service, ProjectScalar scalar)
    {
        if (service.KnownValue(scalar) is not { } value || PublishedPort.Parse(value) is not { } port || !port.OnAllInterfaces) return;
        var peers = port.HostIp is { Length: > 0 } ip ? (ip.Contains('.') ? WildcardIpv4 : WildcardIpv6)
            : port.HostPort == null ? ContainerPortAlone : NoHostIp;
        if (port.HostPort == null)
            service.Report(RandomHostPort, scalar, BindShort(scalar, port), peers, value.Trim());
        else
            service.Report(AllInterfaces, scalar, BindShort(scalar, port), peers, value.Trim());
    }

    private static void CheckLong(ComposeServiceAnalysisContext service, ProjectMapping mapping)
    {
        if (mapping.Scalar("target") is not { } target || service.KnownValue(target) is not { } port) return;
        if (mapping.Scalar("host_ip") is { } hostIp)
        {
            if (service.KnownValue(hostIp) is not { } ip || ip is not ("0.0.0.0" or "::" or "[::]" or "")) return;
            // KICS reads only 'published' here (no '.' in it: unbound), dclint accepts any host_ip written out.
            service.Report(AllInterfaces, hostIp, ReplaceScalar(hostIp, ip.IndexOf(':') >= 0 ? "::1" : "127.0.0.1"), WildcardIpv6, Describe(service, mapping, port));
            return;
        }
        var published = mapping.Scalar("published");
        if (published != null && (service.KnownValue(published) is not { } publishedPort || !IsPortOrRange(publishedPort))) return;
        var fix = Plimsoll.Rules.Shared.ComposeEdits.AddMappingEntry(mapping, "host_ip: 127.0.0.1", Title);
        if (published == null) service.Report(RandomHostPort, target, fix, port);
        else service.Report(AllInterfaces, target, fix, Describe(service, mapping, port));
    }

    // 'published: 127.0.0.1:8080' is not a port: the engine refuses the entry, so where it would listen is no question.
    private static bool IsPortOrRange(string published)
        => System.Text.RegularExpressions.Regex.IsMatch(published.Trim(), "^[0-9]+(-[0-9]+)?$");

    private static string Describe(ComposeServiceAnalysisContext service, ProjectMapping mapping, string target)
        => service.KnownValue(mapping.Scalar("published")) is { } published ? published + ":" + target : target;

    /// <summary><c>8080:80</c> → <c>127.0.0.1:8080:80</c>; <c>80</c> → <c>127.0.0.1::80</c>; <c>0.0.0.0:…</c> → <c>127.0.0.1:…</c>; <c>[::]:…</c> → <c>[::1]:…</c>.</summary>
    private static CodeFix? BindShort(ProjectScalar scalar, PublishedPort port)
    {
        if (VerbatimStart(scalar) is not { } start || scalar.Raw != scalar.KnownText) return null;
        // Leading blanks inside quotes are kept by Parse's Trim.
        int lead = scalar.Raw!.Length - scalar.Raw.TrimStart().Length;
        start += lead;
        if (port.HostIp is not { Length: > 0 } ip)
            return new CodeFix(Title, new TextChange(new TextSpan(start, 0), port.HostPort == null ? "127.0.0.1::" : "127.0.0.1:"));
        bool bracketed = scalar.Raw.TrimStart().StartsWith("[", StringComparison.Ordinal);
        string replacement = ip.IndexOf(':') >= 0 ? (bracketed ? "[::1]" : "::1") : "127.0.0.1";
        return new CodeFix(Title, new TextChange(new TextSpan(start, port.HostIpLength), replacement));
    }

    private static CodeFix? ReplaceScalar(ProjectScalar scalar, string replacement)
        => VerbatimStart(scalar) is { } start && scalar.Raw is { } raw
            ? new CodeFix(Title, new TextChange(new TextSpan(start, raw.Length), replacement))
            : null;

    /// <summary>Where the value's text starts in the file, when it is written as is (plain, or quoted without escapes).</summary>
    private static int? VerbatimStart(ProjectScalar scalar)
    {
        if (scalar.Node is not YamlScalarNode node || scalar.Raw == null) return null;
        int quote = node.Style switch
        {
            YamlScalarStyle.Plain => 0,
            YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted => 1,
            _ => -1,
        };
        if (quote < 0 || node.RawText.Length != scalar.Raw.Length + 2 * quote) return null;
        return node.ValueSpan.Start + quote;
    }
}
