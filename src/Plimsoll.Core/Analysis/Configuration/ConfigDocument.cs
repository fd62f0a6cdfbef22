using System.Text;
using Microsoft.CodeAnalysis;

namespace Plimsoll.Analysis.Configuration;

/// <summary>The role a configuration file plays; it decides how its sections and preamble apply.</summary>
internal enum ConfigDocumentKind
{
    /// <summary>An <c>.editorconfig</c>: sections relative to its folder, preamble only for <c>root</c>.</summary>
    EditorConfig,

    /// <summary>A <c>.globalconfig</c> (Roslyn's <c>is_global</c>): preamble for every file, sections are absolute paths.</summary>
    GlobalConfig,

    /// <summary>The <c>--config</c> file: preamble for every file, a slash-less section matches the name anywhere.</summary>
    Explicit,
}

/// <summary>One key/value line, with its 0-based line so that messages can say where a setting comes from.</summary>
internal sealed record ConfigProperty(string Key, string Value, int Line);

/// <summary>A <c>[name]</c> section and its properties, in file order.</summary>
internal sealed class ConfigSection
{
    private static int s_nextId;

    public ConfigSection(string name, int line, IReadOnlyList<ConfigProperty> properties)
    {
        Name = name;
        Line = line;
        Properties = properties;
        Id = Interlocked.Increment(ref s_nextId);
    }

    /// <summary>Unique in the process: names the section in Roslyn's results and in option-cache keys.</summary>
    public int Id { get; }
    public string Name { get; }
    public int Line { get; }
    public IReadOnlyList<ConfigProperty> Properties { get; }

    /// <summary>The key Roslyn reports for a path when this section matches it.</summary>
    public string MarkerKey => "plimsoll_section_marker." + Id;
}

/// <summary>
/// A configuration file in EditorConfig syntax. Which sections apply to a path is decided by Roslyn's
/// <see cref="AnalyzerConfig"/>/<see cref="AnalyzerConfigSet"/> (globs, folders, <c>root</c>, global configs):
/// <see cref="RoslynConfig"/> holds this file's section headers, each with one marker key. The properties
/// themselves are read here, line by line, because every setting must say which line set it and every
/// invalid line must be reported at its line — Roslyn's public API gives neither.
/// </summary>
/// <remarks>
/// Reading follows the EditorConfig specification: whole-line comments (<c>#</c> or <c>;</c>), no inline
/// comments in values, keys lower-cased; like Roslyn it also accepts <c>key: value</c> and a comment after a
/// section header. A section name longer than <see cref="MaxSectionNameLength"/> characters or with more than
/// <see cref="MaxWildcards"/> <c>*</c> runs is skipped and reported: Roslyn turns section names into
/// backtracking regular expressions, whose cost grows with the power of the number of wildcards.
/// </remarks>
internal sealed class ConfigDocument
{
    public const int MaxSectionNameLength = 1024;
    public const int MaxWildcards = 4;

    private static int s_nextId;

    private ConfigDocument(string path, ConfigDocumentKind kind, bool isRoot, IReadOnlyList<ConfigProperty> preamble,
        IReadOnlyList<ConfigSection> sections, IReadOnlyList<ConfigurationProblem> problems)
    {
        Path = path;
        Kind = kind;
        IsRoot = isRoot;
        Preamble = preamble;
        Sections = sections;
        Problems = problems;
        Id = Interlocked.Increment(ref s_nextId);
        RoslynConfig = AnalyzerConfig.Parse(RoslynText(), RoslynPath());
    }

    /// <summary>Unique in the process: identifies this reading of the file in cache keys.</summary>
    public int Id { get; }
    public string Path { get; }
    public ConfigDocumentKind Kind { get; }
    public bool IsRoot { get; }

    /// <summary>Pairs before the first section other than <c>root</c>; they apply to every file except in an <c>.editorconfig</c>.</summary>
    public IReadOnlyList<ConfigProperty> Preamble { get; }
    public IReadOnlyList<ConfigSection> Sections { get; }
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    /// <summary>The section headers with their marker keys, for Roslyn to match paths against.</summary>
    public AnalyzerConfig RoslynConfig { get; }

    /// <summary>The document for a file that could not be read: no settings, one problem.</summary>
    public static ConfigDocument Unreadable(string path, ConfigDocumentKind kind, string message)
        => new(path, kind, false, Array.Empty<ConfigProperty>(), Array.Empty<ConfigSection>(), new[] { new ConfigurationProblem(path, 0, message) });

