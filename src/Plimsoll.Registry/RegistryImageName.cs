namespace Plimsoll.Registry;

/// <summary>
/// An image reference normalised the way the Docker CLI normalises it before it talks to a registry:
/// <c>nginx</c> is <c>docker.io/library/nginx:latest</c>, <c>index.docker.io</c> is <c>docker.io</c>, and a first
/// path component with a dot, a colon or equal to <c>localhost</c> is a registry host (with its port).
/// </summary>
public sealed class RegistryImageName
{
    public const string DockerHub = "docker.io";

    private RegistryImageName(string original, string registry, string repository, string? tag, string? digest)
    {
        Original = original;
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The reference as written.</summary>
    public string Original { get; }

    /// <summary>The registry host with its port, e.g. <c>docker.io</c>, <c>localhost:5000</c>.</summary>
    public string Registry { get; }

    /// <summary>The repository, e.g. <c>library/nginx</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag as written, or null.</summary>
    public string? Tag { get; }

    /// <summary>The digest as written (e.g. <c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary>The tag the registry is asked for: the written one, or <c>latest</c>.</summary>
    public string EffectiveTag => Tag ?? "latest";

    /// <summary>The host the API is served from: Docker Hub's API lives on <c>registry-1.docker.io</c>.</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>The canonical <c>registry/repository:tag</c> (the same tag asked of the same registry resolves once).</summary>
    public string CanonicalTagReference => Registry + "/" + Repository + ":" + EffectiveTag;

    /// <summary>Parses a reference; null when it is not a valid one (the distribution reference grammar, lower-case paths).</summary>
    public static RegistryImageName? TryParse(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 4096) return null;
        string rest = text;
        string? digest = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest.Substring(at + 1);
            rest = rest.Substring(0, at);
            if (!IsDigestShape(digest)) return null;
        }

        string? tag = null;
        int lastColon = rest.LastIndexOf(':');
        if (lastColon > rest.LastIndexOf('/'))
        {
            tag = rest.Substring(lastColon + 1);
            rest = rest.Substring(0, lastColon);
            if (!IsTag(tag)) return null;
        }

        string registry = DockerHub;
        int firstSlash = rest.IndexOf('/');
        if (firstSlash > 0)
        {
            string first = rest.Substring(0, firstSlash);
            if (first.Contains('.') || first.Contains(':') || first == "localhost")
            {
                registry = first;
                rest = rest.Substring(firstSlash + 1);
            }
        }
        if (registry == "index.docker.io") registry = DockerHub;
        if (!IsHost(registry) || !IsRepositoryPath(rest)) return null;
        if (registry == DockerHub && !rest.Contains('/')) rest = "library/" + rest;
        return new RegistryImageName(text, registry, rest, tag, digest);
    }

    private static bool IsDigestShape(string digest)
    {
        int colon = digest.IndexOf(':');
        if (colon <= 0 || colon == digest.Length - 1) return false;
        for (int i = colon + 1; i < digest.Length; i++)
            if (!Uri.IsHexDigit(digest[i])) return false;
        return true;
    }

    private static bool IsTag(string tag)
    {
        if (tag.Length == 0 || tag.Length > 128 || !(char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_')) return false;
        foreach (char c in tag)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')) return false;
        return true;
    }

    private static bool IsHost(string host)
    {
        foreach (char c in host)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')) return false;
        return host.Length > 0;
    }

    private static bool IsRepositoryPath(string path)
    {
        if (path.Length == 0) return false;
        foreach (var component in path.Split('/'))
        {
            if (component.Length == 0 || !char.IsAsciiLetterLower(component[0]) && !char.IsAsciiDigit(component[0])) return false;
            foreach (char c in component)
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-')) return false;
        }
        return true;
    }

    public override string ToString() => Original;
}
