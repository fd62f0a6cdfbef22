using System.Text;

namespace Plimsoll.Reporting.Sarif;

/// <summary>
/// How a file path is written as a SARIF <c>artifactLocation</c>: relative to <c>%SRCROOT%</c> inside the
/// repository, an absolute <c>file:</c> URI elsewhere. Pure string work: the file system is never touched.
/// </summary>
internal readonly struct ArtifactUri : IEquatable<ArtifactUri>
{
    public const string SourceRootId = "%SRCROOT%";

    public ArtifactUri(string uri, string? uriBaseId)
    {
        Uri = uri;
        UriBaseId = uriBaseId;
    }

    public string Uri { get; }

    /// <summary><see cref="SourceRootId"/> for a relative <see cref="Uri"/>, null for an absolute one.</summary>
    public string? UriBaseId { get; }

    public bool Equals(ArtifactUri other) => string.Equals(Uri, other.Uri, StringComparison.Ordinal) && string.Equals(UriBaseId, other.UriBaseId, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is ArtifactUri other && Equals(other);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Uri) ^ (UriBaseId is null ? 0 : 1);

    /// <summary>Maps paths to URIs for one repository root (null: every path absolute).</summary>
    internal sealed class Mapper
    {
        private readonly string? rootWithSlash;

        public Mapper(string? repositoryRoot)
        {
            if (!string.IsNullOrEmpty(repositoryRoot))
            {
                string full = Normalize(FullPath(repositoryRoot!, null));
                rootWithSlash = full.EndsWith("/", StringComparison.Ordinal) ? full : full + "/";
                RootUri = ToFileUri(rootWithSlash);
            }
        }

        /// <summary>The <c>file:</c> URI of the root, ending with a slash as SARIF requires of a base; null without a root.</summary>
        public string? RootUri { get; }

        public ArtifactUri Map(string path)
        {
            string full = Normalize(FullPath(path, rootWithSlash));
            if (rootWithSlash != null && full.Length > rootWithSlash.Length && full.StartsWith(rootWithSlash, PathComparison))
            {
                return new ArtifactUri(EscapePath(full.Substring(rootWithSlash.Length)), SourceRootId);
            }
            return new ArtifactUri(ToFileUri(full), null);
        }

        private static StringComparison PathComparison =>
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        private static string FullPath(string path, string? baseFolder)
        {
            try
            {
                if (!Path.IsPathRooted(path) && baseFolder != null) path = Path.Combine(baseFolder, path);
                return Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
            {
                // A path the platform cannot normalise is still written, as given.
                return path;
            }
        }

        private static string Normalize(string path) => Path.DirectorySeparatorChar == '\\' ? path.Replace('\\', '/') : path;

        private static string ToFileUri(string absolutePath)
        {
            // "C:/x" → "file:///C:/x"; "/x" → "file:///x"; "//server/share" → "file://server/share".
            if (absolutePath.StartsWith("//", StringComparison.Ordinal)) return "file:" + EscapePath(absolutePath);
            if (!absolutePath.StartsWith("/", StringComparison.Ordinal)) absolutePath = "/" + absolutePath;
            return "file://" + EscapePath(absolutePath);
        }
    }

    /// <summary>Percent-encodes everything in a path but RFC 3986 unreserved characters, '/' and a drive letter's ':' (UTF-8 for non-ASCII).</summary>
    internal static string EscapePath(string path)
    {
        var builder = new StringBuilder(path.Length + 16);
        var utf8 = Encoding.UTF8;
        var bytes = new byte[4];
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if (IsUnreserved(c) || c == '/' || (c == ':' && IsDriveColon(path, i)))
            {
                builder.Append(c);
                continue;
            }
            int charCount = char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]) ? 2 : 1;
            // A lone surrogate cannot be UTF-8 encoded: write U+FFFD's bytes rather than fail.
            int byteCount = charCount == 1 && char.IsSurrogate(c)
                ? utf8.GetBytes("\uFFFD", 0, 1, bytes, 0)
                : utf8.GetBytes(path, i, charCount, bytes, 0);
            for (int b = 0; b < byteCount; b++)
            {
                builder.Append('%').Append("0123456789ABCDEF"[bytes[b] >> 4]).Append("0123456789ABCDEF"[bytes[b] & 0xF]);
            }
            i += charCount - 1;
        }
        return builder.ToString();
    }

    private static bool IsUnreserved(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';

    // "/C:/..." or "C:/...": the colon right after a single drive letter at the start.
    private static bool IsDriveColon(string path, int i)
    {
        int letter = i - 1;
        if (letter < 0 || !((path[letter] >= 'a' && path[letter] <= 'z') || (path[letter] >= 'A' && path[letter] <= 'Z'))) return false;
        return letter == 0 || (letter == 1 && path[0] == '/');
    }
}
