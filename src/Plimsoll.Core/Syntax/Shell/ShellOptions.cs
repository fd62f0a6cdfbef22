using System.Collections.Immutable;

namespace Plimsoll.Syntax.Shell;

/// <summary>Which options of a command take a value, so that `-o FILE` and `-fsSLo FILE` parse correctly.</summary>
public sealed class ShellOptionSpec
{
    public ShellOptionSpec(string shortOptionsWithValue = "", IEnumerable<string>? longOptionsWithValue = null, bool stopAtFirstOperand = false)
    {
        ShortOptionsWithValue = shortOptionsWithValue ?? string.Empty;
        _longWithValue = new HashSet<string>(longOptionsWithValue ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        StopAtFirstOperand = stopAtFirstOperand;
    }

    /// <summary>Short option letters that take a value (`o` for `-o FILE` / `-oFILE`).</summary>
    public string ShortOptionsWithValue { get; }

    /// <summary>Long option names (without `--`) that take the next word as value when written without `=`.</summary>
    public IReadOnlyCollection<string> LongOptionsWithValue => _longWithValue;

    private readonly HashSet<string> _longWithValue;

    public bool LongOptionTakesValue(string name) => _longWithValue.Contains(name);

    /// <summary>POSIX style: the first operand ends option parsing (wrappers like `sudo`, `env`).</summary>
    public bool StopAtFirstOperand { get; }

    /// <summary>No option takes a value; options and operands may interleave (GNU style).</summary>
    public static ShellOptionSpec Default { get; } = new();

    public static ShellOptionSpec Curl { get; } = new("AbcCdDeEFHKmoPQrTuUwxXyYz",
        new[]
        {
            "user-agent", "cookie", "cookie-jar", "continue-at", "data", "data-ascii", "data-binary", "data-raw", "data-urlencode",
            "dump-header", "referer", "cert", "form", "form-string", "header", "config", "max-time", "output", "ftp-port", "quote",
            "range", "upload-file", "user", "proxy-user", "write-out", "proxy", "request", "speed-limit", "speed-time", "time-cond",
            "cacert", "capath", "connect-timeout", "retry", "retry-delay", "retry-max-time", "output-dir", "url", "key", "pass",
            "resolve", "connect-to", "interface", "limit-rate", "max-filesize", "proto", "proto-redir", "tlsv1.2", "ciphers", "pinnedpubkey",
            "variable", "expand-url",
        });

    public static ShellOptionSpec Wget { get; } = new("aABDeiIlOoPQRtTUwXY",
        new[]
        {
            "output-file", "append-output", "execute", "input-file", "base", "config", "tries", "output-document", "wait",
            "waitretry", "timeout", "dns-timeout", "connect-timeout", "read-timeout", "limit-rate", "quota", "bind-address",
            "directory-prefix", "user", "password", "http-user", "http-password", "header", "user-agent", "post-data", "post-file",
            "method", "body-data", "body-file", "referer", "certificate", "private-key", "ca-certificate", "ca-directory",
            "load-cookies", "save-cookies", "accept", "reject", "domains", "exclude-domains", "include-directories",
            "exclude-directories", "level", "secure-protocol", "https-only",
        });
}

/// <summary>One option found in a word list: `-k` (possibly inside `-fsSLk`), `--insecure`, `--opt=value`, `-o FILE`.</summary>
public sealed record ShellOption(string Name, bool IsLong, string? Value, ShellWord Word, ShellWord? ValueWord, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>The options and operands of a command's arguments.</summary>
public sealed class ShellOptionSet
{
    internal ShellOptionSet(ImmutableArray<ShellOption> options, ImmutableArray<ShellWord> operands)
    {
        Options = options;
        Operands = operands;
    }

    public ImmutableArray<ShellOption> Options { get; }

    /// <summary>Words that are not options nor option values, in order.</summary>
    public ImmutableArray<ShellWord> Operands { get; }

    /// <summary>The first option named <paramref name="shortName"/> (`'k'`) or any of <paramref name="longNames"/> (`"insecure"`).</summary>
    public ShellOption? Find(char? shortName, params string[] longNames)
    {
        foreach (var o in Options)
        {
            if (!o.IsLong && shortName.HasValue && o.Name.Length == 1 && o.Name[0] == shortName.Value) return o;
            if (o.IsLong && Array.IndexOf(longNames, o.Name) >= 0) return o;
        }
        return null;
    }

    public bool Has(char? shortName, params string[] longNames) => Find(shortName, longNames) != null;

    /// <summary>All options with the given short or long names (e.g. every `-H`/`--header`).</summary>
    public IEnumerable<ShellOption> FindAll(char? shortName, params string[] longNames)
    {
        // An iterator, not a query with a closure: asked of every curl and wget command.
        foreach (var o in Options)
            if (o.IsLong ? Array.IndexOf(longNames, o.Name) >= 0 : shortName.HasValue && o.Name.Length == 1 && o.Name[0] == shortName.Value)
                yield return o;
    }
}

/// <summary>getopt-like parsing of shell words, good enough to find flags; not a model of any one program.</summary>
public static class ShellOptions
{
    public static ShellOptionSet Parse(IEnumerable<ShellWord> arguments, ShellOptionSpec? spec = null)
    {
        spec ??= ShellOptionSpec.Default;
        var args = arguments as IReadOnlyList<ShellWord> ?? arguments.ToList();
        var options = ImmutableArray.CreateBuilder<ShellOption>();
        var operands = ImmutableArray.CreateBuilder<ShellWord>();
        var onlyOperands = false;
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            var text = word.IsLiteral ? word.ApproximateValue : word.LiteralPrefix;
            if (!word.IsLiteral && !text.StartsWith("-", StringComparison.Ordinal)) text = string.Empty;
            if (onlyOperands || text.Length < 2 || text[0] != '-')
            {
                operands.Add(word);
                if (spec.StopAtFirstOperand) onlyOperands = true;
                continue;
            }
            if (text == "--")
            {
                onlyOperands = true;
                continue;
            }
            if (text.StartsWith("--", StringComparison.Ordinal))
            {
                var full = word.ApproximateValue;
                var eq = full.IndexOf('=');
                if (eq > 2)
                {
                    options.Add(new ShellOption(full.Substring(2, eq - 2), true, full.Substring(eq + 1), word, null, word.Start, word.Length));
                    continue;
                }
                var name = full.Substring(2);
                if (spec.LongOptionTakesValue(name) && i + 1 < args.Count)
                {
                    var valueWord = args[++i];
                    options.Add(new ShellOption(name, true, valueWord.ApproximateValue, word, valueWord, word.Start, valueWord.End - word.Start));
                }
                else options.Add(new ShellOption(name, true, null, word, null, word.Start, word.Length));
                continue;
            }
            // Short options, possibly combined: -fsSL, -ofile, -fsSLo file.
            var value = word.ApproximateValue;
            for (var k = 1; k < value.Length; k++)
            {
                var c = value[k];
                var at = word.MapValueOffset(k);
                var len = at == word.Start ? word.Length : 1;
                if (spec.ShortOptionsWithValue.IndexOf(c) >= 0)
                {
                    if (k + 1 < value.Length)
                        options.Add(new ShellOption(OptionName(c), false, value.Substring(k + 1), word, null, at, word.End - at));
                    else if (i + 1 < args.Count)
                    {
                        var valueWord = args[++i];
                        options.Add(new ShellOption(OptionName(c), false, valueWord.ApproximateValue, word, valueWord, at, valueWord.End - at));
                    }
                    else options.Add(new ShellOption(OptionName(c), false, null, word, null, at, len));
                    break;
                }
                options.Add(new ShellOption(OptionName(c), false, null, word, null, at, len));
            }
        }
        return new ShellOptionSet(options.ToImmutable(), operands.ToImmutable());
    }

    private static readonly string[] AsciiNames = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();

    /// <summary>A short option's name; shared strings for ASCII letters, as rules parse options of many commands.</summary>
    private static string OptionName(char c) => c < 128 ? AsciiNames[c] : c.ToString();
}
