using System.Collections.Immutable;
using System.Xml;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Semantics.DotNet;

/// <summary>What an element holds between its tags.</summary>
public enum MSBuildXmlContent
{
    /// <summary><c>&lt;X/&gt;</c> or <c>&lt;X&gt;&lt;/X&gt;</c>.</summary>
    Empty,

    /// <summary>Text only.</summary>
    Text,

    /// <summary>CDATA or child elements.</summary>
    Other,
}

/// <summary>
/// One element of an MSBuild file as written (never evaluated): where its <c>&lt;</c> is, its attributes (XML escapes
/// undone) and its text, trimmed, which starts at <see cref="TextStart"/>. <see cref="VerbatimTextSpan"/> is where that
/// text stands in the file when it is written without escapes, so that an edit can replace it; null otherwise.
/// </summary>
public sealed record MSBuildXmlElement(
    string Name, int Start, ImmutableDictionary<string, string> Attributes, MSBuildXmlContent Content, string Text, int TextStart, TextSpan? VerbatimTextSpan)
{
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The elements read from one file, and where reading stopped when the file is not well-formed XML.</summary>
public sealed record MSBuildXmlScan(ImmutableArray<MSBuildXmlElement> Elements, string? Error, int ErrorOffset);

/// <summary>
/// Reads the elements of given names from an MSBuild file's text with <see cref="XmlReader"/>: comments and CDATA are
/// understood (a commented-out property is not a property), DTDs are refused, and positions are offsets in the text.
/// The one reader behind the analyzer's setting locations and <c>plimsoll pin</c>'s rewrites.
/// </summary>
public static class MSBuildXmlReader
{
    public static MSBuildXmlScan Read(SourceText text, ICollection<string> names)
    {
        var elements = ImmutableArray.CreateBuilder<MSBuildXmlElement>();
        // XmlReader counts columns after a BOM; the text keeps it as its first character.
        int bom = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(new StringReader(text.ToString(TextSpan.FromBounds(bom, text.Length))), settings);
        var lines = (IXmlLineInfo)reader;
        int OffsetOf(int line, int column)
            => line < 1 || line > text.Lines.Count ? text.Length : Math.Min(text.Length, text.Lines[line - 1].Start + Math.Max(column, 1) - 1 + (line == 1 ? bom : 0));
        try
        {
            bool pending = reader.Read();
            while (pending)
            {
                if (reader.NodeType != XmlNodeType.Element || !names.Contains(reader.LocalName))
                {
                    pending = reader.Read();
                    continue;
                }
                string name = reader.LocalName;
                int start = Math.Max(0, OffsetOf(lines.LineNumber, lines.LinePosition) - 1); // XmlReader points after the <
                var attributes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
                if (reader.MoveToFirstAttribute())
                {
                    do attributes[reader.LocalName] = reader.Value;
                    while (reader.MoveToNextAttribute());
                    reader.MoveToElement();
                }
                if (reader.IsEmptyElement)
                {
                    elements.Add(new MSBuildXmlElement(name, start, attributes.ToImmutable(), MSBuildXmlContent.Empty, "", start, null));
                    pending = reader.Read();
                    continue;
                }
                pending = reader.Read();
                if (!pending) break;
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    elements.Add(new MSBuildXmlElement(name, start, attributes.ToImmutable(), MSBuildXmlContent.Empty, "", start, null));
                    continue;
                }
                if (reader.NodeType != XmlNodeType.Text && reader.NodeType != XmlNodeType.Whitespace && reader.NodeType != XmlNodeType.SignificantWhitespace)
                {
                    // Not advanced: a child element of a wanted name is still read.
                    elements.Add(new MSBuildXmlElement(name, start, attributes.ToImmutable(), MSBuildXmlContent.Other, "", start, null));
                    continue;
                }
                string value = reader.Value.Trim();
                // Leading white space skipped in the text itself: XmlReader reports a CRLF as one character.
                int textStart = OffsetOf(lines.LineNumber, lines.LinePosition);
                while (textStart < text.Length && char.IsWhiteSpace(text[textStart])) textStart++;
                var span = new TextSpan(textStart, Math.Min(value.Length, text.Length - textStart));
                TextSpan? verbatim = span.Length == value.Length && text.ToString(span) == value ? span : null;
                pending = reader.Read();
                var content = MSBuildXmlContent.Text;
                if (pending && reader.NodeType != XmlNodeType.EndElement) content = MSBuildXmlContent.Other; // text then CDATA or a child
                elements.Add(new MSBuildXmlElement(name, start, attributes.ToImmutable(), content, value, textStart, content == MSBuildXmlContent.Text ? verbatim : null));
            }
        }
        catch (XmlException e)
        {
            return new MSBuildXmlScan(elements.ToImmutable(), e.Message, OffsetOf(e.LineNumber, e.LinePosition));
        }
        return new MSBuildXmlScan(elements.ToImmutable(), null, -1);
    }
}
