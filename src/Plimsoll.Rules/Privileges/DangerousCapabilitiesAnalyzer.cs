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
            PeerRule.ComposeLint("CL-0009"), PeerRule.ComposeLint("CL-0011"), PeerRule.ComposeLint("CL-0024"),
            PeerRule.ComposeLint("CL-0027"), PeerRule.ComposeLint("CL-0028"), PeerRule.ComposeLint("CL-0030"),
        ],
        fix: FixApplicability.Unsafe);

    /// <summary>Capabilities a project accepts (<c>plimsoll.allowed_capabilities = NET_ADMIN, SYS_TIME</c>): not reported.</summary>
    public const string AllowedCapabilitiesKey = "plimsoll.allowed_capabilities";

    private static readonly HashSet<string> Dangerous = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "NET_ADMIN", "DAC_READ_SEARCH", "SYS_BOOT", "BPF", "PERFMON", "MAC_ADMIN", "MAC_OVERRIDE", "SYS_TIME", "SYSLOG",
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var allowed = new HashSet<string>(service.Options.GetListOption(AllowedCapabilitiesKey).Select(Normalize), StringComparer.OrdinalIgnoreCase);
            foreach (var capability in service.Service.CapAdd)
            {
                var value = service.KnownValue(capability);
                if (value == null) continue;
                string name = Normalize(value);
                if (Dangerous.Contains(name) && !allowed.Contains(name))
                    service.Report(CapabilityAdded, capability, service.Service.Name, value.ToUpperInvariant());
            }
            var confinementOff = service.Service.SecurityOpt.Where(o => service.KnownValue(o) is { } value && TurnsConfinementOff(value)).ToList();
            foreach (var option in confinementOff)
            {
                string value = service.KnownValue(option)!;
                var fix = ComposeEdits.RemoveListItem(option, confinementOff, $"Remove '{value}' (the default profile applies again)");
                service.Report(ConfinementOff, option, fix, service.Service.Name, value);
            }
        });
    }

    private static bool TurnsConfinementOff(string option)
    {
        string normalized = option.Replace('=', ':').Replace(" ", "").ToLowerInvariant();
        return normalized is "seccomp:unconfined" or "apparmor:unconfined" or "label:disable" or "systempaths:unconfined"
            || normalized.StartsWith("label:type:spc_t", StringComparison.Ordinal);
    }

    private static string Normalize(string capability)
    {
        string name = capability.Trim();
        return name.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? name.Substring(4) : name;
    }
}
