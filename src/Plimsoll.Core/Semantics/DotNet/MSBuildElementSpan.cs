using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Semantics.DotNet;

/// <summary>Finds an MSBuild element's text from where MSBuild says it starts: the element up to its end tag (or <c>/&gt;</c>).</summary>
public static class MSBuildElementSpan
{
    /// <summary>The span of the element starting at <paramref name="location"/>; the rest of its line when the text there is not that element (the file changed).</summary>
    public static TextSpan Find(SourceText text, MSBuildElementLocation location, string elementName)
    {
        if (location.Line < 1 || location.Line > text.Lines.Count) return new TextSpan(0, 0);
        var line = text.Lines[location.Line - 1];
        int start = Math.Min(line.Start + Math.Max(location.Column - 1, 0), line.End);
        string content = text.ToString();
        string open = "<" + elementName;
        if (string.CompareOrdinal(content, start, open, 0, open.Length) != 0) return TextSpan.FromBounds(start, line.End);
        int tagEnd = content.IndexOf('>', start);
        if (tagEnd < 0) return TextSpan.FromBounds(start, line.End);
        if (content[tagEnd - 1] == '/') return TextSpan.FromBounds(start, tagEnd + 1);
        string close = "</" + elementName;
        int closeStart = content.IndexOf(close, tagEnd, StringComparison.Ordinal);
        int closeEnd = closeStart < 0 ? -1 : content.IndexOf('>', closeStart);
        return closeEnd < 0 ? TextSpan.FromBounds(start, line.End) : TextSpan.FromBounds(start, closeEnd + 1);
    }
}
