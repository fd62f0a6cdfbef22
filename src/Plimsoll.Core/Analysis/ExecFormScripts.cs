using System.Text;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Analysis;

/// <summary>
/// What an exec-form RUN (<c>RUN ["apt-get", "install", "curl"]</c>) gives the command rules. The daemon runs the argv
/// as it is, without a shell: no expansion, no splitting, no SHELL. Two readings:
/// <list type="bullet">
/// <item><c>["sh", "-c", "script"]</c> (any POSIX shell, options before <c>-c</c> allowed): the script string is a real
/// shell script and is parsed as one, positions inside the JSON string.</item>
/// <item>any other argv: one simple command whose words are the strings, written so the shell parser reads each as the
/// literal string it is (quoted where a shell would otherwise expand or split it). Each word maps back to its JSON string.</item>
/// </list>
/// Rules about the shell itself (ShellCheck, pipefail) read <see cref="RunScripts"/>, which holds none of these.
/// Fixes written for shell words would edit JSON strings: the driver keeps a fix only inside an <c>sh -c</c> string
/// and only when its new text needs no JSON escaping (<see cref="KeepsFix"/>).
/// </summary>
public static class ExecFormScripts
{
    // Words a shell would read as syntax in command position.
    private static readonly HashSet<string> ReservedWords = new(StringComparer.Ordinal)
        { "if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until", "do", "done", "in", "function", "select", "time", "coproc" };

    /// <summary>The script of <paramref name="run"/>'s exec form; empty for shell form, an empty array or non-string elements.</summary>
    /// <remarks>Kept on the node, as <see cref="RunScripts.For"/> keeps the shell form's.</remarks>
    public static IReadOnlyList<RunScript> For(RunInstructionSyntax run) => run.ExecFormScripts ??= Read(run);

    /// <summary>The scripts command rules read: <see cref="RunScripts.For"/>, then the exec form's.</summary>
    /// <remarks>A list (kept on the node), which the driver walks by index: no enumerator per RUN.</remarks>
    public static IReadOnlyList<RunScript> AllFor(Semantics.Dockerfile.DockerfileSemanticModel model, RunInstructionSyntax run) =>
        run.ExecForm == null ? RunScripts.For(model, run) : For(run);

    /// <summary>
    /// Whether a fix a rule wrote for a command of <paramref name="script"/> can stand: always for shell-form scripts; for
    /// an exec form only inside the string of <c>sh -c</c> with text that needs no JSON escaping (an insertion into an
    /// argv string would glue two arguments into one).
    /// </summary>
    public static bool KeepsFix(RunScript script, CodeFix fix)
    {
        if (script.ExecForm == null) return true;
        var inside = script.EditableSpan;
        if (inside is not { } span) return false;
        foreach (var change in fix.Changes)
        {
            if (change.Span.Start < span.Start || change.Span.End > span.End) return false;
            if (change.NewText is { } text && text.Any(c => c == '"' || c == '\\' || c < 0x20)) return false;
        }
        return true;
    }

    private static IReadOnlyList<RunScript> Read(RunInstructionSyntax run)
    {
        if (run.ExecForm is not { } exec || exec.Elements.Any(e => e.Kind == DockerfileSyntaxKind.JsonOtherToken)) return Array.Empty<RunScript>();
        var strings = exec.StringTokens.Select(JsonString.Decode).ToList();
        if (strings.Count == 0 || strings[0].Value.Length == 0) return Array.Empty<RunScript>();

        if (ShellScriptIndex(strings) is int index)
        {
            var script = strings[index];
            var parse = ShellParseCache.Shared.Parse(script.Value, ShellDialects.ForProgram(strings[0].Value));
            return new[]
            {
                new RunScript(run, parse, ShellDialects.ProgramName(strings[0].Value), script.MapToSource)
                    { ExecForm = exec, EditableSpan = script.ContentSpan },
            };
        }

        var argv = ArgvScript.Build(strings);
        return new[] { new RunScript(run, ShellParseCache.Shared.Parse(argv.Text, ShellDialect.Posix), ShellDialects.ProgramName(strings[0].Value), argv.MapToSource) { ExecForm = exec } };
    }

    /// <summary>
    /// For <c>["bash", "-eo", "pipefail", "-c", "script", …]</c> the index of the script string: the first operand after
    /// options that include <c>c</c>. Null when the program is not a POSIX shell or there is no <c>-c</c>.
    /// </summary>
    private static int? ShellScriptIndex(List<JsonString> strings)
    {
        if (!ShellDialects.IsPosixShell(strings[0].Value)) return null;
        bool sawC = false;
        int i = 1;
        for (; i < strings.Count; i++)
        {
            string word = strings[i].Value;
            if (word == "--" || word == "-") { i++; break; }
            if (word.Length < 2 || (word[0] != '-' && word[0] != '+')) break;
            if (word.StartsWith("--", StringComparison.Ordinal)) continue; // --norc, --login
            // -o/+o take an option name (possibly clustered: -eo pipefail).
            if (word.IndexOf('o', 1) >= 0) i++;
            if (word[0] == '-' && word.IndexOf('c', 1) >= 0) sawC = true;
        }
        return sawC && i < strings.Count ? i : null;
    }

    /// <summary>One decoded JSON string, with the source position of each character of its value.</summary>
    private sealed class JsonString
    {
        private readonly DockerfileToken _token;
        private readonly int[] _starts; // logical offset in the token of each value character; one more for the end
        private readonly int[] _ends;