    /// <param name="isUnknownRule">True for a rule id that names no rule (reported, the setting still kept).</param>
    public static ConfigDocument Parse(string text, string path, ConfigDocumentKind kind, Func<string, bool>? isUnknownRule = null)
    {
        var problems = new List<ConfigurationProblem>();
        var preamble = new List<ConfigProperty>();
        var sections = new List<ConfigSection>();
        bool isRoot = false;
        string? sectionName = null; // null before the first section
        int sectionLine = 0;
        bool sectionSkipped = false;
        var current = new List<ConfigProperty>();

        var lines = SplitLines(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text);
        for (int lineIndex = 0; lineIndex < lines.Count; lineIndex++)
        {
            string line = lines[lineIndex].Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;

            if (line[0] == '[')
            {
                CloseSection();
                current = new List<ConfigProperty>();
                sectionName = "";
                sectionLine = lineIndex;
                sectionSkipped = true; // until the header proves valid
                if (!TryGetSectionName(line, out string name))
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, $"invalid section header '{Shorten(line)}': it must end with ']'"));
                }
                else if (name.Length == 0)
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, "empty section name '[]': the section matches no file"));
                }
                else if (name.Length > MaxSectionNameLength)
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, $"section name of {name.Length} characters: names longer than {MaxSectionNameLength} are skipped"));
                }
                else if (CountWildcards(name) > MaxWildcards)
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, $"section name '{Shorten(name)}' has {CountWildcards(name)} '*' wildcards: more than {MaxWildcards} are skipped, as matching them can take minutes"));
                }
                else if (RoslynRejects(name) is { } reason)
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, $"section name '{Shorten(name)}' cannot be matched ({reason}): the section is skipped"));
                }
                else
                {
                    sectionName = name;
                    sectionSkipped = false;
                }
                continue;
            }

            if (!TrySplitPair(line, out string key, out string value))
            {
                problems.Add(new ConfigurationProblem(path, lineIndex, $"invalid line '{Shorten(line)}': expected 'key = value', '[section]' or a comment"));
                continue;
            }
            if (key.Length == 0)
            {
                problems.Add(new ConfigurationProblem(path, lineIndex, "missing key before '='"));
                continue;
            }
            key = key.ToLowerInvariant();
            if (value.Equals("unset", StringComparison.OrdinalIgnoreCase)) value = "unset";

            if (key == "root" || (key == "is_global" && kind == ConfigDocumentKind.GlobalConfig))
            {
                if (sectionName != null)
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, $"'{key}' only has an effect before the first section"));
                }
                else if (value.Equals("true", StringComparison.OrdinalIgnoreCase)) isRoot |= key == "root";
                else if (!value.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, $"invalid value '{value}' for '{key}': expected true or false"));
                }
                continue;
            }

            if (SeverityKey.TryParse(key, out var scope, out string target))
            {
                if (value != "unset" && !SeverityNames.TryParse(value, out _))
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, $"invalid severity '{value}' for '{key}': expected {SeverityNames.Allowed}"));
                    continue;
                }
                if (scope == SeverityScope.Rule && isUnknownRule != null && isUnknownRule(target))
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, $"'{key}': no rule has the id '{target.ToUpperInvariant()}'"));
                }
            }

            var property = new ConfigProperty(key, value, lineIndex);
            if (sectionName == null)
            {
                if (kind != ConfigDocumentKind.EditorConfig) preamble.Add(property);
                else problems.Add(new ConfigurationProblem(path, lineIndex, $"'{key}' is outside any section and has no effect (only 'root' belongs before the first section)"));
            }
            else
            {
                current.Add(property);
            }
        }
        CloseSection();
        return new ConfigDocument(path, kind, isRoot, preamble, sections, problems);

        void CloseSection()
        {
            if (sectionName != null && !sectionSkipped) sections.Add(new ConfigSection(sectionName, sectionLine, current));
        }
    }

    // Roslyn sees only what decides matching: root/is_global and each section with its marker.
    private string RoslynText()
    {
        var text = new StringBuilder();
        if (Kind == ConfigDocumentKind.GlobalConfig) text.Append("is_global = true\n");
        else text.Append("root = ").Append(IsRoot ? "true" : "false").Append('\n');
        foreach (var section in Sections)
        {
            text.Append('[').Append(EscapeCommentCharacters(RoslynSectionName(section.Name))).Append("]\n");
            text.Append(section.MarkerKey).Append(" = x\n");
        }
        return text.ToString();
    }

    // An explicit config applies wherever the linted files are: it is placed at the root of the file
    // system, and a section with a '/' is anchored to the config's own folder below that root.
    private string RoslynPath()
        => Kind == ConfigDocumentKind.Explicit ? FileSystemRoot(Path) + ".editorconfig" : Path;

    private string RoslynSectionName(string name)
    {
        if (Kind != ConfigDocumentKind.Explicit || name.IndexOf('/') < 0) return name;
        string directory = System.IO.Path.GetDirectoryName(Path) ?? "";
        string below = directory.Substring(Math.Min(directory.Length, FileSystemRoot(Path).Length)).Replace('\\', '/').Trim('/');
        return "/" + (below.Length == 0 ? "" : EscapeGlob(below) + "/") + name.TrimStart('/');
    }

    private static string FileSystemRoot(string path)
    {
        string root = System.IO.Path.GetPathRoot(path) ?? "/";
        return root.Length == 0 ? "/" : root.Replace('\\', '/').TrimEnd('/') + "/";
    }

    private static string EscapeGlob(string literal)
    {
        var escaped = new StringBuilder(literal.Length);
        foreach (char c in literal)
        {
            if ("*?[]{},!\\".IndexOf(c) >= 0) escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    // Roslyn's header syntax ends a section name at an unescaped '#' or ';' (a comment).
    private static string EscapeCommentCharacters(string name)
    {
        var escaped = new StringBuilder(name.Length);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '\\' && i + 1 < name.Length)
            {
                escaped.Append(c).Append(name[++i]);
                continue;
            }
            if (c == '#' || c == ';') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    // Runs of '*' ('*' and '**' count one each), escaped ones excluded.
    private static int CountWildcards(string name)
    {
        int count = 0;
        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\') { i++; continue; }
            if (name[i] != '*') continue;
            count++;
            while (i + 1 < name.Length && name[i + 1] == '*') i++;
        }
        return count;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";

    // Lines split on LF, CRLF or CR, as SourceText does.
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\n' && c != '\r') continue;
            lines.Add(text.Substring(start, i - start));
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text.Substring(start));
        return lines;
    }

    // "[name]" (the specification: first '[' to last ']'); failing that, Roslyn's "[name] # comment".
    // Linear: one backwards scan for a ']' followed only by blanks and a comment.
    // Roslyn turns a section name into a regular expression; some names (a reversed range such as '[?-#]') give an
    // invalid one and throw when a path is matched. Probe each name once, alone, so one bad header skips one section.
    private static string? RoslynRejects(string name)
    {
        try
        {
            var probe = AnalyzerConfig.Parse("root = true\n[" + EscapeCommentCharacters(name) + "]\nprobe = 1\n", "/probe/.editorconfig");
            AnalyzerConfigSet.Create(new[] { probe }, out _).GetOptionsForSourcePath("/probe/file");
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static bool TryGetSectionName(string line, out string name)
    {
        name = "";
        if (line.Length >= 2 && line[line.Length - 1] == ']')
        {
            name = line.Substring(1, line.Length - 2);
            return true;
        }
        int nextNonBlank = -1; // the nearest non-blank character right of i
        for (int i = line.Length - 1; i > 0; i--)
        {
            char c = line[i];
            if (c == ']' && nextNonBlank > i && (line[nextNonBlank] == '#' || line[nextNonBlank] == ';'))
            {
                name = line.Substring(1, i - 1);
                return true;
            }
            if (!char.IsWhiteSpace(c)) nextNonBlank = i;
        }
        return false;
    }

    // Key before the first '='; Roslyn also accepts ':' when there is no '='.
    private static bool TrySplitPair(string line, out string key, out string value)
    {
        int eq = line.IndexOf('=');
        if (eq < 0)
        {
            int colon = line.IndexOf(':');
            if (colon > 0 && IsRoslynKey(line.Substring(0, colon).Trim())) eq = colon;
        }
        if (eq < 0)
        {
            key = value = "";
            return false;
        }
        key = line.Substring(0, eq).Trim();
        value = line.Substring(eq + 1).Trim();
        return true;
    }

    private static bool IsRoslynKey(string key)
    {
        if (key.Length == 0) return false;
        foreach (char c in key)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) return false;
        }
        return true;
    }
}
