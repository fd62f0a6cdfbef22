using System.Collections.Immutable;

namespace Plimsoll.Syntax.Shell;

/// <summary>
/// The program a simple command actually runs once wrappers are looked through:
/// `sudo -u app env FOO=1 /usr/bin/curl -k x` resolves to `curl` with arguments `-k x`.
/// </summary>
public sealed class ShellResolvedCommand
{
    private sealed record Wrapper(ShellOptionSpec Spec, int Positionals, bool SkipsAssignments);

    private static readonly Dictionary<string, Wrapper> Wrappers = new(StringComparer.Ordinal)
    {
        ["sudo"] = new(new ShellOptionSpec("ugpChDrtUTR", new[] { "user", "group", "host", "close-from", "chdir", "prompt", "role", "type", "other-user", "command-timeout", "chroot" }, true), 0, true),
        ["doas"] = new(new ShellOptionSpec("uC", null, true), 0, false),
        ["env"] = new(new ShellOptionSpec("uCPS", new[] { "unset", "chdir", "split-string" }, true), 0, true),
        ["exec"] = new(new ShellOptionSpec("a", null, true), 0, false),
        ["command"] = new(new ShellOptionSpec("", null, true), 0, false),
        ["builtin"] = new(new ShellOptionSpec("", null, true), 0, false),
        ["nice"] = new(new ShellOptionSpec("n", new[] { "adjustment" }, true), 0, false),
        ["nohup"] = new(new ShellOptionSpec("", null, true), 0, false),
        ["time"] = new(new ShellOptionSpec("fo", new[] { "format", "output" }, true), 0, false),
        ["timeout"] = new(new ShellOptionSpec("sk", new[] { "signal", "kill-after" }, true), 1, false),
        ["xargs"] = new(new ShellOptionSpec("ILnPdEsa", new[] { "max-lines", "max-args", "max-procs", "delimiter", "eof", "max-chars", "arg-file", "process-slot-var" }, true), 0, false),
        ["stdbuf"] = new(new ShellOptionSpec("ioe", new[] { "input", "output", "error" }, true), 0, false),
        ["ionice"] = new(new ShellOptionSpec("cnp", new[] { "class", "classdata", "pid" }, true), 0, false),
        ["chroot"] = new(new ShellOptionSpec("", new[] { "userspec", "groups" }, true), 1, false),
        ["gosu"] = new(new ShellOptionSpec("", null, true), 1, false),
        ["su-exec"] = new(new ShellOptionSpec("", null, true), 1, false),
        ["runuser"] = new(new ShellOptionSpec("ugG", new[] { "user", "group", "supp-group" }, true), 0, false),
        ["setsid"] = new(new ShellOptionSpec("", null, true), 0, false),
        ["flock"] = new(new ShellOptionSpec("wE", new[] { "timeout", "conflict-exit-code" }, true), 1, false),
        ["eatmydata"] = new(new ShellOptionSpec("", null, true), 0, false),
        ["busybox"] = new(new ShellOptionSpec("", null, true), 0, false),
    };

    // The shells whose `-c` operand is a script: the POSIX family but busybox (which takes an applet name first).
    private static bool IsShell(string name) => name != "busybox" && ShellDialects.IsPosixShell(name);

    private ShellResolvedCommand(SimpleCommand command, int wordIndex, ImmutableArray<string> wrappers)
    {
        Command = command;
        WordIndex = wordIndex;
        WrapperNames = wrappers;
    }

    // Resolving has already read the name word's base name: it is kept rather than cut out again on first use.
    private ShellResolvedCommand(SimpleCommand command, int wordIndex, ImmutableArray<string> wrappers, string? name)
        : this(command, wordIndex, wrappers)
    {
        _name = name;
        _nameKnown = true;
    }

    public SimpleCommand Command { get; }

    /// <summary>Index in <see cref="SimpleCommand.Words"/> of the resolved command name; -1 when the command has no words.</summary>
    public int WordIndex { get; }

    /// <summary>The wrapper commands looked through, outermost first (`sudo`, `env`).</summary>
    public ImmutableArray<string> WrapperNames { get; }

