using System.Collections.Immutable;

namespace Plimsoll.Syntax.Shell;

/// <summary>
/// A download command spotted by name in unparsed text (PowerShell, cmd): the tool, the token's span,
/// the span of the statement it starts, and the URLs in that statement.
/// </summary>
public sealed record ShellDownload(string Tool, int Start, int Length, int StatementStart, int StatementLength, ImmutableArray<ShellUrl> Urls)
{
    public int End => Start + Length;
    public int StatementEnd => StatementStart + StatementLength;
}

/// <summary>
/// Spots downloads in shells we do not parse (Invoke-WebRequest, iwr, curl.exe, wget.exe, Start-BitsTransfer,
/// WebClient.DownloadFile, certutil -urlcache, bitsadmin /transfer). Heuristic: names at token boundaries.
/// </summary>
public static class ShellDownloadScanner
{
    private sealed record Pattern(string Token, string Tool, bool AfterDot = false, string? RequiredArgument = null);

    private static readonly Pattern[] Patterns =
    {
        new("Invoke-WebRequest", "Invoke-WebRequest"),
        new("iwr", "Invoke-WebRequest"),
        new("Invoke-RestMethod", "Invoke-RestMethod"),
        new("irm", "Invoke-RestMethod"),
        new("curl.exe", "curl"),
        new("curl", "curl"),
        new("wget.exe", "wget"),
        new("wget", "wget"),
        new("Start-BitsTransfer", "Start-BitsTransfer"),
        new("DownloadFileAsync", "WebClient.DownloadFile", AfterDot: true),
        new("DownloadFile", "WebClient.DownloadFile", AfterDot: true),
        new("DownloadString", "WebClient.DownloadString", AfterDot: true),
        new("DownloadData", "WebClient.DownloadData", AfterDot: true),
        new("certutil.exe", "certutil", RequiredArgument: "urlcache"),
        new("certutil", "certutil", RequiredArgument: "urlcache"),
        new("bitsadmin.exe", "bitsadmin", RequiredArgument: "transfer"),
        new("bitsadmin", "bitsadmin", RequiredArgument: "transfer"),
    };

    public static IReadOnlyList<ShellDownload> FindDownloads(string text)
    {
        var result = new List<ShellDownload>();
        if (string.IsNullOrEmpty(text)) return result;
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            if (IsTokenStart(text, i) && MayStartPattern(text[i]))
            {
                foreach (var p in Patterns)
                {
                    if (string.Compare(text, i, p.Token, 0, p.Token.Length, StringComparison.OrdinalIgnoreCase) != 0) continue;
                    var after = i + p.Token.Length;
                    if (after < text.Length && IsTokenChar(text[after])) continue;
                    var before = i > 0 ? text[i - 1] : ' ';
                    if (p.AfterDot ? before != '.' : before == '.') continue;
                    var statementEnd = FindStatementEnd(text, after);
                    if (p.RequiredArgument != null
                        && text.IndexOf(p.RequiredArgument, after, statementEnd - after, StringComparison.OrdinalIgnoreCase) < 0)
                        continue;
                    var statementStart = FindStatementStart(text, i);
                    var urls = ShellUrlScanner.FindUrls(text, statementStart, statementEnd - statementStart).ToImmutableArray();
                    result.Add(new ShellDownload(p.Tool, i, p.Token.Length, statementStart, statementEnd - statementStart, urls));
                    i = after;
                    matched = true;
                    break;
                }
            }
            if (!matched) i++;
        }
        return result;
    }

    /// <summary>The patterns' first letters, lower case: most token starts can be ruled out before comparing strings.</summary>
    private static readonly string PatternStarts = new(Patterns.Select(p => char.ToLowerInvariant(p.Token[0])).Distinct().ToArray());

    // An ASCII character can only match an ASCII pattern letter case-insensitively as itself; others take the full comparison.
    private static bool MayStartPattern(char c) =>
        c >= 128 || PatternStarts.IndexOf(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) >= 0;

    private static bool IsTokenChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-';

    private static bool IsTokenStart(string text, int i) =>
        i == 0 || !(IsTokenChar(text[i - 1]) || text[i - 1] == '$' || text[i - 1] == '/' || text[i - 1] == '\\') || text[i - 1] == '.';

    /// <summary>The end of the statement: an unquoted `;`, `|`, `&amp;` or a newline not escaped by `` ` ``, `\` or `^`.</summary>
    private static int FindStatementEnd(string text, int from)
    {
        var quote = '\0';
        for (var k = from; k < text.Length; k++)
        {
            var c = text[k];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else if (c == '\n') return k;
                continue;
            }
            if (c == '"' || c == '\'') quote = c;
            else if (c == ';' || c == '|' || c == '&') return k;
            else if (c == '\n')
            {
                var prev = k - 1;
                while (prev >= from && (text[prev] == '\r' || text[prev] == ' ' || text[prev] == '\t')) prev--;
                if (prev >= from && (text[prev] == '`' || text[prev] == '\\' || text[prev] == '^')) continue;
                return k;
            }
        }
        return text.Length;
    }

    /// <summary>The start of the statement holding <paramref name="at"/>: after the previous `;`, `|`, `&amp;` or newline.</summary>
    private static int FindStatementStart(string text, int at)
    {
        var k = at;
        while (k > 0)
        {
            var c = text[k - 1];
            if (c == ';' || c == '|' || c == '&' || c == '\n') break;
            k--;
        }
        while (k < at && char.IsWhiteSpace(text[k])) k++;
        return k;
    }
}
