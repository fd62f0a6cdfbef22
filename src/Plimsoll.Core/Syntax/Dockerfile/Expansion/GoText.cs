using System.Globalization;
using System.Text;

namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>Go's <c>%q</c> quoting (<c>strconv.Quote</c>), used to reproduce BuildKit's error messages.</summary>
internal static class GoText
{
    private const string Hex = "0123456789abcdef";

    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int rune = c;
            var isPair = char.IsSurrogatePair(text, i);
            if (isPair) rune = char.ConvertToUtf32(c, text[i + 1]);

            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c == ' ' || (!char.IsSurrogate(c) || isPair) && IsPrintable(CharUnicodeInfo.GetUnicodeCategory(text, i)))
            {
                sb.Append(c);
                if (isPair) sb.Append(text[i + 1]);
            }
            else
            {
                switch (c)
                {
                    case '\a': sb.Append("\\a"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\v': sb.Append("\\v"); break;
                    default:
                        if (rune < ' ' || rune == 0x7F) AppendHex(sb, "\\x", rune, 2);
                        else if (char.IsSurrogate(c) && !isPair) sb.Append("\\ufffd");
                        else if (rune < 0x10000) AppendHex(sb, "\\u", rune, 4);
                        else AppendHex(sb, "\\U", rune, 8);
                        break;
                }
            }
            if (isPair) i++;
        }
        sb.Append('"');
        return sb.ToString();
    }

    // strconv.IsPrint: letters, marks, numbers, punctuation and symbols (plus the ASCII space, handled above).
    private static bool IsPrintable(UnicodeCategory category) => category switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };

    private static void AppendHex(StringBuilder sb, string prefix, int value, int digits)
    {
        sb.Append(prefix);
        for (var shift = (digits - 1) * 4; shift >= 0; shift -= 4) sb.Append(Hex[(value >> shift) & 0xF]);
    }
}
