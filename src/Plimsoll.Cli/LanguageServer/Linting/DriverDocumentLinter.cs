using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Diagnostics;
using Plimsoll.Syntax.Compose;
using Plimsoll.Workspace;

namespace Plimsoll.Cli.LanguageServer.Linting;

/// <summary>
/// <see cref="IDocumentLinter"/> on today's <see cref="AnalyzerDriver"/>: the document's own text is linted from memory;
/// configuration is re-read when a configuration file changes (a new options provider, as its caches live for one run).
/// </summary>
internal sealed class DriverDocumentLinter : IDocumentLinter
{
    private static readonly string[] ConfigurationNames = { ".editorconfig", ".globalconfig", ".hadolint.yaml", ".hadolint.yml" };

    private readonly AnalyzerRegistry _registry;
    private readonly ServerOptions _options;
    private readonly ComposeSchema? _schema;
    private AnalyzerDriver _driver;

    public DriverDocumentLinter(AnalyzerRegistry registry, ServerOptions options, ComposeSchema? schema)
    {
        _registry = registry;
        _options = options;
        _schema = schema;
        _driver = CreateDriver();
    }

    public AnalyzerRegistry Registry => _registry;

    private AnalyzerDriver CreateDriver()
        => new(_registry, new EditorConfigOptionsProvider(
            _options.ConfigPath,
            categoryOf: id => _registry.FindRule(id)?.Category ?? "",
            mapHadolintRule: id => _registry.RulesForHadolintId(id)));

    public DocumentLintResult Lint(OpenDocument document, IReadOnlyDictionary<string, SourceText> openBuffers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var driver = Volatile.Read(ref _driver);
        var result = document.Kind == SourceFileKind.Compose
            ? driver.AnalyzeComposeFile(document.Text, document.Path, document.IsStack, _schema)
            : driver.AnalyzeDockerfile(document.Text, document.Path);
        cancellationToken.ThrowIfCancellationRequested();
        return new DocumentLintResult(result.Findings, result.Notifications);
    }

    public void FilesChanged(IReadOnlyCollection<string> paths)
    {
        if (paths.Any(p => IsConfiguration(p) || p == FullOrNull(_options.ConfigPath))) Volatile.Write(ref _driver, CreateDriver());
    }

    public bool Affects(string changedPath, OpenDocument document)
    {
        if (string.Equals(changedPath, document.Path, StringComparison.Ordinal)) return true;
        var changedDirectory = Path.GetDirectoryName(changedPath) ?? "";
        var documentDirectory = Path.GetDirectoryName(document.Path) ?? "";
        if (IsConfiguration(changedPath))
        {
            // .globalconfig and --config apply everywhere; .editorconfig and .hadolint.yaml to their directory tree.
            if (Path.GetFileName(changedPath) == ".globalconfig" || changedPath == FullOrNull(_options.ConfigPath)) return true;
            return IsUnder(documentDirectory, changedDirectory);
        }
        if (document.Kind != SourceFileKind.Compose) return false;
        var name = Path.GetFileName(changedPath);
        // .env, the project's other compose files, and files it names (include, extends, env_file, secrets).
        if (name == ".env" || SourceFileKinds.IsComposeName(name)) return changedDirectory == documentDirectory || Mentions(document, name);
        return Mentions(document, name);
    }

    private static bool Mentions(OpenDocument document, string fileName)
        => fileName.Length > 0 && document.Text.ToString().Contains(fileName, StringComparison.Ordinal);

    private static bool IsConfiguration(string path) => ConfigurationNames.Contains(Path.GetFileName(path));

    private static bool IsUnder(string directory, string ancestor)
        => directory == ancestor || directory.StartsWith(ancestor.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string? FullOrNull(string? path) => path == null ? null : Path.GetFullPath(path);
}
