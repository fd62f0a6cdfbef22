using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis.Configuration;

/// <summary>
/// Options from <c>.editorconfig</c> and <c>.globalconfig</c> files, read the way Roslyn reads them: which
/// sections apply to a path is decided by Roslyn's own <see cref="AnalyzerConfigSet"/> (every
/// <c>.editorconfig</c> from the file's folder upwards until one says <c>root = true</c>; later sections over
/// earlier ones, nearer files over farther ones).
/// </summary>
/// <remarks>
/// <para>
/// <c>.globalconfig</c> files (Roslyn's <c>is_global = true</c> configs) are looked for in the same folders as
/// <c>.editorconfig</c> files — the linted file's folder and those above it, up to the root <c>.editorconfig</c>.
/// Their preamble applies to every file below them and their sections name absolute paths, as in Roslyn;
/// they rank under every <c>.editorconfig</c> (as in the compiler) and a nearer one over a farther one.
/// </para>
/// <para>
/// An explicit config file (<c>--config FILE</c>, editorconfig syntax) applies as if it were the farthest
/// root file: everything found in <c>.editorconfig</c>/<c>.globalconfig</c> files overrides it, so the
/// repository's own files stay authoritative while a CI-wide file supplies defaults. In it, pairs before
/// the first section apply to every file, a section name without <c>/</c> matches the file name anywhere,
/// and a name with <c>/</c> is relative to the config file's folder.
/// </para>
/// <para>
/// A <c>.hadolint.yaml</c> (or <c>.hadolint.yml</c>) in the file's folder or above, up to the git root, is
/// read as a migration aid; see <see cref="AnalyzerOptions"/> for how it ranks.
/// </para>
/// <para>
/// Every read goes through the <see cref="IFileSystem"/>. Parsed files and lookups are cached until
/// <see cref="Invalidate"/> names a changed file. Thread-safe. Never throws on bad files: see <see cref="Problems"/>.
/// </para>
/// </remarks>
public sealed class EditorConfigOptionsProvider : IAnalyzerOptionsProvider
{
    private const string EditorConfigName = ".editorconfig";
    private const string GlobalConfigName = ".globalconfig";
    private static readonly string[] HadolintNames = { ".hadolint.yaml", ".hadolint.yml" };
    private static readonly Regex RuleIdShape = new("^[A-Za-z]{2}[0-9]{4}$", RegexOptions.CultureInvariant);

    // Windows and macOS file systems are usually case-insensitive; Linux is not.
    private static readonly StringComparer PathComparer =
        Path.DirectorySeparatorChar == '\\' || RuntimeIsMac() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly IFileSystem _fileSystem;
    private readonly string? _explicitConfigPath;
    private readonly Func<string, string> _categoryOf;
    private readonly Func<string, IReadOnlyList<string>> _mapHadolintRule;
    private readonly ConcurrentDictionary<string, Lazy<ConfigDocument?>> _documents = new(PathComparer);
    private readonly ConcurrentDictionary<string, Lazy<ConfigChain>> _chains = new(PathComparer);
    private readonly ConcurrentDictionary<string, Lazy<ConfigChain>> _chainsByContent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<HadolintConfigFile?>> _hadolintByDirectory = new(PathComparer);
    private readonly ConcurrentDictionary<string, Lazy<HadolintConfigFile>> _hadolintFiles = new(PathComparer);
    private readonly ConcurrentDictionary<string, AnalyzerOptions> _optionsBySections = new(StringComparer.Ordinal);
    private volatile ConfigChain? _explicitConfig;
    private readonly bool _readHadolintConfig;

