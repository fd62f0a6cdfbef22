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
}
