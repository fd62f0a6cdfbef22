using Plimsoll.Registry;

namespace Plimsoll.Tests.Registry;

/// <summary>Platform strings as FROM --platform and compose write them, compared as an image index's entries are.</summary>
public class ImagePlatformTests
{
    [Theory]
    [InlineData("linux/arm64", "linux", "arm64", null, true)]
    [InlineData("linux/aarch64", "linux", "arm64", "v8", true)]
    [InlineData("linux/x86_64", "linux", "amd64", null, true)]
    [InlineData("linux/arm", "linux", "arm", "v7", true)]
    [InlineData("linux/arm/v7", "linux", "arm", "v7", true)]
    [InlineData("linux/arm/v6", "linux", "arm", "v7", false)]
    [InlineData("linux/arm64", "linux", "amd64", null, false)]
    [InlineData("windows/amd64", "linux", "amd64", null, false)]
    [InlineData("LINUX/AMD64", "linux", "amd64", null, true)]
    public void A_platform_asked_for_is_served_by_the_same_os_and_architecture_and_any_variant_unless_one_is_named(
        string asked, string os, string architecture, string? variant, bool served)
        => Assert.Equal(served, ImagePlatform.TryParse(asked)!.IsServedBy(ImagePlatform.Create(os, architecture, variant)));

    [Theory]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("linux/arm/v7/extra")]
    [InlineData("$BUILDPLATFORM")]
    [InlineData("linux/amd64,linux/arm64")]
    public void Anything_but_os_architecture_and_variant_is_not_a_platform(string text) => Assert.Null(ImagePlatform.TryParse(text));

    [Fact]
    public void Written_as_os_architecture_variant()
        => Assert.Equal("linux/arm/v7", ImagePlatform.TryParse("linux/arm/v7")!.ToString());
}
