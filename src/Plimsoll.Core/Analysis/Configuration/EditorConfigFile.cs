using System.Text;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis.Configuration;

/// <summary>One key/value line of an EditorConfig file.</summary>
internal sealed record EditorConfigProperty(string Key, string Value, int Line);

/// <summary>A <c>[glob]</c> section and its properties, in file order.</summary>
internal sealed class EditorConfigSection
{
    private static int s_nextId;
    private readonly Lazy<EditorConfigGlob> _glob;

    public EditorConfigSection(string name, int line, IReadOnlyList<EditorConfigProperty> properties)
    {
        Name = name;
        Line = line;
        Properties = properties;
        Id = Interlocked.Increment(ref s_nextId);
        _glob = new Lazy<EditorConfigGlob>(() => EditorConfigGlob.Compile(name), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Unique in the process: identifies the section in option-cache keys.</summary>
    public int Id { get; }
    public string Name { get; }
    public int Line { get; }
    public IReadOnlyList<EditorConfigProperty> Properties { get; }
    public EditorConfigGlob Glob => _glob.Value;
}

/// <summary>
/// A parsed EditorConfig file. Parsing follows the EditorConfig specification: whole-line comments
/// (<c>#</c> or <c>;</c>), no inline comments in values (since spec 0.15, and current Roslyn), keys
/// lower-cased, <c>root</c> read from the preamble. Like Roslyn we also accept <c>key: value</c> and a
/// comment after a section header. Every invalid line becomes a <see cref="ConfigurationProblem"/>.
/// </summary>
internal sealed class EditorConfigFile
{
    private EditorConfigFile(string path, bool isRoot, IReadOnlyList<EditorConfigProperty> preamble,
        IReadOnlyList<EditorConfigSection> sections, IReadOnlyList<ConfigurationProblem> problems)
    {
        Path = path;
        Directory = NormalizeDirectory(System.IO.Path.GetDirectoryName(path) ?? "");
        IsRoot = isRoot;
        Preamble = preamble;
        Sections = sections;
        Problems = problems;
    }

    public string Path { get; }

    /// <summary>The same file with one more problem (used for a missing --config file).</summary>
    public EditorConfigFile WithProblem(ConfigurationProblem problem)
        => new(Path, IsRoot, Preamble, Sections, Problems.Concat(new[] { problem }).ToList());

    /// <summary>The containing directory with '/' separators and no trailing '/'.</summary>
    public string Directory { get; }
    public bool IsRoot { get; }

    /// <summary>Pairs before the first section other than <c>root</c> (only an explicit config file applies them).</summary>
    public IReadOnlyList<EditorConfigProperty> Preamble { get; }
    public IReadOnlyList<EditorConfigSection> Sections { get; }
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    public static string NormalizeDirectory(string directory)
    {
        var d = directory.Replace('\\', '/');
        return d.Length > 1 && d.EndsWith("/", StringComparison.Ordinal) ? d.Substring(0, d.Length - 1) : d;
    }

    /// <summary>Reads and parses; an unreadable file yields an empty file with one problem.</summary>
    public static EditorConfigFile Load(IFileSystem fileSystem, string path, bool preambleAppliesToAllFiles)
    {
        var read = fileSystem.ReadFile(path);
        if (!read.IsOk)
        {
            return new EditorConfigFile(path, false, Array.Empty<EditorConfigProperty>(), Array.Empty<EditorConfigSection>(),
                new[] { new ConfigurationProblem(path, 0, "cannot read the file: " + read.Message) });
        }
        return Parse(ConfigurationText.WithoutByteOrderMark(read.Content!.Text), path, preambleAppliesToAllFiles);
    }

    public static EditorConfigFile Parse(string text, string path, bool preambleAppliesToAllFiles)
    {
        var problems = new List<ConfigurationProblem>();
        var preamble = new List<EditorConfigProperty>();
        var sections = new List<EditorConfigSection>();
        bool isRoot = false;
        string? sectionName = null;
        int sectionLine = 0;
        var current = new List<EditorConfigProperty>();

        var lines = SplitLines(text);
        for (int lineIndex = 0; lineIndex < lines.Count; lineIndex++)
        {
            string line = lines[lineIndex].Trim();
            if (lineIndex == 0 && line.Length > 0 && line[0] == '\uFEFF') line = line.Substring(1).Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;

            if (line[0] == '[')
            {
                if (TryGetSectionName(line, out string name))
                {
                    if (name.Length == 0)
                    {
                        problems.Add(new ConfigurationProblem(path, lineIndex, "empty section name '[]'; the section matches no file"));
                    }
                    CloseSection();
                    sectionName = name;
                    sectionLine = lineIndex;
                    current = new List<EditorConfigProperty>();
                    continue;
                }
                problems.Add(new ConfigurationProblem(path, lineIndex, $"invalid section header '{line}': it must end with ']'"));
                continue;
            }

            if (!TrySplitPair(line, out string key, out string value))
            {
                problems.Add(new ConfigurationProblem(path, lineIndex, $"invalid line '{line}': expected 'key = value', '[section]' or a comment"));
                continue;
            }
            if (key.Length == 0)
            {
                problems.Add(new ConfigurationProblem(path, lineIndex, "missing key before '='"));
                continue;
            }
            key = key.ToLowerInvariant();
            if (value.Equals("unset", StringComparison.OrdinalIgnoreCase)) value = "unset";

            if (key == "root")
            {
                if (sectionName != null)
                {
                    problems.Add(new ConfigurationProblem(path, lineIndex, "'root' only has an effect before the first section"));
                }
                else if (value.Equals("true", StringComparison.OrdinalIgnoreCase)) isRoot = true;
                else if (value.Equals("false", StringComparison.OrdinalIgnoreCase)) isRoot = false;
                else problems.Add(new ConfigurationProblem(path, lineIndex, $"invalid value '{value}' for 'root': expected true or false"));
                continue;
            }

            if (SeverityKey.TryParse(key, out _, out _) && value != "unset" && !SeverityNames.TryParse(value, out _))
            {
                problems.Add(new ConfigurationProblem(path, lineIndex, $"invalid severity '{value}' for '{key}': expected {SeverityNames.Allowed}"));
                continue;
            }

            var property = new EditorConfigProperty(key, value, lineIndex);
            if (sectionName == null)
            {
                if (preambleAppliesToAllFiles) preamble.Add(property);
                else problems.Add(new ConfigurationProblem(path, lineIndex, $"'{key}' is outside any section and has no effect (only 'root' belongs before the first section)"));
            }
            else
            {
                current.Add(property);
            }
        }
        CloseSection();
        return new EditorConfigFile(path, isRoot, preamble, sections, problems);

        void CloseSection()
        {
            if (sectionName != null && sectionName.Length > 0) sections.Add(new EditorConfigSection(sectionName, sectionLine, current));
        }
    }

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
    private static bool TryGetSectionName(string line, out string name)
    {
        name = "";
        if (line.EndsWith("]", StringComparison.Ordinal) && line.Length >= 2)
        {
            name = line.Substring(1, line.Length - 2);
            return true;
        }
        int close = line.LastIndexOf(']');
        while (close > 0)
        {
            string rest = line.Substring(close + 1).TrimStart();
            if (rest.Length > 0 && (rest[0] == '#' || rest[0] == ';'))
            {
                name = line.Substring(1, close - 1);
                return true;
            }
            close = line.LastIndexOf(']', close - 1);
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
