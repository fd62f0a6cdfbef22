namespace Plimsoll.Semantics.Dockerfile;

/// <summary>
/// An image reference split per the distribution reference grammar:
/// <c>[registry[:port]/]path[:tag][@algorithm:hex]</c>. A registry port is not a tag.
/// </summary>
public sealed class ImageReference
{
    private ImageReference(string original, string? registry, string path, string? tag, string? digest)
    {
        Original = original;
        Registry = registry;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    public string Original { get; }

    /// <summary>The registry host (with port) when written, e.g. <c>ghcr.io</c> or <c>localhost:5000</c>; null means Docker Hub.</summary>
    public string? Registry { get; }

    /// <summary>The repository path, e.g. <c>library/alpine</c> is written <c>alpine</c>.</summary>
    public string Path { get; }
    public string? Tag { get; }

    /// <summary>The digest including its algorithm, e.g. <c>sha256:…</c>.</summary>
    public string? Digest { get; }

    /// <summary>The registry users actually pull from: <c>docker.io</c> when none is written.</summary>
    public string EffectiveRegistry => Registry ?? "docker.io";

    public bool HasSha256Digest => Digest != null && Digest.StartsWith("sha256:", StringComparison.Ordinal) && Digest.Length == 71;

    /// <summary>Parses a reference; null when it is not one (empty, spaces, bad characters).</summary>
    public static ImageReference? TryParse(string text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        foreach (char c in text)
            if (char.IsWhiteSpace(c) || c == '$') return null;

        string rest = text;
        string? digest = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest.Substring(at + 1);
            rest = rest.Substring(0, at);
            if (digest.IndexOf(':') <= 0) return null;
        }

        string? tag = null;
        int lastColon = rest.LastIndexOf(':');
        int lastSlash = rest.LastIndexOf('/');
        if (lastColon > lastSlash)
        {
            tag = rest.Substring(lastColon + 1);
            rest = rest.Substring(0, lastColon);
            if (tag.Length == 0 || tag.Length > 128) return null;
        }
        if (rest.Length == 0) return null;

        string? registry = null;
        int firstSlash = rest.IndexOf('/');
        if (firstSlash > 0)
        {
            string first = rest.Substring(0, firstSlash);
            if (first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || first == "localhost" || first.Any(char.IsUpper))
            {
                registry = first;
                rest = rest.Substring(firstSlash + 1);
            }
        }
        if (rest.Length == 0) return null;
        return new ImageReference(text, registry, rest, tag, digest);
    }

    public override string ToString() => Original;
}
