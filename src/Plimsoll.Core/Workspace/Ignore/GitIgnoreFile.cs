namespace Plimsoll.Workspace.Ignore;

/// <summary>One line of a .gitignore: its glob and what a match means.</summary>
/// <param name="Text">The line as written (after trailing spaces were trimmed), for messages.</param>
/// <param name="Negated">A <c>!</c> line: a match re-includes the path.</param>
/// <param name="DirectoryOnly">A line ending in '/': matches directories only.</param>
/// <param name="MatchesBaseName">A line with no '/' but a trailing one: matches the last path component at any depth.</param>
public sealed record GitIgnoreRule(string Text, WildMatch Pattern, bool Negated, bool DirectoryOnly, bool MatchesBaseName)
{
    public bool Matches(string relativePath, bool isDirectory)
    {
        if (DirectoryOnly && !isDirectory) return false;
        if (!MatchesBaseName) return Pattern.IsMatch(relativePath);
        int slash = relativePath.LastIndexOf('/');
        return Pattern.IsMatch(slash < 0 ? relativePath : relativePath.Substring(slash + 1));
    }
}

/// <summary>What the rules of one ignore file say about a path.</summary>
public enum IgnoreVerdict
{
    /// <summary>No rule matches: the next file up decides.</summary>
    None,
    Ignored,
    /// <summary>A <c>!</c> rule matched last.</summary>
    Included,
}

/// <summary>
/// The rules of one .gitignore (or <c>.git/info/exclude</c>), read as git reads them: blank lines and <c>#</c> lines
/// skipped, trailing spaces trimmed unless escaped, <c>!</c> negates, a trailing '/' means directories only, a
/// leading or middle '/' anchors the pattern to the file's directory, and the last matching line wins.
/// </summary>
public sealed class GitIgnoreFile
{
    private readonly GitIgnoreRule[] _rules;

    private GitIgnoreFile(string directory, GitIgnoreRule[] rules)
    {
        Directory = directory;
        _rules = rules;
    }

    /// <summary>The directory the patterns are relative to (absolute).</summary>
    public string Directory { get; }

    public IReadOnlyList<GitIgnoreRule> Rules => _rules;

    public static GitIgnoreFile Parse(string directory, string text)
    {
        var rules = new List<GitIgnoreRule>();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
        foreach (var rawLine in text.Split('\n'))
        {
            string line = rawLine.EndsWith("\r", StringComparison.Ordinal) ? rawLine.Substring(0, rawLine.Length - 1) : rawLine;
            if (line.Length == 0 || line[0] == '#') continue;
            line = TrimTrailingSpaces(line);
            bool negated = false;
            if (line.StartsWith("!", StringComparison.Ordinal))
            {
                negated = true;
                line = line.Substring(1);
            }
            bool directoryOnly = false;
            if (line.EndsWith("/", StringComparison.Ordinal))
            {
                directoryOnly = true;
                line = line.Substring(0, line.Length - 1);
            }
            if (line.Length == 0) continue;
            bool baseName = line.IndexOf('/') < 0;
            string pattern = !baseName && line[0] == '/' ? line.Substring(1) : line;
            rules.Add(new GitIgnoreRule(rawLine.TrimEnd('\r'), WildMatch.Compile(pattern), negated, directoryOnly, baseName));
        }
        return new GitIgnoreFile(directory, rules.ToArray());
    }

    /// <summary>The verdict of the last matching rule for a path relative to <see cref="Directory"/> ('/'-separated).</summary>
    public IgnoreVerdict Match(string relativePath, bool isDirectory, Func<GitIgnoreRule, bool>? ruleApplies = null)
    {
        for (int i = _rules.Length - 1; i >= 0; i--)
        {
            var rule = _rules[i];
            if (ruleApplies != null && !ruleApplies(rule)) continue;
            if (rule.Matches(relativePath, isDirectory)) return rule.Negated ? IgnoreVerdict.Included : IgnoreVerdict.Ignored;
        }
        return IgnoreVerdict.None;
    }

    // git: trailing spaces go unless quoted with a backslash ("a\ " keeps one space; the backslash stays for the glob).
    private static string TrimTrailingSpaces(string line)
    {
        int end = line.Length;
        while (end > 0 && line[end - 1] == ' ')
        {
            int backslashes = 0;
            for (int k = end - 2; k >= 0 && line[k] == '\\'; k--) backslashes++;
            if (backslashes % 2 == 1) break;
            end--;
        }
        return line.Substring(0, end);
    }
}
