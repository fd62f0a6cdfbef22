using System.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>A heredoc marker found in an instruction line, e.g. <c>3&lt;&lt;-'EOF'</c>.</summary>
internal readonly record struct HeredocMarker(LogicalRange Range, string Name, bool Expand, bool Chomp, int FileDescriptor);

/// <summary>
/// Finds heredoc markers as BuildKit does: split the line into words keeping quotes and escapes raw
/// (blanks after <c>&lt;&lt;</c> stay in the word), match <c>^(\d*)&lt;&lt;(-?)\s*([^&lt;]*)$</c>, then read the
/// terminator word once with quotes removed and once with them kept: if the counts of quote characters
/// differ, part of it was quoted and the body is not expanded.
/// </summary>
internal static class HeredocMarkers
{
    public static List<HeredocMarker> Find(string line)
    {
        var markers = new List<HeredocMarker>();
        foreach (var word in SplitRawWords(line))
        {
            var marker = Match(line, word);
            if (marker.HasValue) markers.Add(marker.Value);
        }
        return markers;
    }

    private static IEnumerable<LogicalRange> SplitRawWords(string text)
    {
        int pos = 0, end = text.Length;
        while (pos < end)
        {
            while (pos < end && IsBlank(text[pos])) pos++;
            if (pos >= end) yield break;
            int start = pos;
            while (pos < end && !IsBlank(text[pos]))
            {
                char c = text[pos];
                if (c == '\\') { pos = Math.Min(end, pos + 2); continue; }
                if (c == '\'' || c == '"')
                {
                    pos++;
                    while (pos < end && text[pos] != c)
                    {
                        if (c == '"' && text[pos] == '\\') pos++;
                        pos++;
                    }
                    pos = Math.Min(end, pos + 1);
                    continue;
                }
                if (c == '<' && pos + 1 < end && text[pos + 1] == '<')
                {
                    pos += 2;
                    while (pos < end && IsBlank(text[pos])) pos++;
                    continue;
                }
                pos++;
            }
            yield return new LogicalRange(start, pos);
        }
    }

    private static HeredocMarker? Match(string text, LogicalRange word)
    {
        int i = word.Start, end = word.End;
        int fdStart = i;
        while (i < end && text[i] >= '0' && text[i] <= '9') i++;
        int fdEnd = i;
        if (end - i < 2 || text[i] != '<' || text[i + 1] != '<') return null;
        i += 2;
        bool chomp = i < end && text[i] == '-';
        if (chomp) i++;
        while (i < end && IsBlank(text[i])) i++;
        if (i >= end) return null;
        for (int k = i; k < end; k++)
            if (text[k] == '<') return null;

        string rest = text.Substring(i, end - i);
        var unquoted = Unquote(rest, keepQuotes: false);
        var raw = Unquote(rest, keepQuotes: true);
        if (unquoted == null || raw == null) return null;
        int fd = 0;
        if (fdEnd > fdStart) int.TryParse(text.Substring(fdStart, Math.Min(9, fdEnd - fdStart)), out fd);
        bool expand = CountQuotes(unquoted) == CountQuotes(raw);
        return new HeredocMarker(word, unquoted, expand, chomp, fd);
    }

    /// <summary>The single word <paramref name="rest"/> with escapes applied and quotes removed (or kept); null if not one word.</summary>
    private static string? Unquote(string rest, bool keepQuotes)
    {
        var builder = new StringBuilder(rest.Length);
        for (int i = 0; i < rest.Length; i++)
        {
            char c = rest[i];
            if (IsBlank(c)) return null; // more than one word
            if (c == '\\')
            {
                if (i + 1 < rest.Length) builder.Append(rest[++i]);
                continue;
            }
            if (c == '\'' || c == '"')
            {
                if (keepQuotes) builder.Append(c);
                i++;
                while (i < rest.Length && rest[i] != c)
                {
                    if (c == '"' && rest[i] == '\\' && i + 1 < rest.Length) i++;
                    builder.Append(rest[i]);
                    i++;
                }
                if (i >= rest.Length) return null; // unterminated quote
                if (keepQuotes) builder.Append(c);
                continue;
            }
            builder.Append(c);
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    private static int CountQuotes(string s)
    {
        int count = 0;
        foreach (char c in s) if (c == '\'' || c == '"') count++;
        return count;
    }

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}
