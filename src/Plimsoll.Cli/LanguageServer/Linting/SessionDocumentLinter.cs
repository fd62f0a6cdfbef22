using Plimsoll.Cli.Linting;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Cli.LanguageServer.Linting;

/// <summary>
/// <see cref="IDocumentLinter"/> on the engine's <see cref="LintSession"/>, over an <see cref="OverlayFileSystem"/>:
/// the editor's unsaved buffers lie over the disk, so a compose file is judged with its override, includes, extends
/// and <c>.env</c> as the editor holds them. The session caches parsed trees by content, so an edit re-parses only
/// the edited file, and it records what each lint read, which answers "what does this change affect".
/// </summary>
internal sealed class SessionDocumentLinter : IDocumentLinter
{
    private readonly OverlayFileSystem _files;
    private readonly LintSession _session;

    private SessionDocumentLinter(OverlayFileSystem files, LintSession session)
    {
        _files = files;
        _session = session;
    }

    /// <summary>Throws <see cref="LintSessionSetupException"/> when <c>--config</c> or the compose schema cannot be used.</summary>
    public static SessionDocumentLinter Create(IReadOnlyList<PlimsollAnalyzer> analyzers, ServerOptions options, IFileSystem? disk = null)
    {
        var files = new OverlayFileSystem(disk ?? PhysicalFileSystem.Instance);
        var session = LintSession.Create(new LintSessionOptions
        {
            Analyzers = analyzers,
            FileSystem = files,
            ConfigPath = options.ConfigPath,
            ComposeSchemaPath = options.ComposeSchemaPath,
            CacheDocuments = true,
            ShellScriptChecker = ShellCheckRunner.FromEnvironment(),
        });
        return new SessionDocumentLinter(files, session);
    }

    public AnalyzerRegistry Registry => _session.Registry;

    public DocumentLintResult Lint(OpenDocument document, CancellationToken cancellationToken)
    {
        var result = _session.Lint(document.Path, document.Text, cancellationToken);
        var notifications = result.Notifications.AddRange(_session.ConfigurationNotifications);
        return new DocumentLintResult(result.Findings, notifications);
    }

    public void BufferChanged(string path, SourceText text)
    {
        _files.SetBuffer(path, text);
        _session.OnFilesChanged(new[] { path });
    }

    public void BufferClosed(string path)
    {
        _files.RemoveBuffer(path);
        _session.OnFilesChanged(new[] { path });
        _session.Forget(path);
    }

    public void FilesChanged(IReadOnlyCollection<string> paths) => _session.OnFilesChanged(paths);

    public IReadOnlyList<string> AffectedDocuments(string path) => _session.GetAffectedDocuments(path);
}
