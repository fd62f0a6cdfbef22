using System.Collections.Immutable;
using System.Text;

namespace Plimsoll.Syntax.Shell;

/// <summary>Redirections and here-document bodies.</summary>
internal sealed partial class ShellParserCore
{
    // ---------------------------------------------------------------- redirections and here-documents

    private bool IsRedirectionStart()
    {
        var c = Peek();
        var k = 0;
        while (k < 10 && c >= '0' && c <= '9')
        {
            k++;
            c = PeekAt(k);
        }
        if (c == '<' || c == '>') return !(k == 0 && PeekAt(1) == '(');
        return k == 0 && c == '&' && PeekAt(1) == '>';
    }

    private ShellRedirection? TryParseRedirection()
    {
        if (AtEnd || !IsRedirectionStart()) return null;
        var start = _pos;
        int? fd = null;
        var digits = 0;
        var fdValue = 0;
        while (Peek() >= '0' && Peek() <= '9' && digits < 10)
        {
            fdValue = fdValue * 10 + (Peek() - '0');
            digits++;
            Advance();
        }
        if (digits > 0) fd = fdValue;
        var opStart = Skip(_pos);
        var c = Peek();
        var c1 = PeekAt(1);
        var c2 = PeekAt(2);
        ShellRedirectionKind kind;
        int n;
        if (c == '&')
        {
            if (c2 == '>') { kind = ShellRedirectionKind.AppendOutputAndError; n = 3; }
            else { kind = ShellRedirectionKind.OutputAndError; n = 2; }
        }
        else if (c == '>')
        {
            if (c1 == '>') { kind = ShellRedirectionKind.Append; n = 2; }
            else if (c1 == '&') { kind = ShellRedirectionKind.DuplicateOutput; n = 2; }
            else if (c1 == '|') { kind = ShellRedirectionKind.Clobber; n = 2; }
            else { kind = ShellRedirectionKind.Output; n = 1; }
        }
        else
        {
            if (c1 == '<' && c2 == '<') { kind = ShellRedirectionKind.HereString; n = 3; }
            else if (c1 == '<' && c2 == '-') { kind = ShellRedirectionKind.HereDocumentStripTabs; n = 3; }
            else if (c1 == '<') { kind = ShellRedirectionKind.HereDocument; n = 2; }
            else if (c1 == '&') { kind = ShellRedirectionKind.DuplicateInput; n = 2; }
            else if (c1 == '>') { kind = ShellRedirectionKind.ReadWrite; n = 2; }
            else { kind = ShellRedirectionKind.Input; n = 1; }
        }
        Advance(n);
        var opEnd = _pos;
        SkipBlanks();
        var target = AtEnd || Peek() == '\n' || (IsOperatorChar(Peek()) && !(PeekAt(1) == '(' && (Peek() == '<' || Peek() == '>')))
            ? null
            : ParseWord(WordMode.Normal);
        if (target == null) Error(start, opEnd, "missing redirection target");
        var end = target?.End ?? M(opEnd);
        var redirection = new ShellRedirection(M(start), end - M(start), fd, kind, M(opStart), M(opEnd) - M(opStart), target);
        if (target != null && (kind == ShellRedirectionKind.HereDocument || kind == ShellRedirectionKind.HereDocumentStripTabs))
        {
            target.TryGetLiteralValue(out var delimiter);
            if (!target.IsLiteral) delimiter = target.ApproximateValue;
            _pendingHereDocuments.Add(new PendingHereDocument(redirection, delimiter, target.HasQuoting, kind == ShellRedirectionKind.HereDocumentStripTabs));
        }
        return redirection;
    }

    /// <summary>Consumes a newline, then the bodies of the here-documents started on that line.</summary>
    private void ConsumeNewline()
    {
        Advance();
        if (_pendingHereDocuments.Count == 0) return;
        var pending = _pendingHereDocuments.ToArray();
        _pendingHereDocuments.Clear();
        foreach (var h in pending)
        {
            var bodyStart = _pos;
            var p = _pos;
            var body = new StringBuilder();
            var terminated = false;
            var bodyEnd = _end;
            while (p < _end)
            {
                var lineEnd = _text.IndexOf('\n', p, _end - p);
                if (lineEnd < 0) lineEnd = _end;
                var lineStart = p;
                if (h.StripTabs)
                    while (lineStart < lineEnd && _text[lineStart] == '\t') lineStart++;
                var contentEnd = lineEnd;
                if (contentEnd > lineStart && _text[contentEnd - 1] == '\r') contentEnd--;
                if (contentEnd - lineStart == h.Delimiter.Length
                    && string.CompareOrdinal(_text, lineStart, h.Delimiter, 0, h.Delimiter.Length) == 0)
                {
                    bodyEnd = p;
                    terminated = true;
                    p = lineEnd < _end ? lineEnd + 1 : _end;
                    break;
                }
                body.Append(_text, lineStart, Math.Min(lineEnd + 1, _end) - lineStart);
                p = lineEnd < _end ? lineEnd + 1 : _end;
            }
            if (!terminated)
            {
                bodyEnd = _end;
                p = _end;
                var r = h.Redirection;
                _errors.Add(new ShellSyntaxError(r.Start, r.Length, $"here-document delimited by end of input (wanted '{h.Delimiter}')"));
            }
            h.Redirection.HereDocument = new ShellHereDocument(M(bodyStart), M(bodyEnd) - M(bodyStart), h.Delimiter, h.Quoted, body.ToString(), terminated);
            _pos = p;
        }
    }
}
