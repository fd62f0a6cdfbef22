using System.Text.RegularExpressions;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Shared;

/// <summary>
/// The way an image's history records a COPY or ADD: <c>ADD file:&lt;sha256&gt; in /</c>, <c>COPY dir:&lt;sha256&gt; in /app</c>,
/// <c>COPY multi:&lt;sha256&gt; in /etc/</c>. Dockerfiles rebuilt from an image (docker history, image scanners) carry such
/// lines; they record content that was already copied, not build-context files, so rules about the sources do not apply.
/// </summary>
internal static class ImageHistoryNotation
{
    private static readonly Regex ContentDigest = new("^(file|dir|multi):[0-9a-f]{64}$", RegexOptions.CultureInvariant);

    /// <summary>True for exactly <c>&lt;kind&gt;:&lt;64 hex digits&gt; in &lt;destination&gt;</c>.</summary>
    public static bool IsHistoryRecord(CopyInstructionSyntax copy)
    {
        var paths = copy.PathTokens;
        return paths.Count == 3 && ContentDigest.IsMatch(paths[0].Value) && paths[1].Value == "in";
    }
}
