namespace Plimsoll.Rules.Secrets;

/// <summary>Which written values can be a credential: judged on the value, as names alone flag switches and host names.</summary>
internal static class CredentialValues
{
    // Values that switch a feature on or off; MYSQL_ALLOW_EMPTY_PASSWORD=yes or ENABLE_TOKEN=1 hold no credential.
    private static readonly HashSet<string> Switches = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "y", "n", "on", "off", "0", "1", "enabled", "disabled", "enable", "disable", "none", "null", "~",
    };

    /// <summary>A value written out in the file that could be a secret: not empty, not interpolated, not a switch.</summary>
    public static bool CouldBeCredential(string? value)
    {
        if (value == null) return false;
        string unquoted = Unquote(value);
        return unquoted.Length > 0 && unquoted.IndexOf('$') < 0 && !Switches.Contains(unquoted);
    }

    /// <summary>
    /// A value that is known text after interpolation (compose <c>$$</c> already unescaped, a default already taken)
    /// and could be a secret: not empty, not a switch. A <c>$</c> in it is a literal character.
    /// </summary>
    public static bool CouldBeCredentialText(string text)
    {
        string unquoted = Unquote(text);
        return unquoted.Length > 0 && !Switches.Contains(unquoted);
    }

    public static bool IsSwitch(string value) => Switches.Contains(Unquote(value));

    /// <summary>
    /// A file path (<c>/credentials/gcp.json</c>, <c>./app/key.json</c>, <c>~/.config/token</c>): a variable holding a
    /// path names where a credential is read from, not the credential (GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json).
    /// </summary>
    public static bool IsFilePath(string value)
    {
        string unquoted = Unquote(value);
        if (unquoted.Length < 2 || HasWhiteSpace(unquoted)) return false;
        return unquoted[0] == '/' || unquoted.StartsWith("./", StringComparison.Ordinal) || unquoted.StartsWith("../", StringComparison.Ordinal)
            || unquoted.StartsWith("~/", StringComparison.Ordinal);
    }

    // A loop, not a query over the string's characters (an enumerator and a call per character): asked of every ENV value.
    private static bool HasWhiteSpace(string text)
    {
        foreach (char c in text)
            if (char.IsWhiteSpace(c)) return true;
        return false;
    }

    // A count or a duration: 30, 1.5, 24h, 500ms, 1h30m, P1D, PT15M.
    private static readonly System.Text.RegularExpressions.Regex Quantity = new(
        @"^(-?\d+(\.\d+)?[a-z]{0,3}(\d+(\.\d+)?[a-z]{1,3})*|P(\d+[YMWD])*(T(\d+(\.\d+)?[HMS])+)?)$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>True for values that count or time something (<c>30</c>, <c>24h</c>, <c>500ms</c>, <c>PT15M</c>).</summary>
    public static bool IsQuantity(string value)
    {
        string unquoted = Unquote(value);
        return unquoted.Length > 0 && unquoted != "P" && Quantity.IsMatch(unquoted);
    }

    /// <summary>
    /// The URL with its password masked when <paramref name="value"/> is <c>scheme://user:password@host…</c> with a
    /// literal password (<c>postgresql://app:pw@db/app</c>, <c>redis://default:pw@redis:6379/0</c>); otherwise null.
    /// </summary>
    public static string? UrlWithPassword(string? value)
    {
        if (value == null) return null;
        string url = Unquote(value);
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0 || !url.Substring(0, scheme).All(c => char.IsLetterOrDigit(c) || c is '+' or '-' or '.')) return null;
        int authorityStart = scheme + 3;
        int authorityEnd = url.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
        string authority = url.Substring(authorityStart, (authorityEnd < 0 ? url.Length : authorityEnd) - authorityStart);
        int at = authority.LastIndexOf('@');
        if (at <= 0) return null;
        string userInfo = authority.Substring(0, at);
        int colon = userInfo.IndexOf(':');
        if (colon < 0) return null;
        string password = userInfo.Substring(colon + 1);
        if (password.Length == 0 || password.IndexOf('$') >= 0) return null;
        return url.Substring(0, authorityStart) + userInfo.Substring(0, colon) + ":***" + url.Substring(authorityStart + at);
    }

    private static string Unquote(string value) => value.Trim().Trim('"', '\'');
}
