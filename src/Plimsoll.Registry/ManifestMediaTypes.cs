namespace Plimsoll.Registry;

/// <summary>The manifest media types a tag may resolve to, in the order of preference sent as <c>Accept</c>.</summary>
public static class ManifestMediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>
    /// Indexes and manifest lists first: a registry that has one for the tag then answers with it, so a multi-arch
    /// image is pinned to its index digest (every platform), not to the manifest of one platform.
    /// </summary>
    public static readonly IReadOnlyList<string> Accepted = new[] { OciIndex, DockerManifestList, OciManifest, DockerManifest };
}
