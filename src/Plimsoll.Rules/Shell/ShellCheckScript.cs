using System.Text;
using Plimsoll.Analysis.ShellChecking;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Shell;

/// <summary>
/// One script as ShellCheck is given it, and the way back from ShellCheck's line:column to an offset in the script.
/// Names the Dockerfile defines (ARG, ENV) are declared on a line appended after the script, so that nothing the
/// user wrote moves; comments ShellCheck makes about that line are dropped.
/// </summary>
internal sealed class ShellCheckScript
{
    private readonly string _text;
    private readonly List<int> _lineStarts = new() { 0 };

    public ShellCheckScript(string text, ShellCheckDialect dialect, IEnumerable<string> definedNames, bool mayAppend)
    {
        _text = text;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') _lineStarts.Add(i + 1);
        ScriptLines = _lineStarts.Count;
        // A CR before LF (a CRLF file's heredoc) would be a literal CR to ShellCheck on every line: a space keeps the offsets.
        var given = new StringBuilder(text.Replace("\r\n", " \n"));
        var referenced = mayAppend ? definedNames.Where(name => References(text, name)).Distinct(StringComparer.Ordinal).ToList() : new List<string>();
        if (referenced.Count > 0)
        {
            if (text.Length > 0 && text[text.Length - 1] != '\n') given.Append('\n');
            given.Append("export");
            foreach (var name in referenced) given.Append(' ').Append(name).Append("=1");
            given.Append('\n');
        }
        Input = new ShellCheckInput(given.ToString(), dialect);
    }

    public ShellCheckInput Input { get; }

    /// <summary>The number of lines of the user's script (the appended line comes after them).</summary>
    public int ScriptLines { get; }

    /// <summary>
    /// The [start, end) offsets in the script of a comment; null for a comment about the appended line alone. A parse
    /// error ShellCheck places past the script's end (an unclosed quote) is put at the end.
    /// </summary>
    public (int Start, int End)? Locate(ShellCheckComment comment)
    {
        if (comment.Line > ScriptLines)
        {
            if (comment.Code >= 2000) return null;
            return (_text.Length, _text.Length);
        }
        int start = Offset(comment.Line, comment.Column);
        int end = comment.EndLine > ScriptLines ? _text.Length : Offset(comment.EndLine, comment.EndColumn);
        return (start, Math.Max(start, end));
    }

    // ShellCheck counts characters (code points) from 1; a surrogate pair is one column but two UTF-16 units.
    private int Offset(int line, int column)
    {
        int index = _lineStarts[Math.Max(0, Math.Min(line, ScriptLines) - 1)];
        for (int c = 1; c < column && index < _text.Length && _text[index] != '\n'; c++)
            index += char.IsHighSurrogate(_text[index]) && index + 1 < _text.Length && char.IsLowSurrogate(_text[index + 1]) ? 2 : 1;
        return index;
    }

    // "$NAME" or "${NAME" followed by a character that cannot continue the name.
    private static bool References(string text, string name)
    {
        for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            bool opened = at >= 1 && text[at - 1] == '$' || at >= 2 && text[at - 1] == '{' && text[at - 2] == '$';
            int after = at + name.Length;
            if (opened && (after == text.Length || !(char.IsLetterOrDigit(text[after]) || text[after] == '_'))) return true;
        }
        return false;
    }

    /// <summary>The longest script handed to ShellCheck, in characters: four times the longest RUN of the corpus.</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>
    /// Why a script is not handed to ShellCheck, or null. ShellCheck's time grows much faster than a script: a chain of
    /// `&amp;&amp;` commands took 2.3 s at 25 KB and 53 s at 125 KB, parentheses nested 1,000 deep 2.8 s and 3,000 deep
    /// 24 s. So a script longer than <see cref="MaxLength"/>, or one Plimsoll's own parser stopped reading at its nesting
    /// or work limit, is not checked, and the host says so, rather than one file holding up the run for minutes.
    /// <paramref name="parse"/> is the script's parse when the caller has one; else it is parsed here, in the dialect ShellCheck
    /// will read it in (unless too long).
    /// </summary>
    public static string? WhyNotChecked(string text, ShellCheckDialect dialect, ShellParseResult? parse = null)
    {
        if (text.Length > MaxLength)
            return $"a script is {(text.Length + 1023) / 1024} KB long, over the {MaxLength / 1024} KB limit for ShellCheck";
        parse ??= ShellParser.Parse(text, dialect is ShellCheckDialect.Bash or ShellCheckDialect.Ksh ? ShellDialect.Bash : ShellDialect.Posix);
        if (parse.Diagnostics.Any(d => d.IsLimit))
            return "a script is nested too deeply (or is too large) for Plimsoll to read whole, and ShellCheck would take minutes on it";
        return null;
    }

    /// <summary>The dialect ShellCheck checks a shell program's scripts as; null for a shell it does not know (zsh).</summary>
    public static ShellCheckDialect? DialectOf(string shell) => shell switch
    {
        "bash" => ShellCheckDialect.Bash,
        "dash" => ShellCheckDialect.Dash,
        "ksh" or "mksh" => ShellCheckDialect.Ksh,
        "sh" or "ash" or "busybox" => ShellCheckDialect.Sh,
        _ => null,
    };
}
