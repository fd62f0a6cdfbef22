using System.Collections.Immutable;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2003: <c>cap_add</c> of powerful capabilities; <c>security_opt</c> that turns seccomp, AppArmor or SELinux labelling off.</summary>
[PlimsollAnalyzer]
public sealed class DangerousCapabilitiesAnalyzer : PlimsollAnalyzer
{
    private static readonly HashSet<string> Dangerous = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "NET_ADMIN", "DAC_READ_SEARCH", "SYS_BOOT", "BPF", "PERFMON", "MAC_ADMIN", "MAC_OVERRIDE", "SYS_TIME", "SYSLOG",
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.DangerousCapabilities);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var capability in service.Service.CapAdd)
            {
                var value = service.KnownValue(capability);
                if (value == null) continue;
                string name = value.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? value.Substring(4) : value;
                if (Dangerous.Contains(name))
                    service.Report(RuleCatalog.DangerousCapabilities, capability, $"Service '{service.Service.Name}' adds capability {value.ToUpperInvariant()}, which lets a compromised container reach the host");
            }
            foreach (var option in service.Service.SecurityOpt)
            {
                var value = service.KnownValue(option);
                if (value == null) continue;
                string normalized = value.Replace('=', ':').Replace(" ", "").ToLowerInvariant();
                if (normalized is "seccomp:unconfined" or "apparmor:unconfined" or "label:disable" or "systempaths:unconfined" || normalized.StartsWith("label:type:spc_t", StringComparison.Ordinal))
                    service.Report(RuleCatalog.DangerousCapabilities, option, $"Service '{service.Service.Name}' sets security_opt {value}, which turns off a confinement layer");
            }
        });
    }
}
