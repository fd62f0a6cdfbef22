using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.ShellChecking;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Shell;

/// <summary>A shell script a compose service runs, as the shell gets it, and the way back to where it is written.</summary>
internal sealed record ComposeShellScript(string Text, ShellCheckDialect Dialect, Func<int, int, Location> Map);

/// <summary>
/// The shell scripts of a compose service: a <c>healthcheck</c> <c>test</c> run by the shell (a string, or
/// <c>[CMD-SHELL, script]</c>), and a <c>command</c> or <c>entrypoint</c> that runs a POSIX shell with <c>-c</c> (as a list
/// <c>[sh, -c, script]</c>, as a string <c>sh -c 'script'</c>, or an entrypoint <c>[sh, -c]</c> taking the command's
/// first item). Compose turns <c>$$</c> into <c>$</c>; a script with compose interpolation (<c>$VAR</c>, <c>${VAR}</c>)
/// is left out, as its text is only known once deployed.
/// </summary>
internal static class ComposeShellScripts
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "ksh", "busybox" };

    public static IEnumerable<ComposeShellScript> Of(ProjectService service)
    {
        var found = new List<ComposeShellScript>();
        void Add(ProjectScalar? scalar, int start, int length, ShellCheckDialect dialect)
        {
            if (scalar != null && FromScalar(scalar, start, length, dialect) is { } script) found.Add(script);
        }

        if (service.Healthcheck is ProjectMapping health && health["test"] is { } test)
        {
            if (test is ProjectScalar line && line.Raw is { } raw) Add(line, 0, raw.Length, ShellCheckDialect.Sh);
            // List patterns need System.Index, which netstandard2.0 lacks: the first items are read by index.
            else if (test is ProjectSequence { Items.Length: >= 2 } shell && shell.Items[0] is ProjectScalar { Raw: "CMD-SHELL" } && shell.Items[1] is ProjectScalar script)
                Add(script, 0, script.Raw?.Length ?? 0, ShellCheckDialect.Sh);
            else if (test is ProjectSequence { Items.Length: >= 1 } exec && exec.Items[0] is ProjectScalar { Raw: "CMD" }) AddExec(exec.Items.Skip(1).ToList());
        }
        var entrypoint = service.Entrypoint;
        var command = service.Command;
        if (entrypoint is ProjectSequence entry)
        {
            var items = entry.Items.ToList();
            // [sh, -c] takes its script from the command's first item.
            if (ShellWithC(items) is { } dialect && items.Count == 1 + CountFlagsAfterShell(items) && command is ProjectSequence { Items.Length: >= 1 } commandItems && commandItems.Items[0] is ProjectScalar first)
                Add(first, 0, first.Raw?.Length ?? 0, dialect);
            else AddExec(items);
        }
        else if (entrypoint is ProjectScalar entryLine) AddLine(entryLine);
        if (command is ProjectSequence commandList) AddExec(commandList.Items.ToList());
        else if (command is ProjectScalar commandLine) AddLine(commandLine);
        return found;

        void AddExec(List<ProjectNode> items)
        {
            if (ShellWithC(items) is not { } dialect) return;
            int scriptIndex = 1 + CountFlagsAfterShell(items);
            if (scriptIndex < items.Count && items[scriptIndex] is ProjectScalar script) Add(script, 0, script.Raw?.Length ?? 0, dialect);
        }

        // "sh -c 'script'": compose splits the string like a shell would; the script must be one quoted (or plain) word.
        void AddLine(ProjectScalar line)
        {
            if (line.Raw is not { } raw) return;
            var words = SplitWords(raw);
            if (words == null || words.Count < 3 || DialectOf(words[0].Text) is not { } dialect) return;
            int i = 1;
            bool c = false;
            for (; i < words.Count && words[i].Text.StartsWith("-", StringComparison.Ordinal) && words[i].Text.Length > 1; i++)
                c |= !words[i].Text.StartsWith("--", StringComparison.Ordinal) && words[i].Text.IndexOf('c') > 0;
            if (!c || i >= words.Count || !words[i].Verbatim) return;
            Add(line, words[i].Start, words[i].Text.Length, dialect);
        }
    }

    private static ShellCheckDialect? ShellWithC(List<ProjectNode> items)
    {
        if (items.Count < 2 || items[0] is not ProjectScalar { Raw: { } program } || DialectOf(program) is not { } dialect) return null;
        int flags = CountFlagsAfterShell(items);
        for (int i = 1; i <= flags; i++)
            if (items[i] is ProjectScalar { Raw: { } flag } && !flag.StartsWith("--", StringComparison.Ordinal) && flag.IndexOf('c') > 0) return dialect;
        return null;
    }

    private static int CountFlagsAfterShell(List<ProjectNode> items)
    {
        int count = 0;
        for (int i = 1; i < items.Count && items[i] is ProjectScalar { Raw: { Length: > 1 } flag } && flag[0] == '-'; i++) count++;
        return count;
    }

    private static ShellCheckDialect? DialectOf(string program)
    {
        string name = program.Substring(program.LastIndexOf('/') + 1);
        return Shells.Contains(name) ? ShellCheckScript.DialectOf(name) : null;
    }

    // The script is raw[start..start+length) of the scalar, with compose's "$$" escapes; null when it interpolates.
    private static ComposeShellScript? FromScalar(ProjectScalar scalar, int start, int length, ShellCheckDialect dialect)
    {
        string raw = scalar.Raw!;
        var text = new StringBuilder(length);
        var rawOffsets = new List<int>(length + 1);
        for (int i = start; i < start + length; i++)
        {
            // "$$" is one '$' to the shell, written where the pair starts.
            rawOffsets.Add(i);
            if (raw[i] == '$')
            {
                if (i + 1 < start + length && raw[i + 1] == '$') i++;
                else return null; // compose interpolation: the deployed text is not what is written
            }
            text.Append(raw[i]);
        }
        rawOffsets.Add(start + length);
        if (text.ToString().Trim().Length == 0) return null;
        var node = scalar.Node.Resolve() as YamlScalarNode;
        var map = node == null ? null : YamlValueMap.For(node);
        var whole = scalar.GetLocation();
        return new ComposeShellScript(text.ToString(), dialect, (offset, count) =>
        {
            if (map == null || node == null) return whole;
            int from = rawOffsets[Math.Max(0, Math.Min(offset, rawOffsets.Count - 1))];
            int to = rawOffsets[Math.Max(0, Math.Min(offset + count, rawOffsets.Count - 1))];
            if (map.Map(from, to) is not { } span) return whole;
            return PlimsollDiagnostic.CreateLocation(node.Tree.Path, node.Tree.Text, span);
        });
    }

    private readonly record struct Word(string Text, int Start, bool Verbatim);

    // Shell-like words of a command line; a word is verbatim when its text is a contiguous piece of the line (one
    // quoted string without escapes, or a plain word). Null when a quote is left open.
    private static List<Word>? SplitWords(string line)
    {
        var words = new List<Word>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) break;
            if (line[i] is '\'' or '"')
            {
                char quote = line[i];
                int close = line.IndexOf(quote, i + 1);
                if (close < 0) return null;
                string inner = line.Substring(i + 1, close - i - 1);
                bool verbatim = (quote == '\'' || inner.IndexOf('\\') < 0) && (close + 1 >= line.Length || char.IsWhiteSpace(line[close + 1]));
                words.Add(new Word(inner, i + 1, verbatim));
                i = close + 1;
                if (!verbatim) while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
                continue;
            }
            int begin = i;
            bool plain = true;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                if (line[i] is '\'' or '"' or '\\') plain = false;
                i++;
            }
            words.Add(new Word(line.Substring(begin, i - begin), begin, plain));
        }
        return words;
    }
}

