using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Semantics.DotNet;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis.Sessions;

/// <summary>
/// The engine every host drives (command line, language server, Roslyn analyzer): made once from
/// <see cref="LintSessionOptions"/> (rules, configuration, baseline, threshold, compose schema, file system), it
/// lints documents, and answers again when something changes: <see cref="OnFilesChanged"/> drops what was read
/// from changed files and <see cref="GetAffectedDocuments"/> names the documents whose results depended on them.
/// Parsed trees are kept by path and content, so linting again after an edit parses only what changed.
/// Thread-safe: documents may be linted in parallel.
/// </summary>
public sealed class LintSession
{
    private static readonly string[] ConfigurationFileNames = { ".editorconfig", ".globalconfig", ".hadolint.yaml", ".hadolint.yml" };

    private readonly LintSessionOptions _options;
    private readonly ComposeSchema? _schema;
    private readonly SarifBaseline? _baseline;
    private readonly string? _configPath;
    private readonly SyntaxTreeCache<DockerfileSemanticModel> _dockerfiles = new((text, path) => DockerfileSemanticModel.Create(DockerfileSyntaxTree.Parse(text, path)));
    private readonly SyntaxTreeCache<YamlSyntaxTree> _yaml = new((text, path) => YamlSyntaxTree.Parse(text, path));
    // Kept by tree: a file whose tree is dropped (changed, forgotten) is read again with it.
    private readonly ComposeSummaryCache _summaries = new();
    // Linted document (full path) → every file its last result read or looked for (full paths).
    private readonly ConcurrentDictionary<string, IReadOnlyCollection<string>> _dependencies = new(FilePaths.Comparer);
    private volatile Engine _engine;

    private LintSession(LintSessionOptions options, ComposeSchema? schema, SarifBaseline? baseline)
    {
        _options = options;
        _schema = schema;
        _baseline = baseline;
        _configPath = options.ConfigPath == null ? null : FilePaths.Normalize(options.ConfigPath);
        Registry = new AnalyzerRegistry(options.Analyzers);
        _engine = CreateEngine();
    }

    /// <summary>
    /// Makes a session. Throws <see cref="LintSessionSetupException"/> when a file the options name cannot be used
    /// (the <c>--config</c> file does not exist, the compose schema or the baseline cannot be read).
    /// </summary>
    public static LintSession Create(LintSessionOptions options)
    {
        var fileSystem = options.FileSystem;
        if (options.ConfigPath != null && !fileSystem.FileExists(options.ConfigPath))
            throw new LintSessionSetupException($"{options.ConfigPath}: configuration file not found");

        // The Compose Specification's schema ships with the tool; a path or a loaded schema replaces it.
        var schema = options.ComposeSchema ?? (options.ComposeSchemaPath == null && options.UseShippedComposeSchema ? ComposeSchema.Default : null);
        if (schema == null && options.ComposeSchemaPath != null)
        {
            try
            {
                schema = ComposeSchema.Load(options.ComposeSchemaPath, fileSystem);
            }
            catch (Exception e) when (e is IOException || e is System.Text.Json.JsonException)
            {
                throw new LintSessionSetupException($"{options.ComposeSchemaPath}: cannot read the compose schema: {e.Message}");
            }
        }
        // Building the schema takes longer than everything else a one-file run does: it is started first.
        if (options.ComposeFilesExpected) schema?.BuildInBackground();

        SarifBaseline? baseline = null;
        if (options.BaselinePath != null)
        {
            baseline = SarifBaseline.Load(options.BaselinePath, options.RepositoryRoot, fileSystem, out var error);
            if (baseline == null) throw new LintSessionSetupException(error ?? options.BaselinePath + ": not a usable SARIF baseline");
        }
        return new LintSession(options, schema, baseline);
    }

    /// <summary>The rules that run (built-in and packs).</summary>
    public AnalyzerRegistry Registry { get; }

    public IFileSystem FileSystem => _options.FileSystem;

    public SeverityThreshold Threshold => _options.Threshold;

    /// <summary>The host's ShellCheck runner, if any (the host says once when it cannot run).</summary>
    public ShellChecking.IShellScriptChecker? ShellScriptChecker => _options.ShellScriptChecker;

    /// <summary>True when an unsuppressed finding reaches the session's severity threshold (the run fails).</summary>
    public bool Fails(Finding finding) => !finding.IsSuppressed && SeverityThresholds.Reaches(finding.Severity, _options.Threshold);

