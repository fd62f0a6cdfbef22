using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Cli.Pinning;

/// <summary>
/// Where a file writes an image reference literally enough to rewrite it: the exact span of the reference text
/// (a FROM image, a <c>COPY --from</c> or <c>RUN --mount from=</c> value, the default of the ARG a FROM reads,
/// a compose <c>image:</c> value). Appending <c>@sha256:…</c> after the span pins it. <see cref="Platform"/> is the
/// platform the file asks for it (<c>FROM --platform=linux/arm64</c>, compose <c>platform:</c>) when written literally.
/// </summary>
internal sealed record ImageReferenceSite(TextSpan Span, string Reference, string Where, LinePosition Position, string? Platform = null)
{
    public string Location(string path) => $"{path}:{Position.Line + 1}:{Position.Character + 1}";
}

/// <summary>An image reference the file builds in a way <c>pin</c> cannot rewrite (a build argument without a literal default, interpolation).</summary>
internal sealed record SkippedReference(string Text, string Reason, LinePosition Position)
{
    public string Location(string path) => $"{path}:{Position.Line + 1}:{Position.Character + 1}";
}

/// <summary>The references found in one file.</summary>
internal sealed record ReferenceSites(IReadOnlyList<ImageReferenceSite> Sites, IReadOnlyList<SkippedReference> Skipped);

internal static class SourcePosition
{
    /// <summary>The line and column of a position as editors count them: a leading BOM is no column.</summary>
    public static LinePosition Of(SourceText text, int position)
    {
        var line = text.Lines.GetLinePosition(position);
        return line.Line == 0 && line.Character > 0 && text.Length > 0 && text[0] == '\uFEFF' ? new LinePosition(0, line.Character - 1) : line;
    }
}
