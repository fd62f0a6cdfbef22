using System.Collections.Concurrent;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Diagnostics;
using LspDiagnostic = Plimsoll.Cli.LanguageServer.Protocol.Diagnostic;

namespace Plimsoll.Cli.LanguageServer.Linting;

/// <summary>
/// One analysis per document snapshot (<see cref="OpenDocument.ResultId"/>): pull requests and pushes for the same
/// snapshot share it; a request for a newer snapshot cancels the run for an older one. Analysis runs off the
/// dispatch queue, so edits keep arriving while it works.
/// </summary>
internal sealed class DiagnosticsCache
{
    private readonly IDocumentLinter _linter;
    private readonly DocumentStore _documents;
    private readonly Action<ToolNotification> _notify;
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    private sealed record Run(string ResultId, Task<LspDiagnostic[]> Task, CancellationTokenSource Cancellation);

    public DiagnosticsCache(IDocumentLinter linter, DocumentStore documents, Action<ToolNotification> notify)
    {
        _linter = linter;
        _documents = documents;
        _notify = notify;
    }

    public Task<LspDiagnostic[]> GetAsync(OpenDocument document, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_runs.TryGetValue(document.Uri, out var existing))
            {
                if (existing.ResultId == document.ResultId && !existing.Task.IsCanceled) return existing.Task.WaitAsync(cancellationToken);
            }
            var cancellation = new CancellationTokenSource();
            var run = new Run(document.ResultId, new Task<LspDiagnostic[]>(() => Analyze(document, cancellation.Token), cancellation.Token), cancellation);
            bool added = existing == null ? _runs.TryAdd(document.Uri, run) : _runs.TryUpdate(document.Uri, run, existing);
            if (!added)
            {
                cancellation.Dispose();
                continue;
            }
            existing?.Cancellation.Cancel(); // an older snapshot: nobody wants its diagnostics any more
            run.Task.Start(TaskScheduler.Default);
            return run.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The diagnostics of a snapshot if they are already known (code actions, fix all).</summary>
    public LspDiagnostic[]? TryGetCompleted(OpenDocument document)
        => _runs.TryGetValue(document.Uri, out var run) && run.ResultId == document.ResultId && run.Task.IsCompletedSuccessfully ? run.Task.Result : null;

    /// <summary>A newer snapshot exists: stop analysing older ones (their results would be thrown away).</summary>
    public void Supersede(OpenDocument current)
    {
        if (_runs.TryGetValue(current.Uri, out var run) && run.ResultId != current.ResultId) run.Cancellation.Cancel();
    }

    public void Forget(string uri)
    {
        if (_runs.TryRemove(uri, out var run)) run.Cancellation.Cancel();
    }

    private LspDiagnostic[] Analyze(OpenDocument document, CancellationToken cancellationToken)
    {
        DocumentLintResult result;
        try
        {
            result = _linter.Lint(document, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // The engine itself failed on this text: say so, keep serving (the document simply has no diagnostics).
            _notify(new ToolNotification(document.Path, $"Analysis failed: {e.GetType().Name}: {e.Message}", ToolNotificationLevel.Error));
            return Array.Empty<LspDiagnostic>();
        }
        foreach (var notification in result.Notifications) _notify(notification);
        return LspDiagnostics.From(document, result.Findings);
    }
}
