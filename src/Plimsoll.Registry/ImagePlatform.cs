namespace Plimsoll.Registry;

/// <summary>
/// An OCI platform (<c>os/architecture[/variant]</c>, as <c>FROM --platform</c> and compose <c>platform:</c> write it),
/// compared as the registry's image index does: the common aliases (<c>x86_64</c>, <c>aarch64</c>) are the same
/// architecture, and a platform asked for without a variant accepts any variant.
/// </summary>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant)
{
    public override string ToString() => Variant == null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    /// <summary>Reads <c>linux/arm64</c>, <c>linux/arm/v7</c>, <c>windows/amd64</c>; null for anything else.</summary>
    public static ImagePlatform? TryParse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || p.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.'))) return null;
        return Create(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    public static ImagePlatform Create(string os, string architecture, string? variant)
    {
        string arch = architecture.ToLowerInvariant() switch
        {
            "x86_64" or "x86-64" => "amd64",
            "aarch64" => "arm64",
            "i386" or "i686" => "386",
            var other => other,
        };
        string? v = string.IsNullOrEmpty(variant) ? null : variant.ToLowerInvariant();
        if (arch == "arm64" && v == "v8") v = null; // arm64's only variant
        return new ImagePlatform(os.ToLowerInvariant(), arch, v);
    }

    /// <summary>True when an image for <paramref name="offered"/> serves a build that asks for this platform.</summary>
    public bool IsServedBy(ImagePlatform offered)
        => Os == offered.Os && Architecture == offered.Architecture && (Variant == null || Variant == offered.Variant);
}

/// <summary>The platforms an image offers (its index's entries, or its one manifest's config), or why they are unknown.</summary>
public sealed record ImagePlatforms(IReadOnlyList<ImagePlatform> Platforms, string? Failure)
{
    public bool Succeeded => Failure == null;
}
