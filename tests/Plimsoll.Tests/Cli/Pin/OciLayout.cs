using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Plimsoll.Tests.Cli.Pin;

/// <summary>
/// Writes a minimal OCI image layout (oci-layout, index.json, blobs/sha256/…) that skopeo can copy to a registry:
/// one gzip layer holding a file with the given content, a config and a manifest per platform, and — for a
/// multi-arch image — an image index of the platform manifests. The layout's single tag is <c>image</c>.
/// </summary>
internal static class OciLayout
{
    public const string Tag = "image";

    /// <summary>Writes the layout and returns the digest of what the tag names (the manifest, or the index when multi-arch).</summary>
    public static string Write(string directory, string content, params string[] architectures)
    {
        if (architectures.Length == 0) architectures = new[] { "amd64" };
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");

        byte[] tar = Tar("hello.txt", content);
        var (layerDigest, layerSize) = Blob(directory, Gzip(tar));
        string diffId = Sha256(tar);

        var manifests = new List<(string Digest, long Size, string Architecture)>();
        foreach (var architecture in architectures)
        {
            var (configDigest, configSize) = Blob(directory, Encoding.UTF8.GetBytes(
                $"{{\"architecture\":\"{architecture}\",\"os\":\"linux\",\"config\":{{}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{diffId}\"]}}}}"));
            var (manifestDigest, manifestSize) = Blob(directory, Encoding.UTF8.GetBytes(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
                $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{configSize}}}," +
                $"\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{layerDigest}\",\"size\":{layerSize}}}]}}"));
            manifests.Add((manifestDigest, manifestSize, architecture));
        }

        string topMediaType, topDigest;
        long topSize;
        if (architectures.Length == 1)
        {
            (topMediaType, topDigest, topSize) = ("application/vnd.oci.image.manifest.v1+json", manifests[0].Digest, manifests[0].Size);
        }
        else
        {
            string entries = string.Join(",", manifests.Select(m =>
                $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{m.Digest}\",\"size\":{m.Size},\"platform\":{{\"architecture\":\"{m.Architecture}\",\"os\":\"linux\"}}}}"));
            (topDigest, topSize) = Blob(directory, Encoding.UTF8.GetBytes(
                $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{entries}]}}"));
            topMediaType = "application/vnd.oci.image.index.v1+json";
        }
        File.WriteAllText(Path.Combine(directory, "index.json"),
            $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"{topMediaType}\",\"digest\":\"{topDigest}\",\"size\":{topSize},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{Tag}\"}}}}]}}");
        return topDigest;
    }

    public static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static (string Digest, long Size) Blob(string directory, byte[] bytes)
    {
        string digest = Sha256(bytes);
        File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", digest.Substring(7)), bytes);
        return (digest, bytes.Length);
    }

    private static byte[] Tar(string name, string content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                ModificationTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            };
            writer.WriteEntry(entry);
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return buffer.ToArray();
    }
}