    /// <summary>The word naming the resolved command.</summary>
    public ShellWord? NameWord => WordIndex >= 0 && WordIndex < Command.Words.Length ? Command.Words[WordIndex] : null;

    /// <summary>The resolved command's base name (`curl`); null when it is not a literal (`$CURL`) or absent.</summary>
    public string? Name
    {
        get
        {
            // Cached: every rule asks for it, and BaseName may cut a substring. The flag is written after the name and
            // read before it (a tree may be shared by threads: ShellParseCache), so a reader that sees it sees the name.
            if (!Volatile.Read(ref _nameKnown))
            {
                _name = NameWord == null ? null : BaseName(NameWord);
                Volatile.Write(ref _nameKnown, true);
            }
            return _name;
        }
    }

    private string? _name;
    private bool _nameKnown;

    /// <summary>The words after the resolved name.</summary>
    public ImmutableArray<ShellWord> Arguments
    {
        get
        {
            if (_arguments.IsDefault)
                _arguments = WordIndex < 0 ? ImmutableArray<ShellWord>.Empty : Command.Words.RemoveRange(0, Math.Min(WordIndex + 1, Command.Words.Length));
            return _arguments;
        }
    }

    private ImmutableArray<ShellWord> _arguments;

    /// <summary>Parses <see cref="Arguments"/> as options with the given spec.</summary>
    /// <remarks>The last answer is kept: several rules read a curl or wget command's options with the same spec.</remarks>
    public ShellOptionSet ParseOptions(ShellOptionSpec? spec = null)
    {
        spec ??= ShellOptionSpec.Default;
        var last = _lastOptions;
        if (last != null && ReferenceEquals(last.Spec, spec)) return last.Options;
        var options = ShellOptions.Parse(Arguments, spec);
        _lastOptions = new ParsedOptions(spec, options);
        return options;
    }

    // One object, so that a reader on another thread never sees a spec with another spec's options.
    private sealed record ParsedOptions(ShellOptionSpec Spec, ShellOptionSet Options);

    private ParsedOptions? _lastOptions;

