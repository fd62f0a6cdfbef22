using System.Text;

namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>
/// Text as Unicode code points, the unit Go's regular expressions and string reversal work in. A lone
/// surrogate is kept as its own unit so that nothing is lost on the way back.
/// </summary>
internal static class CodePoints
{
    public static int[] From(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++, count++)
        {
            if (char.IsSurrogatePair(text, i)) i++;
        }

        var result = new int[count];
        var j = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                result[j++] = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            else
            {
                result[j++] = text[i];
            }
        }
        return result;
    }

    public static void Append(StringBuilder sb, int[] codePoints, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = codePoints[i];
            if (c < 0x10000) sb.Append((char)c);
            else sb.Append(char.ConvertFromUtf32(c));
        }
    }

    public static string ToText(int[] codePoints, int start, int end)
    {
        var sb = new StringBuilder(end - start);
        Append(sb, codePoints, start, end);
        return sb.ToString();
    }

    public static string ToText(int codePoint)
        => codePoint < 0x10000 ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);
}