    /// <param name="fileSystem">Where every configuration file is read.</param>
    /// <param name="configPath">The <c>--config</c> file, or null.</param>
    /// <param name="categoryOf">
    /// Rule id → category, for <c>dotnet_analyzer_diagnostic.category-X.severity</c>; empty for an id that
    /// names no rule, so that <c>dotnet_diagnostic.PL0000.severity</c> is reported as unknown.
    /// </param>
    /// <param name="mapHadolintRule">hadolint id (upper case) → the Plimsoll rules that replace it.</param>
    /// <param name="readHadolintConfig">False to ignore <c>.hadolint.yaml</c> files.</param>
    public EditorConfigOptionsProvider(IFileSystem fileSystem, string? configPath, Func<string, string> categoryOf, Func<string, IReadOnlyList<string>> mapHadolintRule, bool readHadolintConfig = true)
    {
        _fileSystem = fileSystem;
        _readHadolintConfig = readHadolintConfig;
        _categoryOf = categoryOf;
        _mapHadolintRule = mapHadolintRule;
        if (configPath != null)
        {
            _explicitConfigPath = TryGetFullPath(configPath) ?? configPath;
            _explicitConfig = LoadExplicitConfig();
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
            if (_explicitConfig is { } explicitConfig)
            {
                all.AddRange(explicitConfig.Problems);
                all.AddRange(explicitConfig.Documents.SelectMany(d => d.Problems));
            }
            foreach (var document in _documents.Values)
            {
                if (document.IsValueCreated && document.Value != null) all.AddRange(document.Value.Problems);
            }
            foreach (var chain in _chainsByContent.Values)
            {
                if (chain.IsValueCreated) all.AddRange(chain.Value.Problems);
            }
            foreach (var file in _hadolintFiles.Values)
            {
                if (file.IsValueCreated) all.AddRange(file.Value.Problems);
            }
            return all.Distinct().OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        }
    }

    /// <summary>
    /// Forgets what was read from <paramref name="path"/> (an edited, created or deleted configuration file),
    /// so that the next <see cref="GetOptions"/> reads it again. Paths of other files are ignored.
    /// </summary>
    public void Invalidate(string path)
    {
        string? full = TryGetFullPath(path);
        if (full == null) return;
        string name = Path.GetFileName(full);
        bool isExplicit = _explicitConfigPath != null && PathComparer.Equals(full, _explicitConfigPath);
        if (!isExplicit && name != EditorConfigName && name != GlobalConfigName && name != ".git" && !HadolintNames.Contains(name)) return;

        _documents.TryRemove(full, out _);
        _hadolintFiles.TryRemove(full, out _);
        _chains.Clear();
        _chainsByContent.Clear();
        _hadolintByDirectory.Clear();
        _optionsBySections.Clear();
        if (isExplicit) _explicitConfig = LoadExplicitConfig();
    }

    public AnalyzerOptions GetOptions(string filePath)
    {
        string? full = TryGetFullPath(filePath);
        if (full == null) return AnalyzerOptions.Empty;
        string directory = Path.GetDirectoryName(full) ?? "";

        // The options depend only on which sections match (and on the .hadolint.yaml), so files that
        // match the same sections share one AnalyzerOptions.
        var matched = new List<(ConfigDocument Document, ConfigSection? Section)>();
        if (_explicitConfig is { } explicitConfig) explicitConfig.AddMatches(full, matched);
        GetChain(directory).AddMatches(full, matched);
        var hadolint = GetHadolintConfig(directory);

        // Most files of a run match no section at all: their key needs no builder.
        string key;
        if (matched.Count == 0) key = hadolint == null ? "|" : "|" + hadolint.Path;
        else
        {
            var builder = new StringBuilder();
            foreach (var (document, section) in matched) builder.Append(section != null ? "s" + section.Id : "d" + document.Id).Append(',');
            key = builder.Append('|').Append(hadolint?.Path ?? "").ToString();
        }
        return _optionsBySections.TryGetValue(key, out var known) ? known : AddOptions(key, matched, hadolint);
    }

    // Apart from GetOptions: a lambda there made its closure on every call, found or not.
    private AnalyzerOptions AddOptions(string key, List<(ConfigDocument Document, ConfigSection? Section)> matched, HadolintConfigFile? hadolint)
        => _optionsBySections.GetOrAdd(key, _ => Build(matched, hadolint));

    private AnalyzerOptions Build(List<(ConfigDocument Document, ConfigSection? Section)> matched, HadolintConfigFile? hadolint)
    {
        var settings = new List<ConfigurationSetting>();
        foreach (var (document, section) in matched)
        {
            var kind = document.Kind == ConfigDocumentKind.Explicit ? SettingSourceKind.ConfigFile : SettingSourceKind.EditorConfig;
            foreach (var p in section?.Properties ?? document.Preamble)
            {
                settings.Add(new ConfigurationSetting(p.Key, p.Value, new SettingSource(document.Path, p.Line, kind)));
            }
        }
        return new AnalyzerOptions(settings, hadolint, _categoryOf);
    }

