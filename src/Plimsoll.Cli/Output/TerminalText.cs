using System.Globalization;
using System.Text;

namespace Plimsoll.Cli.Output;

/// <summary>
/// Makes text from linted files safe to print on a terminal: control characters (C0 but tab, DEL, C1), line and
/// paragraph separators, bidirectional controls and a byte order mark become visible escapes (<c>\x1b</c>,
/// <c>\u202e</c>), so a file cannot clear the screen, retitle the window or reorder what is shown.
/// </summary>
internal static class TerminalText
{
    /// <summary>How many characters of a source line are echoed around the finding; longer lines are cut with "…".</summary>
    public const int MaxEchoedLine = 160;

    /// <summary>How many characters of a message are printed before it is cut with "…".</summary>
    public const int MaxMessage = 1000;

    /// <summary>True for a character that must not reach a terminal as it is (a tab may: it keeps the caret aligned).</summary>
    public static bool NeedsEscape(char c) => c != '\t' && Plimsoll.Text.PrintableText.IsUnsafe(c);

    /// <summary>The printable form of one character (itself, or its escape).</summary>
    public static string Escape(char c)
        => !NeedsEscape(c) ? c.ToString()
            : c <= '\u00FF' ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture)
            : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);

    /// <summary><paramref name="text"/> on one line: tabs too are escaped, and it is cut after <see cref="MaxMessage"/> characters.</summary>
    public static string Sanitize(string text)
    {
        bool clean = text.Length <= MaxMessage;
        // Printable ASCII needs no escape, and is nearly every message: one vectorised search settles it.
        if (clean && text.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0) return text;
        foreach (char c in text)
            if (c == '\t' || NeedsEscape(c)) { clean = false; break; }
        if (clean) return text;

        var builder = new StringBuilder(Math.Min(text.Length, MaxMessage) + 16);
        int length = Math.Min(text.Length, MaxMessage);
        for (int i = 0; i < length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(text[i]).Append(text[++i]);
            else builder.Append(text[i] == '\t' ? "\\t" : Escape(text[i]));
        }
        if (length < text.Length) builder.Append('…');
        return builder.ToString();
    }

    /// <summary>
    /// A source line as echoed under a finding, and the caret line beneath it: at most <see cref="MaxEchoedLine"/>
    /// characters around the caret, escapes in place of unsafe characters, and the caret under the same characters
    /// (an escape is as wide as it prints; tabs stay tabs).
    /// </summary>
    public static (string Line, string CaretPad, int CaretWidth) Echo(string source, int caretStart, int caretEnd)
    {
        caretStart = Math.Clamp(caretStart, 0, source.Length);
        caretEnd = Math.Clamp(caretEnd, caretStart, source.Length);

        // The window: the caret's start with some context before it, no more than the cap in all.
        int from = 0, to = source.Length;
        if (to - from > MaxEchoedLine)
        {
            from = Math.Max(0, Math.Min(caretStart - MaxEchoedLine / 4, source.Length - MaxEchoedLine));
            to = from + MaxEchoedLine;
        }
        int windowCaretEnd = Math.Min(caretEnd, to);

        var line = new StringBuilder(to - from + 8);
        var pad = new StringBuilder();
        int caretWidth = 0;
        if (from > 0) { line.Append('…'); pad.Append(' '); }
        for (int i = from; i < to; i++)
        {
            char c = source[i];
            // A surrogate pair (an emoji) prints as itself; only a lone surrogate is escaped.
            bool pair = char.IsHighSurrogate(c) && i + 1 < to && char.IsLowSurrogate(source[i + 1]);
            string shown = pair ? source.Substring(i, 2) : Escape(c);
            line.Append(shown);
            if (pair)
            {
                if (i < caretStart) pad.Append(' ');
                else if (i < windowCaretEnd) caretWidth++;
                i++;
                continue;
            }
            if (i < caretStart) pad.Append(c == '\t' ? "\t" : new string(' ', shown.Length));
            else if (i < windowCaretEnd) caretWidth += shown.Length;
        }
        if (to < source.Length) line.Append('…');
        return (line.ToString(), pad.ToString(), Math.Max(1, caretWidth));
    }
}
