using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Shared;

/// <summary>Text edits several rules' fixes share; each keeps every byte it does not mean to change.</summary>
internal static class RuleEdits
{
    /// <summary>
    /// Deletes the whole line of a compose <c>key: value</c> entry (the value at <paramref name="valueSpan"/>) when that line
    /// holds only the entry and perhaps a comment; null for flow mappings, multi-line values and anything unusual.
    /// </summary>
    public static CodeFix? RemoveEntryLine(SourceText text, TextSpan valueSpan, string key, string title)
    {
        var line = text.Lines.GetLineFromPosition(valueSpan.Start);
        if (valueSpan.End > line.End) return null;
        int keyStart = line.Start;
        while (keyStart < line.End && (text[keyStart] == ' ' || text[keyStart] == '\t')) keyStart++;
        string head = text.ToString(TextSpan.FromBounds(keyStart, valueSpan.Start));
        if (!head.StartsWith(key + ":", StringComparison.Ordinal) || head.Substring(key.Length + 1).Trim().Length != 0) return null;
        string tail = text.ToString(TextSpan.FromBounds(valueSpan.End, line.End)).Trim();
        if (tail.Length > 0 && !tail.StartsWith("#", StringComparison.Ordinal)) return null;
        return new CodeFix(title, new TextChange(line.SpanIncludingLineBreak, ""));
    }

    /// <summary>Deletes a Dockerfile flag (<c>--security=insecure</c>) and the blanks after it on its line.</summary>
    public static CodeFix RemoveFlag(SourceText text, TextSpan flagSpan, string title)
    {
        int end = flagSpan.End;
        while (end < text.Length && (text[end] == ' ' || text[end] == '\t')) end++;
        return new CodeFix(title, new TextChange(TextSpan.FromBounds(flagSpan.Start, end), ""));
    }
}
