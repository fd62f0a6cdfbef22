using Microsoft.CodeAnalysis.Text;
using Plimsoll.Cli.LanguageServer.Protocol;
using Plimsoll.Workspace;
using Range = Plimsoll.Cli.LanguageServer.Protocol.Range;

namespace Plimsoll.Cli.LanguageServer.Documents;

/// <summary>
/// The open documents. Changes are applied in the order they arrive (the server dispatches didOpen/didChange/didClose
/// one at a time); readers take immutable snapshots. Incremental edits are applied to a <see cref="SourceText"/>.
/// </summary>
internal sealed class DocumentStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private readonly string _workspaceRoot;

    public DocumentStore(string workspaceRoot) => _workspaceRoot = workspaceRoot;

    public OpenDocument Open(TextDocumentItem item)
    {
        var path = DocumentUris.ToPath(item.Uri, item.LanguageId, _workspaceRoot);
        var text = SourceText.From(item.Text);
        var document = new OpenDocument(item.Uri, path, item.LanguageId, SourceFileKinds.ClassifyNamed(path, text), item.Version, text, 0);
        lock (_gate) _documents[item.Uri] = document;
        return document;
    }

    /// <summary>Applies the edits in order; null when the document is not open.</summary>
    public OpenDocument? Change(VersionedTextDocumentIdentifier id, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        lock (_gate)
        {
            if (!_documents.TryGetValue(id.Uri, out var document)) return null;
            var text = document.Text;
            foreach (var change in changes)
                text = change.Range == null ? SourceText.From(change.Text) : text.WithChanges(new TextChange(ToSpan(text, change.Range), change.Text));
            var changed = document with { Text = text, Version = id.Version };
            _documents[id.Uri] = changed;
            return changed;
        }
    }

    public bool Close(string uri)
    {
        lock (_gate) return _documents.Remove(uri);
    }

    public OpenDocument? Get(string uri)
    {
        lock (_gate) return _documents.GetValueOrDefault(uri);
    }

    public IReadOnlyList<OpenDocument> All()
    {
        lock (_gate) return _documents.Values.ToList();
    }

    /// <summary>Marks documents as needing new diagnostics though their text did not change; returns the new snapshots.</summary>
    public IReadOnlyList<OpenDocument> Invalidate(Func<OpenDocument, bool> affected)
    {
        lock (_gate)
        {
            var changed = new List<OpenDocument>();
            foreach (var document in _documents.Values.ToList())
            {
                if (!affected(document)) continue;
                var next = document with { Stamp = document.Stamp + 1 };
                _documents[document.Uri] = next;
                changed.Add(next);
            }
            return changed;
        }
    }

    /// <summary>An LSP range (line, UTF-16 column) as a span of the text; positions past a line's end or the text's end are clamped.</summary>
    public static TextSpan ToSpan(SourceText text, Range range)
    {
        int start = ToOffset(text, range.Start);
        int end = ToOffset(text, range.End);
        return end < start ? TextSpan.FromBounds(end, start) : TextSpan.FromBounds(start, end);
    }

    public static int ToOffset(SourceText text, Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= text.Lines.Count) return text.Length;
        var line = text.Lines[position.Line];
        // A column past the line's end means its end (LSP: "defaults back to the line length").
        return line.Start + Math.Clamp(position.Character, 0, line.End - line.Start);
    }

    public static Position ToPosition(SourceText text, int offset)
    {
        var line = text.Lines.GetLinePosition(Math.Clamp(offset, 0, text.Length));
        return new Position(line.Line, line.Character);
    }

    public static Range ToRange(SourceText text, TextSpan span) => new(ToPosition(text, span.Start), ToPosition(text, span.End));
}