    /// <summary>Problems in the configuration files read so far (each once), as warnings; ask after linting.</summary>
    public ImmutableArray<ToolNotification> ConfigurationNotifications
        => (_engine.Options as EditorConfigOptionsProvider)?.Problems
            .Select(p => new ToolNotification(p.Path, $"line {p.Line + 1}: {p.Message}", ToolNotificationLevel.Warning))
            .ToImmutableArray() ?? ImmutableArray<ToolNotification>.Empty;

    /// <summary>A host about to lint compose files calls this first: the compose schema is built meanwhile.</summary>
    public void PrepareForComposeFiles() => _schema?.BuildInBackground();

    /// <summary>What the session reads <paramref name="path"/> as: the forced kind, else its name and content (<see cref="SourceFileKinds.ClassifyNamed"/>).</summary>
    public SourceFileKind Classify(string path, SourceText? text = null) => SourceFileKinds.ClassifyNamed(path, text, _options.ForcedKind);

    /// <summary>
    /// Lints one document. <paramref name="text"/> is its current content (an editor buffer, standard input);
    /// null reads it through the file system. A file that cannot be read gives a result marked
    /// <see cref="FileAnalysisResult.IsUnreadable"/> with an error notification, not an exception.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public FileAnalysisResult Lint(string path, SourceText? text, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var engine = _engine;
        var reads = _options.RecordDependencies ? new RecordingFileSystem(_options.FileSystem) : null;
        var files = reads ?? _options.FileSystem;
        string? encodingNote = null;
        if (text == null)
        {
            var read = files.ReadFile(path);
            if (!read.IsOk)
            {
                if (reads != null) _dependencies[FilePaths.Normalize(path)] = reads.Paths;
                // Never a silent pass: a file that could not be read says why (FIFO, size limit, gone).
                return FileAnalysisResult.Unreadable(path, read.Status == FileReadStatus.NotFound ? "No such file or directory." : $"Cannot lint the file: it {read.Message}.");
            }
            text = read.Content!.Text;
            encodingNote = read.Content.EncodingNote;
        }

