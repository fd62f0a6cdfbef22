using System.Xml;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Registry;

namespace Plimsoll.Cli.Pinning;

/// <summary>
/// The <c>ContainerBaseImage</c> properties of MSBuild files (project files, <c>Directory.Build.props</c>, imports) that
/// <c>pin</c> can rewrite: a literal image written as the element's text. A value built from properties (<c>$(…)</c>) or
/// written with XML escapes or CDATA is skipped with the reason. The file is read as XML text only: never evaluated.
/// </summary>
internal static class ProjectFileReferenceFinder
{
    private const string Property = "ContainerBaseImage";

    private static readonly string[] Extensions = { ".csproj", ".fsproj", ".vbproj", ".props", ".targets" };

    public static bool IsMSBuildFile(string name) => Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static ReferenceSites Find(SourceText text, string path)
    {
        var sites = new List<ImageReferenceSite>();
        var skipped = new List<SkippedReference>();
        // XmlReader counts columns after a BOM; the text keeps it as its first character.
        int bom = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(new StringReader(text.ToString(bom == 0 ? new TextSpan(0, text.Length) : TextSpan.FromBounds(1, text.Length))), settings);
        var lines = (IXmlLineInfo)reader;
        int OffsetOf(int line, int column) => text.Lines[line - 1].Start + column - 1 + (line == 1 ? bom : 0);
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != Property || reader.IsEmptyElement) continue;
                var element = SourcePosition.Of(text, OffsetOf(lines.LineNumber, lines.LinePosition) - 1); // XmlReader points after the <
                if (!reader.Read()) break;
                if (reader.NodeType != XmlNodeType.Text)
                {
                    if (reader.NodeType != XmlNodeType.EndElement)
                        skipped.Add(new SkippedReference(Property, "the value is not plain text (CDATA or child elements)", element));
                    continue;
                }
                string raw = reader.Value;
                string value = raw.Trim();
                // Leading white space skipped in the source text itself: XmlReader reports a CRLF as one character.
                int start = OffsetOf(lines.LineNumber, lines.LinePosition);
                while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
                var span = new TextSpan(start, value.Length);
                var position = SourcePosition.Of(text, start);
                if (value.Contains("$(", StringComparison.Ordinal))
                    skipped.Add(new SkippedReference(value, "the image is built from MSBuild properties", position));
                else if (span.End > text.Length || text.ToString(span) != value)
                    skipped.Add(new SkippedReference(value, "the value is written with XML escapes", position));
                else if (RegistryImageName.TryParse(value) == null)
                    skipped.Add(new SkippedReference(value, "not a valid image reference", position));
                else
                    sites.Add(new ImageReferenceSite(span, value, Property + " property", position));
            }
        }
        catch (XmlException e)
        {
            var at = e.LineNumber > 0 && e.LineNumber <= text.Lines.Count ? SourcePosition.Of(text, Math.Min(text.Length, OffsetOf(e.LineNumber, Math.Max(1, e.LinePosition)))) : new LinePosition(0, 0);
            skipped.Add(new SkippedReference(Path.GetFileName(path), "not well-formed XML, the rest of the file is not read: " + e.Message, at));
        }
        return new ReferenceSites(sites, skipped);
    }
}
