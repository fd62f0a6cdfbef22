using System.Globalization;
using System.Text;

namespace Plimsoll.Text;

/// <summary>
/// Source text quoted for printing on a terminal (the syntax tree printers): besides quotes and backslashes, every
/// control character (C0, DEL, C1), line and paragraph separator, bidirectional control and BOM becomes an escape,
/// so a file cannot drive the terminal it is shown on.
/// </summary>
public static class PrintableText
{
    public static bool IsUnsafe(char c)
        => c < ' ' || c >= '\u007F' && c <= '\u009F' || c == '\u061C' || c == '\u200E' || c == '\u200F'
           || c >= '\u2028' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\uFEFF' || char.IsSurrogate(c);

    /// <summary><paramref name="s"/> in double quotes with <c>\\ \" \r \n \t</c> and <c>\uXXXX</c> escapes.</summary>
    public static string Quote(string s)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    // A valid surrogate pair (an emoji) is printable; a lone surrogate is not.
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) builder.Append(c).Append(s[++i]);
                    else if (IsUnsafe(c)) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
