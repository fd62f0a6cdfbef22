using System.Collections.Concurrent;
using System.Text;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis.Configuration;

/// <summary>
/// Options from <c>.editorconfig</c> files, the way editorconfig.org and Roslyn read them: every
/// <c>.editorconfig</c> from the linted file's directory upwards until one says <c>root = true</c>;
/// matching sections apply in order, later sections over earlier ones, nearer files over farther ones.
/// </summary>
/// <remarks>
/// <para>
/// An explicit config file (<c>--config FILE</c>, editorconfig syntax) applies as if it were the
/// farthest-away root file: everything found in <c>.editorconfig</c> files overrides it. That keeps
/// the repository's own files authoritative for the paths they cover, while a CI-wide file supplies
/// defaults. In it, pairs before the first section apply to every file (like Roslyn's global
/// configs), a section name without <c>/</c> matches the file name anywhere, and a name with
/// <c>/</c> is relative to the config file's directory.
/// </para>
/// <para>
/// A <c>.hadolint.yaml</c> (or <c>.hadolint.yml</c>) in the file's directory or above, up to the git
/// root, is read as a migration aid; see <see cref="AnalyzerOptions"/> for how it ranks.
/// </para>
/// <para>
/// Parsed files, per-directory lookups and the resulting options are cached for the provider's
/// lifetime: files edited since are not re-read (a host makes a new provider when configuration files change). Thread-safe. Never throws
/// on bad files: see <see cref="Problems"/>.
/// </para>
/// </remarks>
public sealed class EditorConfigOptionsProvider : IAnalyzerOptionsProvider
{
    private const string EditorConfigName = ".editorconfig";
    private static readonly string[] HadolintNames = { ".hadolint.yaml", ".hadolint.yml" };

    // Windows and macOS file systems are usually case-insensitive; Linux is not.
    private static readonly StringComparer PathComparer =
        Path.DirectorySeparatorChar == '\\' || RuntimeIsMac() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly IFileSystem _fileSystem;
    private readonly Func<string, string>? _categoryOf;
    private readonly Func<string, IEnumerable<string>>? _mapHadolintRule;
    private readonly bool _readHadolintConfig;
    private readonly EditorConfigFile? _explicitConfig;
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<EditorConfigFile>>> _chains = new(PathComparer);
    private readonly ConcurrentDictionary<string, Lazy<HadolintConfigFile?>> _hadolintByDirectory = new(PathComparer);
    private readonly ConcurrentDictionary<string, Lazy<HadolintConfigFile>> _hadolintFiles = new(PathComparer);
    private readonly ConcurrentDictionary<string, AnalyzerOptions> _optionsBySections = new(StringComparer.Ordinal);

    /// <param name="explicitConfigPath">The <c>--config</c> file, or null.</param>
    /// <param name="categoryOf">Rule id → category, for <c>dotnet_analyzer_diagnostic.category-X.severity</c>.</param>
    /// <param name="mapHadolintRule">hadolint id (upper case) → the Plimsoll rules that replace it.</param>
    /// <param name="readHadolintConfig">False to ignore .hadolint.yaml files.</param>
    public EditorConfigOptionsProvider(
        string? explicitConfigPath = null,
        Func<string, string>? categoryOf = null,
        Func<string, IEnumerable<string>>? mapHadolintRule = null,
        bool readHadolintConfig = true)
        : this(PhysicalFileSystem.Instance, explicitConfigPath, categoryOf, mapHadolintRule, readHadolintConfig)
    {
    }

    /// <param name="fileSystem">Where the configuration files are read (a host's buffers may overlay the disk).</param>
    public EditorConfigOptionsProvider(
        IFileSystem fileSystem,
        string? configPath,
        Func<string, string>? categoryOf,
        Func<string, IEnumerable<string>>? mapHadolintRule,
        bool readHadolintConfig = true)
    {
        _fileSystem = fileSystem;
        string? explicitConfigPath = configPath;
        _categoryOf = categoryOf;
        _mapHadolintRule = mapHadolintRule;
        _readHadolintConfig = readHadolintConfig;
        if (explicitConfigPath != null)
        {
            string full = TryGetFullPath(explicitConfigPath) ?? explicitConfigPath;
            _explicitConfig = _fileSystem.FileExists(full)
                ? EditorConfigFile.Load(_fileSystem, full, preambleAppliesToAllFiles: true)
                : EditorConfigFile.Parse("", full, true).WithProblem(new ConfigurationProblem(full, 0, "the configuration file does not exist"));
        }
    }

    /// <summary>
    /// Problems in every configuration file read so far (each reported once), ordered by file and line.
    /// Call it after linting: files are read lazily.
    /// </summary>
    public IReadOnlyList<ConfigurationProblem> Problems
    {
        get
        {
            var all = new List<ConfigurationProblem>();
            if (_explicitConfig != null) all.AddRange(_explicitConfig.Problems);
            var seen = new HashSet<string>(PathComparer);
            foreach (var chain in _chains.Values)
            {
                if (!chain.IsValueCreated) continue;
                foreach (var file in chain.Value)
                {
                    if (seen.Add(file.Path)) all.AddRange(file.Problems);
                }
            }
            foreach (var file in _hadolintFiles.Values)
            {
                if (file.IsValueCreated) all.AddRange(file.Value.Problems);
            }
            return all.Distinct().OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        }
    }

