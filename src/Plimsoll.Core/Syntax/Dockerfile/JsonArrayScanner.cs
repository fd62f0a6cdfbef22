using System.Globalization;
using System.Text;

namespace Plimsoll.Syntax.Dockerfile;

internal enum JsonArrayScanResult
{
    /// <summary>Not JSON (or not an array): BuildKit falls back to the shell form.</summary>
    NotJson,
    /// <summary>A JSON array whose elements are all strings: the exec form.</summary>
    StringArray,
    /// <summary>Valid JSON array with a non-string element: BuildKit rejects the instruction.</summary>
    NotStringArray,
}

/// <summary>
/// Decides, as Go's encoding/json does for BuildKit's parseJSON, whether arguments are a JSON array of
/// strings, and records the position of every bracket, comma and string.
/// </summary>
internal static class JsonArrayScanner
{
    private const int MaxDepth = 10000; // Go's decoder limit; deeper input is an error, i.e. shell form.

    public static JsonArrayScanResult Scan(ReadOnlySpan<char> text, int start, int end, List<(DockerfileSyntaxKind Kind, LogicalRange Range)> tokens)
    {
        tokens.Clear();
        int pos = ArgumentSplitting.SkipSpace(text, start, end);
        if (pos >= end || text[pos] != '[') return JsonArrayScanResult.NotJson;

        bool allStrings = true;
        tokens.Add((DockerfileSyntaxKind.OpenBracketToken, new LogicalRange(pos, pos + 1)));
        pos = SkipJsonSpace(text, pos + 1, end);
        if (pos < end && text[pos] == ']')
        {
            tokens.Add((DockerfileSyntaxKind.CloseBracketToken, new LogicalRange(pos, pos + 1)));
            pos = SkipJsonSpace(text, pos + 1, end);
            return pos == end ? JsonArrayScanResult.StringArray : JsonArrayScanResult.NotJson;
        }
        while (true)
        {
            int valueStart = pos;
            if (pos < end && text[pos] == '"')
            {
                if (!TryScanString(text, ref pos, end)) return JsonArrayScanResult.NotJson;
                tokens.Add((DockerfileSyntaxKind.JsonStringToken, new LogicalRange(valueStart, pos)));
            }
            else
            {
                if (!TryScanValue(text, ref pos, end, 1)) return JsonArrayScanResult.NotJson;
                allStrings = false;
                tokens.Add((DockerfileSyntaxKind.JsonOtherToken, new LogicalRange(valueStart, pos)));
            }
            pos = SkipJsonSpace(text, pos, end);
            if (pos >= end) return JsonArrayScanResult.NotJson;
            if (text[pos] == ',')
            {
                tokens.Add((DockerfileSyntaxKind.CommaToken, new LogicalRange(pos, pos + 1)));
                pos = SkipJsonSpace(text, pos + 1, end);
                continue;
            }
            if (text[pos] == ']')
            {
                tokens.Add((DockerfileSyntaxKind.CloseBracketToken, new LogicalRange(pos, pos + 1)));
                pos = SkipJsonSpace(text, pos + 1, end);
                if (pos != end) return JsonArrayScanResult.NotJson;
                return allStrings ? JsonArrayScanResult.StringArray : JsonArrayScanResult.NotStringArray;
            }
            return JsonArrayScanResult.NotJson;
        }
    }

    /// <summary>Decodes a JSON string literal (quotes included) that <see cref="Scan"/> accepted.</summary>
    public static string DecodeString(string literal)
    {
        var builder = new StringBuilder(literal.Length);
        int end = literal.Length - 1;
        for (int i = 1; i < end; i++)
        {
            char c = literal[i];
            if (c != '\\') { builder.Append(c); continue; }
            i++;
            if (i >= end) break;
            switch (literal[i])
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (i + 4 < literal.Length && int.TryParse(literal.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                    {
                        builder.Append((char)code);
                        i += 4;
                    }
                    break;
                default: builder.Append(literal[i]); break;
            }
        }
        return builder.ToString();
    }

    private static int SkipJsonSpace(ReadOnlySpan<char> text, int pos, int end)
    {
        while (pos < end && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) pos++;
        return pos;
    }

    private static bool TryScanString(ReadOnlySpan<char> text, ref int pos, int end)
    {
        pos++; // opening quote
        while (pos < end)
        {
            char c = text[pos];
            if (c == '"') { pos++; return true; }
            if (c < 0x20) return false;
            if (c == '\\')
            {
                if (pos + 1 >= end) return false;
                char e = text[pos + 1];
                if (e == 'u')
                {
                    if (pos + 5 >= end) return false;
                    for (int k = pos + 2; k < pos + 6; k++)
                        if (!Uri.IsHexDigit(text[k])) return false;
                    pos += 6;
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') return false;
                pos += 2;
                continue;
            }
            pos++;
        }
        return false;
    }

    private static bool TryScanValue(ReadOnlySpan<char> text, ref int pos, int end, int depth)
    {
        if (depth > MaxDepth || pos >= end) return false;
        char c = text[pos];
        switch (c)
        {
            case '"':
                return TryScanString(text, ref pos, end);
            case '[':
            case '{':
            {
                char close = c == '[' ? ']' : '}';
                pos = SkipJsonSpace(text, pos + 1, end);
                if (pos < end && text[pos] == close) { pos++; return true; }
                while (true)
                {
                    if (c == '{')
                    {
                        if (pos >= end || text[pos] != '"' || !TryScanString(text, ref pos, end)) return false;
                        pos = SkipJsonSpace(text, pos, end);
                        if (pos >= end || text[pos] != ':') return false;
                        pos = SkipJsonSpace(text, pos + 1, end);
                    }
                    if (!TryScanValue(text, ref pos, end, depth + 1)) return false;
                    pos = SkipJsonSpace(text, pos, end);
                    if (pos >= end) return false;
                    if (text[pos] == ',') { pos = SkipJsonSpace(text, pos + 1, end); continue; }
                    if (text[pos] == close) { pos++; return true; }
                    return false;
                }
            }
            case 't': return TryLiteral(text, ref pos, end, "true");
            case 'f': return TryLiteral(text, ref pos, end, "false");
            case 'n': return TryLiteral(text, ref pos, end, "null");
            default:
                return TryScanNumber(text, ref pos, end);
        }
    }

    private static bool TryLiteral(ReadOnlySpan<char> text, ref int pos, int end, string literal)
    {
        if (end - pos < literal.Length || !text.Slice(pos, literal.Length).SequenceEqual(literal.AsSpan())) return false;
        pos += literal.Length;
        return true;
    }

    private static bool TryScanNumber(ReadOnlySpan<char> text, ref int pos, int end)
    {
        int i = pos;
        if (i < end && text[i] == '-') i++;
        if (i >= end) return false;
        if (text[i] == '0') i++;
        else if (text[i] >= '1' && text[i] <= '9') { while (i < end && char.IsDigit(text[i]) && text[i] < 128) i++; }
        else return false;
        if (i < end && text[i] == '.')
        {
            i++;
            int digits = i;
            while (i < end && text[i] >= '0' && text[i] <= '9') i++;
            if (i == digits) return false;
        }
        if (i < end && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < end && (text[i] == '+' || text[i] == '-')) i++;
            int digits = i;
            while (i < end && text[i] >= '0' && text[i] <= '9') i++;
            if (i == digits) return false;
        }
        pos = i;
        return true;
    }
}