        private JsonString(DockerfileToken token, string value, int[] starts, int[] ends)
        {
            _token = token;
            Value = value;
            _starts = starts;
            _ends = ends;
        }

        public string Value { get; }

        /// <summary>The source span of the whole string, quotes included.</summary>
        public TextSpan Span => _token.Span;

        /// <summary>The source span between the quotes.</summary>
        public TextSpan ContentSpan => _token.MapLogicalSpan(1, Math.Max(0, _token.LogicalText.Length - 2));

        public static JsonString Decode(DockerfileToken token)
        {
            string literal = token.LogicalText;
            var value = new StringBuilder(literal.Length);
            var starts = new List<int>(literal.Length);
            var ends = new List<int>(literal.Length);
            int end = literal.Length - 1; // the closing quote
            for (int i = 1; i < end; i++)
            {
                int start = i;
                char c = literal[i];
                if (c == '\\' && i + 1 < end)
                {
                    i++;
                    switch (literal[i])
                    {
                        case 'b': c = '\b'; break;
                        case 'f': c = '\f'; break;
                        case 'n': c = '\n'; break;
                        case 'r': c = '\r'; break;
                        case 't': c = '\t'; break;
                        case 'u' when i + 4 < end && int.TryParse(literal.Substring(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out int code):
                            c = (char)code;
                            i += 4;
                            break;
                        default: c = literal[i]; break;
                    }
                }
                value.Append(c);
                starts.Add(start);
                ends.Add(i + 1);
            }
            return new JsonString(token, value.ToString(), starts.ToArray(), ends.ToArray());
        }

        /// <summary>The source span of value characters [start, start+length).</summary>
        public TextSpan MapToSource(int start, int length)
        {
            if (_starts.Length == 0) return _token.MapLogicalSpan(1, 0);
            start = Math.Max(0, Math.Min(start, _starts.Length));
            int last = Math.Max(start, Math.Min(start + Math.Max(length, 0), _starts.Length)) - 1;
            int from = start < _starts.Length ? _starts[start] : _ends[_ends.Length - 1];
            int to = last >= start ? _ends[last] : from;
            return _token.MapLogicalSpan(from, to - from);
        }
    }

    /// <summary>
    /// An argv written as one shell command line whose words parse to exactly the argv strings: plain words stay as they
    /// are; a word a shell would expand, split or read as syntax is single-quoted. Positions map back per word.
    /// </summary>
    private sealed class ArgvScript
    {
        private readonly List<(int Start, int End, JsonString Word, bool Quoted)> _words;

        private ArgvScript(string text, List<(int, int, JsonString, bool)> words)
        {
            Text = text;
            _words = words;
        }

        public string Text { get; }

        public static ArgvScript Build(List<JsonString> strings)
        {
            var text = new StringBuilder();
            var words = new List<(int, int, JsonString, bool)>();
            for (int i = 0; i < strings.Count; i++)
            {
                if (i > 0) text.Append(' ');
                int start = text.Length;
                string value = strings[i].Value;
                bool quote = NeedsQuoting(value, commandPosition: i == 0);
                if (!quote) text.Append(value);
                // A quote in the string: double quotes when nothing in it is special there, so that an inline script
                // (`["sudo", "sh", "-c", "echo it's"]`) stays readable in place.
                else if (value.IndexOf('\'') >= 0 && value.IndexOfAny(new[] { '"', '$', '`', '\\', '!' }) < 0) text.Append('"').Append(value).Append('"');
                else text.Append('\'').Append(value.Replace("'", "'\\''")).Append('\'');
                words.Add((start, text.Length, strings[i], quote));
            }
            return new ArgvScript(text.ToString(), words);
        }

        private static bool NeedsQuoting(string value, bool commandPosition)
        {
            if (value.Length == 0) return true;
            foreach (char c in value)
                if (!((c < 128 && char.IsLetterOrDigit(c)) || c is '_' or '-' or '.' or '/' or ':' or '@' or '%' or '+' or ',' or '=')) return true;
            // `A=b` first is an assignment to a shell, a program name here; `if` is syntax.
            return commandPosition && (value.IndexOf('=') >= 0 || ReservedWords.Contains(value));
        }

        /// <summary>Maps a span of the command line: inside one unquoted word, character for character; else whole strings.</summary>
        public TextSpan MapToSource(int start, int length)
        {
            int end = start + Math.Max(length, 0);
            int first = -1, last = -1;
            for (int i = 0; i < _words.Count; i++)
            {
                var w = _words[i];
                if (w.End <= start && !(length == 0 && w.End == start)) continue;
                if (w.Start >= end && !(length == 0 && w.Start == start)) break;
                if (first < 0) first = i;
                last = i;
            }
            if (first < 0)
            {
                // Between words (or past the end): an empty span after the nearest string before.
                var before = _words.LastOrDefault(w => w.End <= start);
                var at = before.Word ?? _words[0].Word;
                return new TextSpan(before.Word != null ? at.Span.End : at.Span.Start, 0);
            }
            var one = _words[first];
            if (first == last && !one.Quoted && start >= one.Start && end <= one.End)
                return one.Word.MapToSource(start - one.Start, end - start);
            return TextSpan.FromBounds(one.Word.Span.Start, _words[last].Word.Span.End);
        }
    }
}