    private ConfigChain? LoadExplicitConfig()
    {
        string path = _explicitConfigPath!;
        var read = _fileSystem.ReadFile(path);
        var document = read.IsOk
            ? ConfigDocument.Parse(read.Content!.Text.ToString(), path, ConfigDocumentKind.Explicit, IsUnknownRule)
            : ConfigDocument.Unreadable(path, ConfigDocumentKind.Explicit,
                read.Status == FileReadStatus.NotFound ? "the configuration file does not exist" : "cannot read the configuration file: " + read.Message);
        return new ConfigChain(new[] { document });
    }

    // The configuration files that apply in a folder, farthest first, and Roslyn's matcher over them.
    private ConfigChain GetChain(string directory)
        => _chains.GetOrAdd(directory, d => new Lazy<ConfigChain>(() => LoadChain(d), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private ConfigChain LoadChain(string directory)
    {
        var editorConfig = GetDocument(Path.Combine(directory, EditorConfigName), ConfigDocumentKind.EditorConfig);
        var globalConfig = GetDocument(Path.Combine(directory, GlobalConfigName), ConfigDocumentKind.GlobalConfig);
        string? parent = Path.GetDirectoryName(directory);
        bool top = editorConfig is { IsRoot: true } || string.IsNullOrEmpty(parent) || PathComparer.Equals(parent, directory);
        var above = top ? ConfigChain.Empty : GetChain(parent!);
        if (editorConfig == null && globalConfig == null) return above;

        // Global configs rank under every .editorconfig: all of them first, then the .editorconfig files.
        var documents = above.Documents.Where(d => d.Kind == ConfigDocumentKind.GlobalConfig).ToList();
        if (globalConfig != null) documents.Add(globalConfig);
        documents.AddRange(above.Documents.Where(d => d.Kind == ConfigDocumentKind.EditorConfig));
        if (editorConfig != null) documents.Add(editorConfig);

        // Folders with the same files share one chain (and one Roslyn matcher).
        string identity = string.Join("\n", documents.Select(d => d.Id));
        return _chainsByContent.GetOrAdd(identity, _ => new Lazy<ConfigChain>(() => new ConfigChain(documents), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private ConfigDocument? GetDocument(string path, ConfigDocumentKind kind)
        => _documents.GetOrAdd(path, p => new Lazy<ConfigDocument?>(() => ReadDocument(p, kind), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private ConfigDocument? ReadDocument(string path, ConfigDocumentKind kind)
    {
        // Read, not "exists?" first: a FIFO or device named .editorconfig is not a regular file, and must be reported, not passed over.
        var read = _fileSystem.ReadFile(path);
        if (read.Status == FileReadStatus.NotFound) return null;
        return read.IsOk
            ? ConfigDocument.Parse(read.Content!.Text.ToString(), path, kind, IsUnknownRule)
            : ConfigDocument.Unreadable(path, kind, "cannot read the file: " + read.Message);
    }

    // A rule-shaped id (two letters, four digits) that the registry does not know.
    private bool IsUnknownRule(string id) => RuleIdShape.IsMatch(id) && string.IsNullOrEmpty(_categoryOf(id));

    // The nearest .hadolint.yaml/.yml, looking no higher than the git root.
    private HadolintConfigFile? GetHadolintConfig(string directory)
        => !_readHadolintConfig ? null : _hadolintByDirectory.GetOrAdd(directory, d => new Lazy<HadolintConfigFile?>(() => FindHadolintConfig(d), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private HadolintConfigFile? FindHadolintConfig(string directory)
    {
        foreach (var name in HadolintNames)
        {
            string candidate = Path.Combine(directory, name);
            if (_fileSystem.FileExists(candidate))
            {
                return _hadolintFiles.GetOrAdd(candidate, c => new Lazy<HadolintConfigFile>(() => HadolintConfigFile.Load(_fileSystem, c, _mapHadolintRule), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
            }
        }
        string git = Path.Combine(directory, ".git");
        if (_fileSystem.FileExists(git) || _fileSystem.DirectoryExists(git)) return null;
        string? parent = Path.GetDirectoryName(directory);
        return string.IsNullOrEmpty(parent) || PathComparer.Equals(parent, directory) ? null : GetHadolintConfig(parent!);
    }

    private static string? TryGetFullPath(string path)
    {
        try
        {
            return string.IsNullOrWhiteSpace(path) ? null : FilePaths.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException || e is System.Security.SecurityException)
        {
            return null;
        }
    }

    private static bool RuntimeIsMac() => System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX);
}