    /// <summary>
    /// For `sh -c 'script'` / `bash -ec "script"`: the word holding the inline script. A rule can parse its
    /// literal value with <see cref="ShellParser"/> (offsets then relative to that value).
    /// </summary>
    public bool TryGetInlineScript(out ShellWord script)
    {
        script = null!;
        if (Name is not { } name || !IsShell(name)) return false;
        var args = Arguments;
        var sawC = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].TryGetLiteralValue(out var v)) return sawC && Assign(args[i], out script);
            if (v == "--") continue;
            if (v.Length > 1 && (v[0] == '-' || v[0] == '+') && !sawC)
            {
                if (v[0] == '-' && v.IndexOf('c') > 0 && !v.StartsWith("--", StringComparison.Ordinal)) sawC = true;
                if (v == "-o" || v == "+o") i++;
                continue;
            }
            if (v.Length > 1 && (v[0] == '-' || v[0] == '+')) continue;
            return sawC && Assign(args[i], out script);
        }
        return false;
    }

    /// <summary>
    /// Parses the inline script of `sh -c '...'` (see <see cref="TryGetInlineScript"/>) or `su -c '...'` in place:
    /// offsets of the result are into <paramref name="source"/>, the text this command was parsed from.
    /// Only when the script word is one quoted or plain literal without escapes, so that its text is what the shell runs.
    /// </summary>
    public bool TryParseInlineScript(string source, out ShellParseResult result)
    {
        result = null!;
        if (!TryGetInlineScriptSpan(source, out int start, out int end)) return false;
        // `bash -c` reads bash; `sh -c`, `su -c` and the rest read POSIX sh.
        result = ShellParser.Parse(source, start, end - start, ShellDialects.ForProgram(Name));
        return true;
    }

    /// <summary>
    /// Whether <see cref="TryParseInlineScript"/> would parse an inline script, without parsing it: for a caller that only
    /// needs to know (the command walk has parsed it already).
    /// </summary>
    internal bool HasInlineScriptReadableInPlace(string source) => TryGetInlineScriptSpan(source, out _, out _);

    // Where the inline script's text is in `source`, when its word is one quoted or plain literal without escapes.
    private bool TryGetInlineScriptSpan(string source, out int start, out int end)
    {
        start = end = 0;
        if (source == null) return false;
        ShellWord? word = null;
        if (TryGetInlineScript(out var w)) word = w;
        else if (Name is "su" or "runuser") word = ParseOptions(SuOptions).Find('c', "command")?.ValueWord;
        if (word == null || word.PartCount != 1 || word.End > source.Length) return false;
        switch (word.PartAt(0))
        {
            case ShellSingleQuotedPart { IsAnsiC: false } q when q.Length >= 2 && source[q.End - 1] == '\'':
                (start, end) = (q.Start + 1, q.End - 1);
                return true;
            case ShellDoubleQuotedPart d when d.Length >= 2 && source[d.End - 1] == '"' && d.Parts.All(p => p is not ShellEscapePart):
                (start, end) = (d.Start + 1, d.End - 1);
                return true;
            case ShellLiteralPart l when l.Length == l.Value.Length:
                (start, end) = (l.Start, l.End);
                return true;
            default:
                return false;
        }
    }

    // One instance: ParseOptions keeps its last answer by spec, which a spec made per call would never hit.
    private static readonly ShellOptionSpec SuOptions = new("cgGsu", new[] { "command", "group", "supp-group", "shell", "user" });

    private static bool Assign(ShellWord w, out ShellWord script)
    {
        script = w;
        return true;
    }

    /// <summary>The literal value of a command word with any leading directory removed; null if not literal.</summary>
    public static string? BaseName(ShellWord word)
    {
        if (!word.TryGetLiteralValue(out var v)) return null;
        var slash = v.LastIndexOf('/');
        return slash >= 0 ? v.Substring(slash + 1) : v;
    }

    internal static ShellResolvedCommand Resolve(SimpleCommand command)
    {
        var words = command.Words;
        if (words.Length == 0) return new ShellResolvedCommand(command, -1, ImmutableArray<string>.Empty);
        ImmutableArray<string>.Builder? wrappers = null; // most commands have no wrapper
        var index = 0;
        string? name = null;
        bool named = false; // whether `name` is the base name of words[index]
        for (var guard = 0; guard < words.Length && index < words.Length; guard++)
        {
            name = BaseName(words[index]);
            named = true;
            if (name == null || !Wrappers.TryGetValue(name, out var wrapper)) break;
            var rest = words.RemoveRange(0, index + 1);
            var parsed = ShellOptions.Parse(rest, wrapper.Spec);
            // `command -v curl` looks curl up; it does not run it.
            if (name == "command" && parsed.Has('v') || name == "command" && parsed.Has('V')) break;
            var operands = parsed.Operands;
            var next = 0;
            next += Math.Min(wrapper.Positionals, operands.Length);
            if (wrapper.SkipsAssignments)
                while (next < operands.Length && IsAssignmentWord(operands[next])) next++;
            if (next >= operands.Length) break;
            (wrappers ??= ImmutableArray.CreateBuilder<string>()).Add(name);
            index = words.IndexOf(operands[next]);
            named = false;
        }
        var wrapperNames = wrappers?.ToImmutable() ?? ImmutableArray<string>.Empty;
        return named ? new ShellResolvedCommand(command, index, wrapperNames, name) : new ShellResolvedCommand(command, index, wrapperNames);
    }

    private static bool IsAssignmentWord(ShellWord w)
    {
        var p = w.LiteralPrefix;
        var eq = p.IndexOf('=');
        if (eq <= 0) return false;
        for (var i = 0; i < eq; i++)
        {
            var c = p[i];
            if (!(c == '_' || char.IsLetter(c) || (i > 0 && char.IsDigit(c)))) return false;
        }
        return true;
    }

    public override string ToString() => Name ?? "<unknown>";
}
