namespace Plimsoll.Syntax.Shell;

/// <summary>A URL found in command text, with its span.</summary>
public sealed record ShellUrl(int Start, int Length, string Value, string Scheme)
{
    public int End => Start + Length;

    /// <summary>https or ftps.</summary>
    public bool IsEncrypted => Scheme == "https" || Scheme == "ftps";
}

/// <summary>
/// Finds http(s)/ftp(s) URLs in text without parsing it: for shells we do not parse (PowerShell, cmd)
/// and for any text where only the URLs matter.
/// </summary>
public static class ShellUrlScanner
{
    private static readonly string[] Schemes = { "https", "http", "ftps", "ftp" };

    public static IReadOnlyList<ShellUrl> FindUrls(string text) => FindUrls(text, 0, text?.Length ?? 0);

    public static IReadOnlyList<ShellUrl> FindUrls(string text, int start, int length)
    {
        var result = new List<ShellUrl>();
        if (string.IsNullOrEmpty(text)) return result;
        if (start < 0) start = 0;
        var end = Math.Min(text.Length, start + Math.Max(0, length));
        var i = start;
        while (i < end)
        {
            var sep = text.IndexOf("://", i, end - i, StringComparison.Ordinal);
            if (sep < 0) break;
            var schemeStart = sep;
            while (schemeStart > start && char.IsLetter(text[schemeStart - 1]) && sep - schemeStart < 6) schemeStart--;
            var scheme = text.Substring(schemeStart, sep - schemeStart).ToLowerInvariant();
            var boundaryOk = schemeStart == start || !char.IsLetterOrDigit(text[schemeStart - 1]);
            var urlEnd = sep + 3;
            if (Array.IndexOf(Schemes, scheme) >= 0 && boundaryOk)
            {
                while (urlEnd < end && !IsStop(text[urlEnd])) urlEnd++;
                urlEnd = TrimTrailing(text, sep + 3, urlEnd);
                if (urlEnd > sep + 3)
                {
                    result.Add(new ShellUrl(schemeStart, urlEnd - schemeStart, text.Substring(schemeStart, urlEnd - schemeStart), scheme));
                    i = urlEnd;
                    continue;
                }
            }
            i = sep + 3;
        }
        return result;
    }

    private static bool IsStop(char c) =>
        char.IsWhiteSpace(c) || c is '"' or '\'' or '`' or '<' or '>' or '|' or ';' or '\\' or '^';

    /// <summary>Drops sentence punctuation and closing brackets that the URL did not open.</summary>
    private static int TrimTrailing(string text, int hostStart, int end)
    {
        while (end > hostStart)
        {
            var c = text[end - 1];
            if (c is '.' or ',' or ':' or '!' or '?')
            {
                end--;
                continue;
            }
            if (c is ')' or ']' or '}')
            {
                var open = c == ')' ? '(' : c == ']' ? '[' : '{';
                var balance = 0;
                for (var k = hostStart; k < end; k++)
                {
                    if (text[k] == open) balance++;
                    else if (text[k] == c) balance--;
                }
                if (balance < 0)
                {
                    end--;
                    continue;
                }
            }
            break;
        }
        return end;
    }
}
