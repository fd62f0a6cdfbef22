using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;

namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>
/// A parsed <c>.env</c> (or <c>--env-file</c>) file, read with Docker Compose's dotenv rules (compose-go <c>dotenv</c>):
/// comments, blank lines, <c>export KEY=value</c>, <c>KEY: value</c>, whitespace around the separator, single quotes
/// (literal), double quotes (escapes, then interpolation), unquoted values with <c>" #"</c> comments, values spanning
/// lines inside quotes, <c>KEY</c> alone (taken from the lookup environment). Values are interpolated with compose's rules
/// against the lookup environment first, then the variables defined earlier in the file.
/// Where compose would reject the file, a PL9002 diagnostic points at the statement and parsing goes on at the next line.
/// </summary>
public sealed class DotEnvFile
{
    private readonly Dictionary<string, DotEnvVariable> byName;

    private DotEnvFile(string path, SourceText text, ImmutableArray<DotEnvVariable> variables, ImmutableArray<Diagnostic> diagnostics)
    {
        Path = path;
        Text = text;
        Variables = variables;
        Diagnostics = diagnostics;
        byName = new Dictionary<string, DotEnvVariable>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            if (variable.Value is not null) byName[variable.Name] = variable; // a later definition wins
        }
    }

    public string Path { get; }

    public SourceText Text { get; }

    /// <summary>Every statement in file order, redefinitions included.</summary>
    public ImmutableArray<DotEnvVariable> Variables { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The effective definition of <paramref name="name"/> (the last one with a value), or null.</summary>
    public DotEnvVariable? Find(string name) => name is not null && byName.TryGetValue(name, out var v) ? v : null;

    /// <summary>Names with a value, each once, in order of first appearance.</summary>
    public IEnumerable<string> Names => Variables.Where(v => v.Value is not null).Select(v => v.Name).Distinct(StringComparer.Ordinal);

    public static DotEnvFile Parse(SourceText text, string path) => Parse(text, path, lookup: null);

    /// <param name="lookup">
    /// What compose consults first for <c>KEY</c>-alone lines and for references in values: the process environment
    /// (when used) and the env files read before this one. Null for none.
    /// </param>
    public static DotEnvFile Parse(SourceText text, string path, IVariableSource? lookup)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        path ??= "";
        // Lines as compose reads them (LF; the CR of a CRLF is trimmed), not as Roslyn counts them (also U+0085, U+2028, …).
        text = Plimsoll.Text.FormatSourceText.For(text, Plimsoll.Text.LineBreakRule.LineFeed);
        var parser = new Parser(text, path, lookup);
        parser.Run();
        return new DotEnvFile(path, text, parser.Variables.ToImmutable(), parser.Diagnostics.ToImmutable());
    }

    private sealed class Parser : IVariableSource
    {
        private readonly SourceText text;
        private readonly string path;
        private readonly string src;
        private readonly IVariableSource? lookup;
        private readonly Dictionary<string, string> defined = new(StringComparer.Ordinal);
        private readonly ComposeInterpolator interpolator;

        public Parser(SourceText text, string path, IVariableSource? lookup)
        {
            this.text = text;
            this.path = path;
            src = text.ToString();
            this.lookup = lookup;
            interpolator = new ComposeInterpolator(this, InterpolationDialect.Compose);
        }

        public ImmutableArray<DotEnvVariable>.Builder Variables { get; } = ImmutableArray.CreateBuilder<DotEnvVariable>();

        public ImmutableArray<Diagnostic>.Builder Diagnostics { get; } = ImmutableArray.CreateBuilder<Diagnostic>();

        // References in values see the lookup environment first, then this file's earlier variables (as compose-go).
        VariableDefinition? IVariableSource.Find(string name)
        {
            var outer = lookup?.Find(name);
            if (outer is not null) return outer;
            return defined.TryGetValue(name, out var value) ? new VariableDefinition(name, value, ValueOrigin.DotEnv) : null;
        }

        public void Run()
        {
            int n = src.Length;
            int pos = n > 0 && src[0] == '\uFEFF' ? 1 : 0;
            while (pos < n)
            {
                int before = pos;
                pos = Statement(pos);
                if (pos <= before) pos = before + 1; // always advance
            }
        }

        // Parses from pos (anywhere in the file); returns where the next statement search starts.
        private int Statement(int pos)
        {
            int n = src.Length;
            while (pos < n && char.IsWhiteSpace(src[pos])) pos++;
            if (pos >= n) return n;
            if (src[pos] == '#') return EndOfLine(pos);

            int statementStart = pos;
            if (string.CompareOrdinal(src, pos, "export", 0, 6) == 0 && pos + 6 < n && IsRegexSpace(src[pos + 6]))
            {
                pos += 6;
                while (pos < n && IsRegexSpace(src[pos])) pos++;
            }
            int keyStart = pos;
            int terminator = -1;
            for (int i = pos; i < n; i++)
            {
                char c = src[i];
                if (c == '=' || c == ':' || c == '\n')
                {
                    terminator = i;
                    break;
                }
                if (IsInlineSpace(c) || c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || char.IsLetterOrDigit(c)) continue;
                Report(TextSpan.FromBounds(i, i + 1), "unexpected character '" + c + "' in variable name");
                return EndOfLine(i);
            }
            if (terminator < 0)
            {
                // compose-go reads a last line without '=' and without a newline as a value for the empty key: nothing is defined.
                return n;
            }

            string key = src.Substring(keyStart, terminator - keyStart).TrimEnd();
            var nameSpan = new TextSpan(keyStart, key.Length);
            int line = text.Lines.GetLineFromPosition(keyStart).LineNumber;
            if (key.IndexOf(' ') >= 0)
            {
                Report(nameSpan, "variable name '" + key + "' cannot contain a space");
                return EndOfLine(terminator);
            }

            if (src[terminator] == '\n')
            {
                var inherited = lookup?.Find(key);
                Add(key, inherited?.Value, DotEnvQuoting.Inherited, line, TextSpan.FromBounds(keyStart, nameSpan.End), nameSpan, new TextSpan(nameSpan.End, 0), null);
                return terminator + 1;
            }

            int valueStart = terminator + 1;
            while (valueStart < n && IsInlineSpace(src[valueStart])) valueStart++;
            char quote = valueStart < n ? src[valueStart] : '\0';
            if (quote == '\'' || quote == '"')
            {
                int close = -1;
                for (int j = valueStart + 1; j < n; j++)
                {
                    if (src[j] == quote && src[j - 1] != '\\')
                    {
                        close = j;
                        break;
                    }
                }
                if (close < 0)
                {
                    int lineEnd = src.IndexOf('\n', valueStart);
                    Report(TextSpan.FromBounds(valueStart, lineEnd < 0 ? n : lineEnd), "unterminated quoted value");
                    return EndOfLine(valueStart);
                }
                string raw = src.Substring(valueStart + 1, close - valueStart - 1);
                var valueSpan = TextSpan.FromBounds(valueStart, close + 1);
                if (quote == '\'')
                {
                    Add(key, raw, DotEnvQuoting.SingleQuoted, line, TextSpan.FromBounds(keyStart, close + 1), nameSpan, valueSpan, null);
                }
                else
                {
                    var interpolated = interpolator.Interpolate(ExpandEscapes(raw));
                    Finish(key, interpolated, raw, DotEnvQuoting.DoubleQuoted, line, TextSpan.FromBounds(keyStart, close + 1), nameSpan, valueSpan);
                }
                // compose-go goes on right after the closing quote: the rest of the line is read as the next statement.
                return close + 1;
            }

            int end = src.IndexOf('\n', valueStart);
            if (end < 0) end = n;
            int valueEnd = end;
            int comment = src.IndexOf(" #", valueStart, end - valueStart, StringComparison.Ordinal);
            if (comment >= 0) valueEnd = comment;
            while (valueEnd > valueStart && char.IsWhiteSpace(src[valueEnd - 1])) valueEnd--;
            string value = src.Substring(valueStart, valueEnd - valueStart);
            var unquotedSpan = TextSpan.FromBounds(valueStart, valueEnd);
            Finish(key, interpolator.Interpolate(value), value, DotEnvQuoting.Unquoted, line, TextSpan.FromBounds(keyStart, valueEnd), nameSpan, unquotedSpan);
            return end;
        }

        private void Finish(string key, InterpolatedValue interpolated, string raw, DotEnvQuoting quoting, int line, TextSpan span, TextSpan nameSpan, TextSpan valueSpan)
        {
            if (interpolated.HasError)
            {
                Report(valueSpan, "value of " + key + ": " + interpolated.Error);
                Add(key, raw, quoting, line, span, nameSpan, valueSpan, interpolated);
                return;
            }
            Add(key, interpolated.Text, quoting, line, span, nameSpan, valueSpan, interpolated);
        }

        private void Add(string key, string? value, DotEnvQuoting quoting, int line, TextSpan span, TextSpan nameSpan, TextSpan valueSpan, InterpolatedValue? interpolation)
        {
            // compose-go drops empty keys and keys that start with a digit.
            if (key.Length == 0 || char.IsDigit(key[0])) return;
            Variables.Add(new DotEnvVariable(key, value, quoting, line, span, nameSpan, valueSpan, interpolation));
            if (value is not null) defined[key] = value;
        }

        private void Report(TextSpan span, string message)
            => Diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, path, text, span, "env file: " + message));

        private int EndOfLine(int pos)
        {
            int nl = src.IndexOf('\n', pos);
            return nl < 0 ? src.Length : nl + 1;
        }

        // compose-go's isSpace: whitespace that is not a line break.
        private static bool IsInlineSpace(char c) => c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == ' ' || c == '\u0085' || c == '\u00A0';

        // Go regexp's \s.
        private static bool IsRegexSpace(char c) => c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    /// <summary>
    /// Double-quoted escapes as compose reads them: <c>\a \b \f \n \r \t \v \" \\</c>, <c>\$</c> (a literal dollar, kept as
    /// <c>$$</c> for the interpolation that follows) and <c>\0</c> plus three octal digits; any other backslash stays.
    /// </summary>
    internal static string ExpandEscapes(string value)
    {
        if (value.IndexOf('\\') < 0) return value;
        var sb = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '\\' || i + 1 >= value.Length)
            {
                sb.Append(c);
                continue;
            }
            char e = value[i + 1];
            string? replacement = e switch
            {
                'a' => "\a",
                'b' => "\b",
                'f' => "\f",
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                'v' => "\v",
                '"' => "\"",
                '\\' => "\\",
                '$' => "$$",
                _ => null,
            };
            if (replacement is not null)
            {
                sb.Append(replacement);
                i++;
                continue;
            }
            if (e == '0')
            {
                // The escape takes up to three digits after \0; only exactly three octal digits up to 377 decode.
                int digits = 0;
                while (digits < 3 && i + 2 + digits < value.Length && value[i + 2 + digits] >= '0' && value[i + 2 + digits] <= '9') digits++;
                string match = value.Substring(i, 2 + digits);
                if (digits == 3 && TryOctal(value.Substring(i + 2, 3), out char decoded)) sb.Append(decoded);
                else sb.Append(match);
                i += 1 + digits;
                continue;
            }
            sb.Append(c); // \c and unknown escapes stay as written
        }
        return sb.ToString();
    }

    private static bool TryOctal(string digits, out char value)
    {
        int v = 0;
        foreach (char d in digits)
        {
            if (d < '0' || d > '7')
            {
                value = '\0';
                return false;
            }
            v = v * 8 + (d - '0');
        }
        value = (char)v;
        return v <= 255;
    }
}
