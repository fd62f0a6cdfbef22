using System.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>A [Start, End) range in an instruction's logical text.</summary>
internal readonly record struct LogicalRange(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// BuildKit's ways of cutting an instruction's arguments into words, done on the logical line and
/// returning ranges (the tree needs positions; values are cooked from the ranges on demand).
/// </summary>
internal static class ArgumentSplitting
{
    /// <summary>Go's unicode.IsSpace for the characters that matter here.</summary>
    public static bool IsSpace(char c)
        => c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u00A0'
           || (c > 0xFF && char.IsWhiteSpace(c));

    /// <summary>BuildKit's reWhitespace: <c>[\t\v\f\r ]+</c>.</summary>
    public static bool IsSplitSpace(char c) => c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';

    public static int SkipSpace(ReadOnlySpan<char> text, int i, int end)
    {
        while (i < end && IsSpace(text[i])) i++;
        return i;
    }

    /// <summary>The range with Go's strings.TrimSpace applied.</summary>
    public static LogicalRange TrimSpace(ReadOnlySpan<char> text, int start, int end)
    {
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return new LogicalRange(start, end);
    }

    /// <summary>
    /// BuildKit's extractBuilderFlags: leading words that start with <c>--</c> are flags; a bare <c>--</c>
    /// ends them. Returns the flag ranges and where the remaining arguments start.
    /// </summary>
    public static int ExtractFlags(ReadOnlySpan<char> text, int start, int end, List<LogicalRange> flags)
    {
        int pos = start;
        while (true)
        {
            pos = SkipSpace(text, pos, end);
            if (pos >= end) return end;
            if (text[pos] != '-' || pos + 1 >= end || text[pos + 1] != '-') return pos;

            int wordStart = pos;
            char quote = '\0';
            bool inQuote = false;
            int cookedLength = 0;
            bool blankOk = false;
            while (pos < end)
            {
                char c = text[pos];
                if (!inQuote)
                {
                    if (IsSpace(c)) break;
                    if (c == '\'' || c == '"') { quote = c; inQuote = true; blankOk = true; pos++; continue; }
                    if (c == '\\')
                    {
                        if (pos + 1 == end) { pos++; continue; }
                        pos += 2; cookedLength++; continue;
                    }
                    pos++; cookedLength++;
                }
                else
                {
                    if (c == quote) { inQuote = false; pos++; continue; }
                    if (c == '\\')
                    {
                        if (pos + 1 == end) { inQuote = false; pos++; continue; }
                        pos += 2; cookedLength++; continue;
                    }
                    pos++; cookedLength++;
                }
            }

            bool isDoubleDash = pos - wordStart == 2 && text[wordStart + 1] == '-';
            if (isDoubleDash)
            {
                // A bare "--" ends the flags; it is not a flag itself.
                if (pos >= end) return end;
                return pos;
            }
            if (blankOk || cookedLength > 0) flags.Add(new LogicalRange(wordStart, pos));
            if (pos >= end) return end;
        }
    }

    /// <summary>The flag word as BuildKit stores it: quotes dropped, backslash escapes applied.</summary>
    public static string CookFlagWord(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        char quote = '\0';
        bool inQuote = false;
        for (int pos = 0; pos < raw.Length; pos++)
        {
            char c = raw[pos];
            if (!inQuote && (c == '\'' || c == '"')) { quote = c; inQuote = true; continue; }
            if (inQuote && c == quote) { inQuote = false; continue; }
            if (c == '\\')
            {
                if (pos + 1 == raw.Length) continue;
                pos++;
                c = raw[pos];
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>BuildKit's parseWords (ENV, LABEL, ARG): whitespace-separated, quotes and escapes kept in the word.</summary>
    public static void ParseWords(ReadOnlySpan<char> text, int start, int end, char escape, List<LogicalRange> words)
    {
        int pos = start;
        while (true)
        {
            pos = SkipSpace(text, pos, end);
            if (pos >= end) return;
            int wordStart = pos;
            int wordEnd = pos;
            bool inQuote = false;
            char quote = '\0';
            bool blankOk = false;
            while (pos < end)
            {
                char c = text[pos];
                if (!inQuote)
                {
                    if (IsSpace(c)) break;
                    if (c == '\'' || c == '"') { quote = c; blankOk = true; inQuote = true; }
                    if (c == escape)
                    {
                        if (pos + 1 == end) { pos++; break; } // a lone escape at the end is dropped
                        pos += 2; wordEnd = pos; continue;
                    }
                    pos++; wordEnd = pos;
                }
                else
                {
                    if (c == quote) inQuote = false;
                    if (c == escape && quote != '\'')
                    {
                        if (pos + 1 == end) { pos++; break; }
                        pos += 2; wordEnd = pos; continue;
                    }
                    pos++; wordEnd = pos;
                }
            }
            if (blankOk || wordEnd > wordStart) words.Add(new LogicalRange(wordStart, wordEnd));
        }
    }

    /// <summary>BuildKit's reWhitespace.Split(rest, -1): fields between runs of [\t\v\f\r ].</summary>
    public static void SplitWhitespace(ReadOnlySpan<char> text, int start, int end, List<LogicalRange> words)
    {
        int pos = start;
        int fieldStart = start;
        while (pos < end)
        {
            if (IsSplitSpace(text[pos]))
            {
                words.Add(new LogicalRange(fieldStart, pos));
                while (pos < end && IsSplitSpace(text[pos])) pos++;
                fieldStart = pos;
                continue;
            }
            pos++;
        }
        words.Add(new LogicalRange(fieldStart, end));
    }
}
