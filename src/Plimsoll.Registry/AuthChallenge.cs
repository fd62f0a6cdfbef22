namespace Plimsoll.Registry;

/// <summary>
/// A <c>WWW-Authenticate</c> challenge: the scheme (<c>Bearer</c> or <c>Basic</c>) and its parameters
/// (<c>realm</c>, <c>service</c>, <c>scope</c>), parsed per RFC 7235 (quoted strings with backslash escapes).
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses one challenge (<c>Bearer realm="…",service="…"</c>); null when there is no scheme.</summary>
    public static AuthChallenge? Parse(string header)
    {
        int i = 0;
        SkipSpaces(header, ref i);
        int schemeStart = i;
        while (i < header.Length && header[i] != ' ') i++;
        if (i == schemeStart) return null;
        string scheme = header.Substring(schemeStart, i - schemeStart);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (i < header.Length)
        {
            SkipSpaces(header, ref i);
            if (i < header.Length && header[i] == ',') { i++; continue; }
            int nameStart = i;
            while (i < header.Length && header[i] is not ('=' or ',' or ' ')) i++;
            string name = header.Substring(nameStart, i - nameStart);
            SkipSpaces(header, ref i);
            if (i >= header.Length || header[i] != '=') { if (i == nameStart) i++; continue; }
            i++;
            SkipSpaces(header, ref i);
            var value = new System.Text.StringBuilder();
            if (i < header.Length && header[i] == '"')
            {
                i++;
                while (i < header.Length && header[i] != '"')
                {
                    if (header[i] == '\\' && i + 1 < header.Length) i++;
                    value.Append(header[i++]);
                }
                i++;
            }
            else
            {
                while (i < header.Length && header[i] is not (',' or ' ')) value.Append(header[i++]);
            }
            if (name.Length > 0) parameters[name] = value.ToString();
        }
        return new AuthChallenge(scheme, parameters);
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t') i++;
    }
}
