using System.Text;
using System.Text.RegularExpressions;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// The patterns of a <c>.dockerignore</c> file as Docker reads them: <c>#</c> comment lines, trimmed lines, a leading
/// <c>!</c> for an exception, paths cleaned and relative to the context root (a leading <c>/</c> is dropped);
/// <c>*</c> and <c>?</c> stay within one path segment, <c>**</c> spans any number of them, <c>[…]</c> is a class,
/// <c>\</c> escapes. A pattern excludes the path it matches and everything under it; the last matching line wins.
/// </summary>
internal sealed class DockerIgnore
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    // Linear-time matching where the runtime has it (.NET 7+; the analyzer package may run on .NET Framework, which
    // lacks the flag): a backtracking regex for a line such as '**/a**/a**/a**/b' against a deep path runs into its
    // timeout for every pattern and path, which took a hostile context over five minutes.
    private static readonly RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Singleline | NonBacktrackingIfAvailable();

    private static RegexOptions NonBacktrackingIfAvailable()
    {
        const RegexOptions nonBacktracking = (RegexOptions)1024;
        try
        {
            _ = new Regex("a", nonBacktracking);
            return nonBacktracking;
        }
        catch (ArgumentOutOfRangeException)
        {
            return RegexOptions.None;
        }
    }

    private readonly IReadOnlyList<IgnorePattern> _patterns;

    private DockerIgnore(IReadOnlyList<IgnorePattern> patterns) => _patterns = patterns;

    public IReadOnlyList<IgnorePattern> Patterns => _patterns;

    /// <summary>The file's patterns, or null when one of them is not valid (Docker then refuses to build).</summary>
    public static DockerIgnore? Parse(string text)
    {
        var patterns = new List<IgnorePattern>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (i == 0 && line.Length > 0 && line[0] == '\uFEFF') line = line.Substring(1);
            // A comment only when '#' is the very first character.
            if (line.StartsWith("#", StringComparison.Ordinal)) continue;
            line = line.Trim();
            if (line.Length == 0) continue;
            bool exception = line[0] == '!';
            if (exception) line = line.Substring(1).Trim();
            if (line.Length > 0)
            {
                line = CleanPath(line);
                if (line.Length > 1 && line[0] == '/') line = line.Substring(1);
            }
            if (line.Length == 0) return null; // a bare '!' is an error
            var regex = Compile(line);
            if (regex == null) return null;
            patterns.Add(new IgnorePattern((exception ? "!" : "") + line, line, exception, regex, i + 1));
        }
        return new DockerIgnore(patterns);
    }

    /// <summary>
    /// The pattern that decides that <paramref name="path"/> (cleaned, relative to the context) is excluded,
    /// or null when it is kept. A pattern matches the path or one of its parent directories.
    /// </summary>
    public IgnorePattern? ExcludedBy(string path)
    {
        IgnorePattern? decision = null;
        var parents = ParentPrefixes(path);
        foreach (var pattern in _patterns)
        {
            bool excluded = decision != null;
            // Docker skips an exclusion when the path is already excluded, and an exception when it is not.
            if (pattern.IsException != excluded) continue;
            bool match = pattern.Matches(path) || parents.Any(pattern.Matches);
            if (match) decision = pattern.IsException ? null : pattern;
        }
        return decision;
    }

    private static List<string> ParentPrefixes(string path)
    {
        var result = new List<string>();
        int slash = path.IndexOf('/');
        while (slash > 0)
        {
            result.Add(path.Substring(0, slash));
            slash = path.IndexOf('/', slash + 1);
        }
        return result;
    }

    /// <summary>Go's <c>path.Clean</c>: no empty, <c>.</c> or resolvable <c>..</c> segments, no trailing slash.</summary>
    public static string CleanPath(string path)
    {
        if (path.Length == 0) return ".";
        bool rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add("..");
                continue;
            }
            parts.Add(part);
        }
        string joined = string.Join("/", parts);
        if (rooted) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }

    // The pattern as a regular expression anchored at both ends, built the way Docker's pattern matcher builds it.
    private static Regex? Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (inClass)
            {
                if (c == ']') inClass = false;
                if (c == '\\')
                {
                    if (i + 1 >= pattern.Length) return null;
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    continue;
                }
                regex.Append(c == '[' ? "\\[" : c.ToString());
                continue;
            }
            switch (c)
            {
                case '*':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                    {
                        i++;
                        bool slash = i + 1 < pattern.Length && pattern[i + 1] == '/';
                        if (slash) i++;
                        // '**' at the end matches everything; elsewhere any number of directories, even none.
                        // A leading '**' before literal text is a plain suffix test in Docker ('**foo' matches 'xfoo').
                        bool literalSuffix = regex.Length == 1 && !slash && pattern.IndexOfAny(new[] { '*', '?', '[', ']', '\\' }, i + 1) < 0;
                        regex.Append(i + 1 >= pattern.Length || literalSuffix ? ".*" : "(.*/)?");
                    }
                    else regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '\\':
                    if (i + 1 >= pattern.Length) return null; // Go's filepath.Match rejects a trailing backslash
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '[':
                    inClass = true;
                    regex.Append('[');
                    // Go writes a negated class '[^…]'; '!' stays a literal as in Docker.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') { regex.Append('^'); i++; }
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']') return null; // empty class
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (inClass) return null; // unterminated class: Docker refuses the file
        regex.Append('$');
        try
        {
            return new Regex(regex.ToString(), Options, MatchTimeout);
        }
        catch (NotSupportedException) when (Options != RegexOptions.None)
        {
            // A pattern too large for a linear-time automaton (thousands of wildcards): the backtracking engine, each
            // match bounded by the time limit, rather than losing the whole file.
            return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>One line of a <c>.dockerignore</c>: its cleaned text (with its <c>!</c>), and its 1-based line.</summary>
internal sealed class IgnorePattern
{
    private readonly Regex _regex;

    public IgnorePattern(string text, string path, bool isException, Regex regex, int line)
    {
        Text = text;
        Path = path;
        IsException = isException;
        _regex = regex;
        Line = line;
    }

    public string Text { get; }

    /// <summary>The pattern without its <c>!</c>.</summary>
    public string Path { get; }

    public bool IsException { get; }
    public int Line { get; }

    /// <summary>True when the pattern has wildcards (so it may match more than one path).</summary>
    public bool HasWildcards => Path.IndexOfAny(new[] { '*', '?', '[', '\\' }) >= 0;

    public bool Matches(string path)
    {
        try
        {
            return _regex.IsMatch(path);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
