using System.Text;

namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>
/// The wildcard patterns of <c>${VAR#p}</c>, <c>${VAR%p}</c> and <c>${VAR/p/r}</c> as BuildKit reads them:
/// <c>*</c> any run, <c>?</c> any one character, <c>\</c> escapes <c>* ? \</c> (and is dropped before
/// <c>}</c> and <c>/</c>); no bracket expressions. BuildKit turns the pattern into a Go regular expression, so
/// wildcards do not match a line feed and the leftmost match is taken with Perl-style preference (shortest or
/// longest run per wildcard). This matcher reproduces that directly on code points, in time proportional to
/// pattern length times text length, without a regex engine.
/// </summary>
internal sealed class ShellPattern
{
    private const int AnyChar = -2;
    private const int AnyRun = -3;

    // Literal code points, AnyChar or AnyRun.
    private readonly int[] _elements;

    private ShellPattern(int[] elements)
    {
        _elements = elements;
    }

    /// <summary>Parses a pattern; null with Go's message when an escape is invalid.</summary>
    public static ShellPattern? Parse(string pattern, out string? error) => Parse(CodePoints.From(pattern), out error);

    private static ShellPattern? Parse(int[] pattern, out string? error)
    {
        error = null;
        var elements = new List<int>(pattern.Length);
        // Go's text/scanner skips a leading byte-order mark.
        var i = pattern.Length > 0 && pattern[0] == 0xFEFF ? 1 : 0;
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    elements.Add(AnyRun);
                    break;
                case '?':
                    elements.Add(AnyChar);
                    break;
                case '\\':
                    var next = i + 1 < pattern.Length ? pattern[i + 1] : -1;
                    if (next == '}' || next == '/') break;
                    i++;
                    if (next != '*' && next != '?' && next != '\\')
                    {
                        error = "invalid escape '\\" + (next < 0 ? "\uFFFD" : CodePoints.ToText(next)) + "'";
                        return null;
                    }
                    elements.Add(next);
                    break;
                default:
                    elements.Add(c);
                    break;
            }
        }
        return new ShellPattern(elements.ToArray());
    }

    /// <summary><c>${VAR#pattern}</c> / <c>${VAR##pattern}</c>; null with BuildKit's message for a bad pattern.</summary>
    public static string? TrimPrefix(string pattern, string value, bool longest, out string? error)
    {
        var result = TrimPrefix(CodePoints.From(pattern), CodePoints.From(value), longest, out error);
        return result is null ? null : CodePoints.ToText(result, 0, result.Length);
    }

    /// <summary><c>${VAR%pattern}</c> / <c>${VAR%%pattern}</c>: the prefix trim on the reversed pattern and value.</summary>
    public static string? TrimSuffix(string pattern, string value, bool longest, out string? error)
    {
        var reversedValue = CodePoints.From(value);
        Array.Reverse(reversedValue);
        var result = TrimPrefix(ReversePattern(CodePoints.From(pattern)), reversedValue, longest, out error);
        if (result is null) return null;
        Array.Reverse(result);
        return CodePoints.ToText(result, 0, result.Length);
    }

    private static int[]? TrimPrefix(int[] pattern, int[] value, bool longest, out string? error)
    {
        var parsed = Parse(pattern, out error);
        if (parsed is null)
        {
            error = "invalid pattern (" + CodePoints.ToText(pattern, 0, pattern.Length) + ") in substitution: " + error;
            return null;
        }
        var end = parsed.PreferredEnds(value, longest)[0];
        if (end <= 0) return value;
        var rest = new int[value.Length - end];
        Array.Copy(value, end, rest, 0, rest.Length);
        return rest;
    }

    /// <summary>Reverses a pattern but keeps each escape in front of the character it escapes.</summary>
    internal static int[] ReversePattern(int[] pattern)
    {
        var last = pattern.Length - 1;
        var reversed = new int[pattern.Length];
        for (var i = 0; i <= last;)
        {
            var outIndex = last - i;
            if (pattern[i] == '\\' && i != last)
            {
                reversed[outIndex - 1] = '\\';
                reversed[outIndex] = pattern[i + 1];
                i += 2;
            }
            else
            {
                reversed[outIndex] = pattern[i];
                i++;
            }
        }
        return reversed;
    }

    internal static string ReversePattern(string pattern)
    {
        var reversed = ReversePattern(CodePoints.From(pattern));
        return CodePoints.ToText(reversed, 0, reversed.Length);
    }

    /// <summary>Replaces the leftmost (longest-preferring) match with <paramref name="replacement"/> taken literally.</summary>
    public string ReplaceFirst(string value, string replacement)
    {
        var text = CodePoints.From(value);
        var ends = PreferredEnds(text, longest: true);
        for (var start = 0; start <= text.Length; start++)
        {
            if (ends[start] < 0) continue;
            var sb = new StringBuilder(value.Length + replacement.Length);
            CodePoints.Append(sb, text, 0, start);
            sb.Append(replacement);
            CodePoints.Append(sb, text, ends[start], text.Length);
            return sb.ToString();
        }
        return value;
    }

    /// <summary>
    /// Replaces every match, the way Go's <c>Regexp.ReplaceAllString</c> does (which BuildKit calls): an empty
    /// match right after a previous match is skipped, and <paramref name="template"/> is a Go template in which
    /// <c>$0</c>/<c>${0}</c> is the match, <c>$$</c> is <c>$</c> and any other <c>$name</c> is empty.
    /// </summary>
    public string ReplaceAll(string value, string template)
    {
        var text = CodePoints.From(value);
        var ends = PreferredEnds(text, longest: true);
        var sb = new StringBuilder(value.Length + template.Length);
        var lastMatchEnd = 0;
        var searchPos = 0;
        while (searchPos <= text.Length)
        {
            var start = searchPos;
            while (start <= text.Length && ends[start] < 0) start++;
            if (start > text.Length) break;
            var end = ends[start];

            CodePoints.Append(sb, text, lastMatchEnd, start);
            if (end > lastMatchEnd || start == 0) ExpandTemplate(sb, template, text, start, end);
            lastMatchEnd = end;

            // Always advance by at least one character.
            searchPos = searchPos + 1 > end ? searchPos + 1 : end;
        }
        CodePoints.Append(sb, text, lastMatchEnd, text.Length);
        return sb.ToString();
    }

    private static void ExpandTemplate(StringBuilder sb, string template, int[] text, int matchStart, int matchEnd)
    {
        var i = 0;
        while (i < template.Length)
        {
            var dollar = template.IndexOf('$', i);
            if (dollar < 0) break;
            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }

            var braced = i < template.Length && template[i] == '{';
            var nameStart = braced ? i + 1 : i;
            var nameEnd = nameStart;
            while (nameEnd < template.Length)
            {
                var c = template[nameEnd];
                if (c == '_' || char.IsLetterOrDigit(template, nameEnd))
                {
                    nameEnd += char.IsSurrogatePair(template, nameEnd) ? 2 : 1;
                    continue;
                }
                break;
            }
            var valid = nameEnd > nameStart && (!braced || (nameEnd < template.Length && template[nameEnd] == '}'));
            if (!valid)
            {
                // Malformed: the '$' stays as text.
                sb.Append('$');
                continue;
            }
            i = braced ? nameEnd + 1 : nameEnd;
            // The pattern has no groups, so only group 0 (the match itself) expands to anything.
            if (nameEnd - nameStart == 1 && template[nameStart] == '0') CodePoints.Append(sb, text, matchStart, matchEnd);
        }
        if (i < template.Length) sb.Append(template, i, template.Length - i);
    }

    /// <summary>
    /// For every start offset, where the match the regex engine prefers there ends (-1 when none matches).
    /// Computed backwards over the pattern: a run first tries to take one more character (longest) or to stop
    /// (shortest), which is the backtracking order of a Perl-style engine.
    /// </summary>
    private int[] PreferredEnds(int[] text, bool longest)
    {
        var n = text.Length;
        var next = new int[n + 1];
        var current = new int[n + 1];
        for (var t = 0; t <= n; t++) next[t] = t;

        for (var k = _elements.Length - 1; k >= 0; k--)
        {
            var element = _elements[k];
            current[n] = element == AnyRun ? next[n] : -1;
            for (var t = n - 1; t >= 0; t--)
            {
                var canTake = text[t] != '\n';
                switch (element)
                {
                    case AnyRun:
                        if (longest) current[t] = canTake && current[t + 1] >= 0 ? current[t + 1] : next[t];
                        else current[t] = next[t] >= 0 ? next[t] : canTake ? current[t + 1] : -1;
                        break;
                    case AnyChar:
                        current[t] = canTake ? next[t + 1] : -1;
                        break;
                    default:
                        current[t] = text[t] == element ? next[t + 1] : -1;
                        break;
                }
            }
            (next, current) = (current, next);
        }
        return next;
    }
}
