using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2008: a raw host device passed through <c>devices:</c> that gives the container the host's memory, disks or
/// kernel log: block disks, loop and device-mapper nodes, <c>/dev/kmsg</c>, all of <c>/dev</c>; <c>/dev/mem</c> and MSRs
/// when the service can open them (CAP_SYS_RAWIO).
/// </summary>
[PlimsollAnalyzer]
public sealed class HostDeviceExposedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage DangerousDevice = new("dangerousDevice",
        "Host device '{device}' is passed to the container: {grants}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2008", name: "HostDeviceExposed", title: "Dangerous host device exposed",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Error,
        description: "Raw memory, disk, loop and device-mapper devices let a container read and rewrite the host's memory or filesystems underneath every mount restriction.",
        securitySeverity: "8.5", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [DangerousDevice],
        peers: [PeerRule.ComposeLint("CL-0016")]);

    // In a class of their own: the patterns are built when a service first lists a device, not when the rules load
    // (a run of Dockerfiles only never needs them).
    private static class DevicePatterns
    {
        public static readonly (Regex Pattern, string Grants)[] All =
        {
            (new Regex(@"^/dev$"), "every host device, disks and memory included"),
            (new Regex(@"^/dev/(mem|kmem)$"), "raw access to the host's physical or kernel memory"),
            (new Regex(@"^/dev/port$"), "raw access to the host's I/O ports"),
            (new Regex(@"^/dev/kmsg$"), "the host kernel's log, to read and to forge entries in"),
            (new Regex(@"^/dev/cpu(/\d+)?/msr$|^/dev/cpu$"), "the CPU's model-specific registers, which can switch off kernel protections"),
            // IDE disks are hda to hdt: one letter, so /dev/hdmi0 (a display) is not one.
            (new Regex(@"^/dev/((sd|vd|xvd)[a-z]+|hd[a-z])\d*$"), "raw read and write access to a host disk, beneath every mount restriction"),
            // md: RAID arrays by number or by name (/dev/md/data) and their folder; zd and zvol: ZFS volumes; mtdblock: flash.
            (new Regex(@"^/dev/(nvme\d+(n\d+)?(p\d+)?|mmcblk\d+(p\d+)?|md(\d+|/.*)?|nbd\d+|rbd\d+|sg\d+|raw(\d+|/.*)?|zd\d+(p\d+)?|zvol(/.*)?|mtdblock\d+)$"), "raw read and write access to a host disk, beneath every mount restriction"),
            (new Regex(@"^/dev/disk(/.*)?$"), "raw read and write access to the host's disks, beneath every mount restriction"),
            (new Regex(@"^/dev/(loop\d*|loop-control)$"), "loop devices, with which the container can attach and mount disk images"),
            (new Regex(@"^/dev/(dm-\d+|mapper(/.*)?)$"), "device-mapper volumes (LVM, encrypted disks) in raw form"),
            (new Regex(@"^/dev/zfs$"), "control of every ZFS pool the host can see"),
        };
    }

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        // In a stack the model has no devices: swarm ignores the key.
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var item in service.Service.Devices)
            {
                var source = item switch
                {
                    ProjectScalar scalar => scalar,
                    ProjectMapping mapping => mapping.Scalar("source"),
                    _ => null,
                };
                if (service.KnownValue(source) is not { } value) continue;
                // Short syntax: HOST[:CONTAINER[:PERMISSIONS]]; a CDI name (vendor.com/class=name) is not a path.
                string device = item is ProjectScalar ? value.Split(':')[0] : value;
                device = HostPaths.Normalize(device.Trim());
                if (Grants(device) is not { } grants) continue;
                if (NeedsRawIo(device) && !CanDoRawIo(service)) continue;
                service.Report(DangerousDevice, source!, device, grants);
            }
        });
    }

    // The kernel opens /dev/mem, /dev/kmem, /dev/port and the MSR devices only for a process with CAP_SYS_RAWIO, which
    // Docker does not grant by default: without it (cap_add or privileged) the device node is there and useless.
    private static bool NeedsRawIo(string device)
        => device is "/dev/mem" or "/dev/kmem" or "/dev/port" or "/dev/cpu" || (device.StartsWith("/dev/cpu/", StringComparison.Ordinal) && device.EndsWith("/msr", StringComparison.Ordinal));

    private static bool CanDoRawIo(ComposeServiceAnalysisContext service)
    {
        if (string.Equals(service.KnownValue(service.Service.Privileged), "true", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var capability in service.Service.CapAdd)
        {
            if (service.KnownValue(capability) is not { } value) continue;
            string name = value.Trim().ToUpperInvariant();
            if (name is "ALL" or "SYS_RAWIO" or "CAP_SYS_RAWIO") return true;
        }
        return false;
    }

    internal static string? Grants(string device)
    {
        foreach (var (pattern, grants) in DevicePatterns.All)
        {
            if (pattern.IsMatch(device)) return grants;
        }
        return null;
    }
}