        var kind = Classify(path, text);
        FileAnalysisResult result;
        if (kind.IsComposeFamily())
        {
            // Without document caching the tree goes with the result (project files it loads are cached by YamlCache).
            var tree = _options.CacheDocuments ? _yaml.GetOrParse(path, text) : YamlSyntaxTree.Parse(text, path);
            var project = new ComposeAnalysisOptions { FileSystem = files, Cache = new YamlCache(_yaml), Summaries = _summaries, LintedFiles = LintedFiles, CancellationToken = cancellationToken };
            result = engine.Driver.AnalyzeComposeFile(tree, kind == SourceFileKind.Stack, _schema, project);
        }
        else
        {
            var model = _options.CacheDocuments
                ? _dockerfiles.GetOrParse(path, text)
                : DockerfileSemanticModel.Create(DockerfileSyntaxTree.Parse(text, path));
            result = engine.Driver.AnalyzeDockerfile(model, files, cancellationToken);
        }
        if (reads != null) _dependencies[FilePaths.Normalize(path)] = reads.Paths;
        if (encodingNote != null)
            result = result with { Notifications = result.Notifications.Insert(0, new ToolNotification(path, $"The file {encodingNote}.", ToolNotificationLevel.Warning)) };
        return _baseline == null ? result : BaselineFilter.Apply(result, _baseline);
    }

    /// <summary>
    /// Lints the SDK container settings of a .NET project (evaluated by the host): one result per file that defines
    /// a reported setting (the project file, a <c>Directory.Build.props</c>, an import).
    /// </summary>
    public IReadOnlyList<FileAnalysisResult> LintContainerSettings(ContainerSettings settings, CancellationToken cancellationToken = default)
    {
        var results = _engine.Driver.AnalyzeContainerSettings(settings, _options.FileSystem, cancellationToken);
        return _baseline == null ? results : results.Select(r => BaselineFilter.Apply(r, _baseline)).ToList();
    }

    /// <summary>
    /// Files changed, appeared or disappeared (saved, created, deleted, or a buffer edited): what was parsed or read
    /// from them is dropped, and configuration is read again when a configuration file is among them.
    /// </summary>
    public void OnFilesChanged(IEnumerable<string> paths)
    {
        bool configuration = false;
        foreach (var path in paths)
        {
            _dockerfiles.Invalidate(path);
            _yaml.Invalidate(path);
            configuration |= IsConfigurationFile(path);
        }
        if (configuration) _engine = CreateEngine();
    }

    /// <summary>
    /// The documents linted so far whose results may change when <paramref name="path"/> changes: those that read
    /// it or looked for it (an override, include, extends, <c>.env</c> or secret file), and for a configuration file
    /// (<c>.editorconfig</c>, <c>.hadolint.yaml</c>, <c>--config</c>) every document it can apply to. The document
    /// itself is not listed. None when the session does not record them (<see cref="LintSessionOptions.RecordDependencies"/>).
    /// </summary>
    public IReadOnlyList<string> GetAffectedDocuments(string path)
    {
        string full = FilePaths.Normalize(path);
        bool configuration = IsConfigurationFile(full);
        string directory = FilePaths.Normalize(System.IO.Path.GetDirectoryName(full) ?? "/");
        string prefix = directory.EndsWith("/", StringComparison.Ordinal) ? directory : directory + "/";
        var affected = new List<string>();
        foreach (var entry in _dependencies)
        {
            if (FilePaths.Comparer.Equals(entry.Key, full)) continue;
            bool depends = entry.Value.Contains(full, FilePaths.Comparer)
                || configuration && (FilePaths.Comparer.Equals(full, _configPath) || entry.Key.StartsWith(prefix, FilePaths.Comparison));
            if (depends) affected.Add(entry.Key);
        }
        affected.Sort(StringComparer.Ordinal);
        return affected;
    }

    /// <summary>Forgets a document (closed in the editor): it is no longer reported by <see cref="GetAffectedDocuments"/>.</summary>
    public void Forget(string path)
    {
        _dependencies.TryRemove(FilePaths.Normalize(path), out _);
        _dockerfiles.Invalidate(path);
    }

    internal int DockerfileParseCount => _dockerfiles.ParseCount;

    internal int YamlParseCount => _yaml.ParseCount;

    /// <summary>How many compose files were read into the model (not found in the summary cache).</summary>
    internal int ComposeReadCount => _summaries.Reads;

    /// <summary>
    /// The files the host lints on their own (full paths), for compose projects: such a file reports its own findings,
    /// while an included or extended file nobody lints is reported through the files that load it
    /// (<see cref="FileAnalysisResult.ProjectFiles"/>). Null: only the document being linted.
    /// </summary>
    public Func<string, bool>? LintedFiles { get; set; }

    /// <summary>The session's YAML trees as the compose loader's cache: project files are parsed once per content.</summary>
    private sealed class YamlCache : IComposeFileCache
    {
        private readonly SyntaxTreeCache<YamlSyntaxTree> _trees;

        public YamlCache(SyntaxTreeCache<YamlSyntaxTree> trees) => _trees = trees;

        public YamlSyntaxTree GetOrParse(string path, SourceText text) => _trees.GetOrParse(path, text);
    }

    private bool IsConfigurationFile(string path)
    {
        string full = FilePaths.Normalize(path);
        string name = System.IO.Path.GetFileName(full);
        return ConfigurationFileNames.Contains(name, StringComparer.OrdinalIgnoreCase) || FilePaths.Comparer.Equals(full, _configPath);
    }

    private Engine CreateEngine()
    {
        var registry = Registry;
        var fileSystem = _options.FileSystem;
        var provider = _options.OptionsProviderFactory != null
            ? _options.OptionsProviderFactory(registry, fileSystem)
            : new EditorConfigOptionsProvider(
                fileSystem,
                _options.ConfigPath,
                categoryOf: id => registry.FindRule(id)?.Category ?? "",
                mapHadolintRule: id => SubRules.IsSubRuleId(id) ? new[] { id } : registry.RulesForHadolintId(id).ToList(),
                readHadolintConfig: _options.ReadHadolintConfig);
        return new Engine(new AnalyzerDriver(registry, provider, fileSystem) { ShellScriptChecker = _options.ShellScriptChecker }, provider);
    }

    // The driver and the options it reads; replaced as one when configuration files change.
    private sealed record Engine(AnalyzerDriver Driver, IAnalyzerOptionsProvider Options);
}