/// <summary>
/// From offsets in a YAML scalar's value to the file: each line of the value is looked for, in order, in the text as
/// written (what a plain or quoted one-line value, or a literal block, keeps verbatim). A piece not found there (folded
/// lines, escapes) maps to nothing, and the caller reports at the whole value.
/// </summary>
internal sealed class YamlValueMap
{
    private readonly List<(int ValueStart, int Length, int SourceStart)> _lines = new();

    public static YamlValueMap For(YamlScalarNode node)
    {
        var map = new YamlValueMap();
        string value = node.Value;
        string raw = node.RawText;
        int cursor = 0, valueStart = 0;
        foreach (string line in value.Split('\n'))
        {
            if (line.Length > 0)
            {
                int at = raw.IndexOf(line, cursor, StringComparison.Ordinal);
                if (at >= 0)
                {
                    map._lines.Add((valueStart, line.Length, node.ValueSpan.Start + at));
                    cursor = at + line.Length;
                }
            }
            valueStart += line.Length + 1;
        }
        return map;
    }

    /// <summary>The file span of value[from, to); null when its start is in no verbatim line.</summary>
    public TextSpan? Map(int from, int to)
    {
        foreach (var (valueStart, length, sourceStart) in _lines)
        {
            if (from < valueStart || from > valueStart + length) continue;
            int end = Math.Min(to, valueStart + length);
            return new TextSpan(sourceStart + (from - valueStart), Math.Max(0, end - from));
        }
        return null;
    }
}
