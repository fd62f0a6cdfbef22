using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2003: <c>cap_add</c> of powerful capabilities (less those <c>plimsoll.allowed_capabilities</c> accepts);
/// <c>security_opt</c> that turns seccomp, AppArmor or SELinux labelling off, which the fix removes.
/// </summary>
[PlimsollAnalyzer]
public sealed class DangerousCapabilitiesAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage CapabilityAdded = new("capabilityAdded", "Service '{service}' adds capability {capability}, which lets a compromised container reach the host");
    public static readonly RuleMessage ConfinementOff = new("confinementOff", "Service '{service}' sets security_opt {option}, which turns off a confinement layer");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2003", name: "DangerousCapabilities", title: "Dangerous capability or disabled confinement",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Error,
        description: "Capabilities such as SYS_ADMIN, and turning off seccomp, AppArmor or SELinux labels, remove the walls that keep a compromised container from the host.",
        securitySeverity: "8.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [CapabilityAdded, ConfinementOff],
        peers:
        [
            PeerRule.Kics("404fde2c-bc4b-4371-9747-7054132ac953", "Default Seccomp Profile Disabled"),
            PeerRule.Kics("ce76b7d0-9e77-464d-b86f-c5c48e03e22d", "Container Capabilities Unrestricted"),
            PeerRule.ComposeLint("CL-0009"), PeerRule.ComposeLint("CL-0011"), PeerRule.ComposeLint("CL-0024"),
            PeerRule.ComposeLint("CL-0027"), PeerRule.ComposeLint("CL-0028"), PeerRule.ComposeLint("CL-0030"),
        ],
        fix: FixApplicability.Unsafe);

    /// <summary>Capabilities a project accepts (<c>plimsoll.allowed_capabilities = NET_ADMIN, SYS_TIME</c>): not reported.</summary>
    public const string AllowedCapabilitiesKey = "plimsoll.allowed_capabilities";

    private static readonly PeerRule DangerousCapAdd = PeerRule.ComposeLint("CL-0011");
    private static readonly PeerRule HostExecutionCapAdd = PeerRule.ComposeLint("CL-0024");
    private static readonly PeerRule BoundedCapAdd = PeerRule.ComposeLint("CL-0027");
    private static readonly PeerRule HostReachCapAdd = PeerRule.ComposeLint("CL-0028");
    private static readonly PeerRule HostDisclosureCapAdd = PeerRule.ComposeLint("CL-0030");
    private static readonly PeerAttribution ProfileOff = PeerAttribution.Of(PeerRule.ComposeLint("CL-0009"));
    private static readonly PeerAttribution SeccompOff = PeerAttribution.Of(
        PeerRule.ComposeLint("CL-0009"), PeerRule.Kics("404fde2c-bc4b-4371-9747-7054132ac953", "Default Seccomp Profile Disabled"));

    // KICS "Container Capabilities Unrestricted" flags every cap_add (and a missing cap_drop, PL2009's part).
    private static readonly PeerRule AnyCapAdd = PeerRule.Kics("ce76b7d0-9e77-464d-b86f-c5c48e03e22d", "Container Capabilities Unrestricted");

    // The powerful capabilities and the compose-lint rule each one is (compose-lint grades cap_add in tiers; CL-0011
    // held every tier before the split). MAC_ADMIN and MAC_OVERRIDE have no compose-lint rule.
    private static readonly Dictionary<string, PeerAttribution> Dangerous = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ALL"] = PeerAttribution.Of(HostExecutionCapAdd, DangerousCapAdd, AnyCapAdd),
        ["SYS_ADMIN"] = PeerAttribution.Of(HostExecutionCapAdd, DangerousCapAdd, AnyCapAdd),
        ["SYS_MODULE"] = PeerAttribution.Of(HostExecutionCapAdd, DangerousCapAdd, AnyCapAdd),
        ["SYS_RAWIO"] = PeerAttribution.Of(HostExecutionCapAdd, DangerousCapAdd, AnyCapAdd),
        ["SYS_PTRACE"] = PeerAttribution.Of(BoundedCapAdd, DangerousCapAdd, AnyCapAdd),
        ["DAC_READ_SEARCH"] = PeerAttribution.Of(BoundedCapAdd, DangerousCapAdd, AnyCapAdd),
        ["PERFMON"] = PeerAttribution.Of(HostReachCapAdd, DangerousCapAdd, AnyCapAdd),
        ["SYS_TIME"] = PeerAttribution.Of(HostReachCapAdd, DangerousCapAdd, AnyCapAdd),
        ["NET_ADMIN"] = PeerAttribution.Of(DangerousCapAdd, AnyCapAdd),
        ["SYS_BOOT"] = PeerAttribution.Of(DangerousCapAdd, AnyCapAdd),
        ["BPF"] = PeerAttribution.Of(DangerousCapAdd, AnyCapAdd),
        ["SYSLOG"] = PeerAttribution.Of(HostDisclosureCapAdd, AnyCapAdd),
        ["MAC_ADMIN"] = PeerAttribution.Of(AnyCapAdd),
        ["MAC_OVERRIDE"] = PeerAttribution.Of(AnyCapAdd),
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var allowed = new HashSet<string>(service.Options.GetListOption(AllowedCapabilitiesKey).Select(c => Normalize(c) ?? c), StringComparer.OrdinalIgnoreCase);
            foreach (var capability in service.Service.CapAdd)
            {
                var value = service.KnownValue(capability);
                if (value == null) continue;
                if (Normalize(value) is not { } name || !Dangerous.TryGetValue(name, out var peers) || allowed.Contains(name)) continue;
                service.Report(CapabilityAdded, capability, null, peers, service.Service.Name, value.ToUpperInvariant());
            }
            var confinementOff = service.Service.SecurityOpt.Where(o => service.KnownValue(o) is { } value && TurnsConfinementOff(value)).ToList();
            foreach (var option in confinementOff)
            {
                string value = service.KnownValue(option)!;
                var fix = ComposeEdits.RemoveListItem(option, confinementOff, $"Remove '{value}' (the default profile applies again)");
                service.Report(ConfinementOff, option, fix, IsSeccompOff(value) ? SeccompOff : ProfileOff, service.Service.Name, value);
            }
        });
    }

    private static bool IsSeccompOff(string option) => option.Replace('=', ':').Replace(" ", "").StartsWith("seccomp:", StringComparison.OrdinalIgnoreCase);

    private static bool TurnsConfinementOff(string option)
    {
        string normalized = option.Replace('=', ':').Replace(" ", "").ToLowerInvariant();
        return normalized is "seccomp:unconfined" or "apparmor:unconfined" or "label:disable" or "systempaths:unconfined"
            || normalized.StartsWith("label:type:spc_t", StringComparison.Ordinal);
    }

    /// <summary>
    /// The capability's name without Docker's optional <c>CAP_</c> prefix; null for <c>CAP_ALL</c>, which Docker rejects
    /// (it accepts ALL only unprefixed), so a file naming it never starts.
    /// </summary>
    private static string? Normalize(string capability)
    {
        string name = capability.Trim();
        if (!name.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase)) return name;
        name = name.Substring(4);
        return string.Equals(name, "ALL", StringComparison.OrdinalIgnoreCase) ? null : name;
    }
}
