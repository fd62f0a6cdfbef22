using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Privileges;

/// <summary>PL2008 on device names near the edges of the families it knows: named RAID arrays, ZFS volumes, flash, and look-alikes.</summary>
public class HostDeviceExposedTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static bool Fires(string device)
        => RuleRunner.Run(Registry, "yaml", $"services:\n  vm:\n    image: qemu/host:9.1\n    devices:\n      - \"{device}:/dev/target\"\n", withSchema: false)
            .Any(f => f.Id == "PL2008");

    [Theory]
    [InlineData("/dev/md/backup")]
    [InlineData("/dev/md/")]
    [InlineData("/dev/md3")]
    [InlineData("/dev/zd32")]
    [InlineData("/dev/zd0p1")]
    [InlineData("/dev/zvol/pool0/guest-disk")]
    [InlineData("/dev/mtdblock2")]
    [InlineData("/dev/hdc")]
    [InlineData("/dev/hdd3")]
    public void Disk_like_devices_are_flagged(string device) => Assert.True(Fires(device));

    [Theory]
    [InlineData("/dev/hdmi1")]
    [InlineData("/dev/hidraw3")]
    [InlineData("/dev/mdadm")]
    [InlineData("/dev/mtd1")]
    [InlineData("/dev/zero")]
    [InlineData("/dev/snd")]
    public void Look_alikes_are_not(string device) => Assert.False(Fires(device));

    private static bool FiresWith(string device, string extra)
        => RuleRunner.Run(Registry, "yaml", $"services:\n  vm:\n    image: qemu/host:9.1\n{extra}    devices:\n      - \"{device}\"\n", withSchema: false)
            .Any(f => f.Id == "PL2008");

    // The kernel opens these only with CAP_SYS_RAWIO, which Docker does not grant by default.
    [Theory]
    [InlineData("/dev/mem")]
    [InlineData("/dev/kmem")]
    [InlineData("/dev/port")]
    [InlineData("/dev/cpu/0/msr")]
    public void Raw_io_devices_need_the_capability_to_matter(string device)
    {
        Assert.False(FiresWith(device, ""));
        Assert.False(FiresWith(device, "    cap_add: [NET_ADMIN, \"${EXTRA_CAP}\"]\n"));
        Assert.True(FiresWith(device, "    cap_add: [SYS_RAWIO]\n"));
        Assert.True(FiresWith(device, "    cap_add: [cap_sys_rawio]\n"));
        Assert.True(FiresWith(device, "    cap_add: [ALL]\n"));
        Assert.True(FiresWith(device, "    privileged: true\n"));
    }
}