    public AnalyzerOptions GetOptions(string filePath)
    {
        string? full = TryGetFullPath(filePath);
        if (full == null) return AnalyzerOptions.Empty;
        string directory = Path.GetDirectoryName(full) ?? "";
        string normalizedPath = full.Replace('\\', '/');

        // The options depend only on which sections match (and on the .hadolint.yaml), so files that
        // match the same sections share one AnalyzerOptions.
        var matched = new List<(EditorConfigFile File, EditorConfigSection? Section)>();
        if (_explicitConfig != null)
        {
            matched.Add((_explicitConfig, null)); // its preamble
            foreach (var section in _explicitConfig.Sections)
            {
                if (MatchesExplicit(section, _explicitConfig, normalizedPath)) matched.Add((_explicitConfig, section));
            }
        }
        foreach (var file in GetChain(directory))
        {
            string? relative = RelativeTo(file.Directory, normalizedPath);
            if (relative == null) continue;
            foreach (var section in file.Sections)
            {
                if (section.Glob.IsMatch(relative)) matched.Add((file, section));
            }
        }
        var hadolint = _readHadolintConfig ? GetHadolintConfig(directory) : null;

        var key = new StringBuilder();
        foreach (var (_, section) in matched) key.Append(section?.Id ?? 0).Append(',');
        key.Append('|').Append(hadolint?.Path ?? "");
        return _optionsBySections.GetOrAdd(key.ToString(), _ => Build(matched, hadolint));
    }

    private AnalyzerOptions Build(List<(EditorConfigFile File, EditorConfigSection? Section)> matched, HadolintConfigFile? hadolint)
    {
        var settings = new List<ConfigurationSetting>();
        foreach (var (file, section) in matched)
        {
            var kind = ReferenceEquals(file, _explicitConfig) ? SettingSourceKind.ConfigFile : SettingSourceKind.EditorConfig;
            var properties = section?.Properties ?? file.Preamble;
            foreach (var p in properties) settings.Add(new ConfigurationSetting(p.Key, p.Value, new SettingSource(file.Path, p.Line, kind)));
        }
        return new AnalyzerOptions(settings, hadolint, _categoryOf);
    }

    private static bool MatchesExplicit(EditorConfigSection section, EditorConfigFile file, string normalizedPath)
    {
        if (section.Glob.HasSlash)
        {
            string? relative = RelativeTo(file.Directory, normalizedPath);
            return relative != null && section.Glob.IsMatch(relative);
        }
        // No slash: the file name at any depth, wherever the file is.
        return section.Glob.IsMatch(normalizedPath.TrimStart('/'));
    }

    private static string? RelativeTo(string directory, string normalizedPath)
    {
        string prefix = directory.EndsWith("/", StringComparison.Ordinal) ? directory : directory + "/";
        var comparison = PathComparer == StringComparer.Ordinal ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return normalizedPath.StartsWith(prefix, comparison) ? normalizedPath.Substring(prefix.Length) : null;
    }

    // The .editorconfig files that apply in a directory, farthest first.
    private IReadOnlyList<EditorConfigFile> GetChain(string directory)
    {
        return _chains.GetOrAdd(directory, d => new Lazy<IReadOnlyList<EditorConfigFile>>(() => LoadChain(d), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private IReadOnlyList<EditorConfigFile> LoadChain(string directory)
    {
        string candidate = Path.Combine(directory, EditorConfigName);
        EditorConfigFile? here = SafeFileExists(candidate) ? EditorConfigFile.Load(_fileSystem, candidate, preambleAppliesToAllFiles: false) : null;
        if (here is { IsRoot: true }) return new[] { here };
        string? parent = Path.GetDirectoryName(directory);
        var above = string.IsNullOrEmpty(parent) || PathComparer.Equals(parent, directory) ? Array.Empty<EditorConfigFile>() : GetChain(parent!);
        if (here == null) return above;
        var chain = new List<EditorConfigFile>(above.Count + 1);
        chain.AddRange(above);
        chain.Add(here);
        return chain;
    }

    // The nearest .hadolint.yaml/.yml, looking no higher than the git root.
    private HadolintConfigFile? GetHadolintConfig(string directory)
    {
        return _hadolintByDirectory.GetOrAdd(directory, d => new Lazy<HadolintConfigFile?>(() => FindHadolintConfig(d), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private HadolintConfigFile? FindHadolintConfig(string directory)
    {
        foreach (var name in HadolintNames)
        {
            string candidate = Path.Combine(directory, name);
            if (SafeFileExists(candidate))
            {
                return _hadolintFiles.GetOrAdd(candidate, c => new Lazy<HadolintConfigFile>(() => HadolintConfigFile.Load(_fileSystem, c, _mapHadolintRule), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
            }
        }
        bool isGitRoot = SafeFileExists(Path.Combine(directory, ".git")) || SafeDirectoryExists(Path.Combine(directory, ".git"));
        if (isGitRoot) return null;
        string? parent = Path.GetDirectoryName(directory);
        return string.IsNullOrEmpty(parent) || PathComparer.Equals(parent, directory) ? null : GetHadolintConfig(parent!);
    }

    private static string? TryGetFullPath(string path)
    {
        try
        {
            return string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException || e is System.Security.SecurityException)
        {
            return null;
        }
    }

    private bool SafeFileExists(string path) => _fileSystem.FileExists(path);

    private bool SafeDirectoryExists(string path) => _fileSystem.DirectoryExists(path);

    private static bool RuntimeIsMac() => System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX);
}
