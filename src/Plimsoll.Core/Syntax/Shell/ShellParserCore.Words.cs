using System.Collections.Immutable;
using System.Text;

namespace Plimsoll.Syntax.Shell;

/// <summary>Words: quotes, escapes, parameter/command/arithmetic expansions.</summary>
internal sealed partial class ShellParserCore
{
    // ---------------------------------------------------------------- words

    private enum WordMode
    {
        /// <summary>Ends at blanks, newlines and operators.</summary>
        Normal,
        /// <summary>Inside `[[ ]]`: also ends at `&amp;&amp;`, `||`, `(`, `)`, `&lt;`, `&gt;` is not special after the first char.</summary>
        TestBracket,
        /// <summary>An argument of declare/local/export: like Normal, and `name=(a b)` is an array literal.</summary>
        Declaration,
        /// <summary>The argument of `${x:-...}`: ends at the closing brace only.</summary>
        BraceArgument,
    }

    private ShellWord? ParseWord(WordMode mode)
    {
        var parts = _builders.Parts.Rent();
        ParseParts(mode, parts, out _, out int loneStart, out int loneEnd);
        if (parts.Count > 0) return WordOf(parts);
        _builders.Parts.Free(parts);
        if (loneStart < 0) return null;
        // One unquoted literal: a plain word when its value is its source text, with no part object.
        int start = M(loneStart), length = M(loneEnd) - start;
        string value = LogicalText(loneStart, loneEnd);
        return value.Length == length ? new ShellWord(start, length, value) : new ShellWord(start, length, new ShellLiteralPart(start, length, value));
    }

    // The word of parts already parsed (at least one); the builder goes back to the pool. A lone part needs no array.
    private ShellWord WordOf(ImmutableArray<ShellWordPart>.Builder parts)
    {
        int start = parts[0].Start;
        int end = parts[parts.Count - 1].End;
        if (parts.Count == 1)
        {
            var single = parts[0];
            _builders.Parts.Free(parts);
            return new ShellWord(start, end - start, single);
        }
        return new ShellWord(start, end - start, _builders.Parts.ToImmutableAndFree(parts));
    }

    private void ParseParts(WordMode mode, ImmutableArray<ShellWordPart>.Builder parts, out bool sawClosingBrace)
    {
        ParseParts(mode, parts, out sawClosingBrace, out int loneStart, out int loneEnd);
        if (loneStart >= 0) parts.Add(LiteralPart(loneStart, loneEnd));
    }

    // The unquoted literal run [start, end) of the input, continuations removed from its value.
    private ShellLiteralPart LiteralPart(int start, int end) => new(M(start), M(end) - M(start), LogicalText(start, end));

    // As above; a word that is one unquoted literal run is given as [loneStart, loneEnd) of the input instead of a part
    // (loneStart -1 otherwise), so that the caller can make a plain word without one.
    private void ParseParts(WordMode mode, ImmutableArray<ShellWordPart>.Builder parts, out bool sawClosingBrace, out int loneStart, out int loneEnd)
    {
        sawClosingBrace = false;
        loneStart = loneEnd = -1;
        // The literal run is [literalStart, literalEnd) of the input; its value is cut out only when the run ends.
        var literalStart = -1;
        var literalEnd = -1;

        void Flush()
        {
            if (literalStart < 0) return;
            parts.Add(LiteralPart(literalStart, literalEnd));
            literalStart = -1;
        }

        var braceDepth = 0;
        while (Tick())
        {
            if (AtEnd) break;
            var c = Peek();
            if (mode == WordMode.BraceArgument)
            {
                if (c == '}' && braceDepth == 0)
                {
                    sawClosingBrace = true;
                    break;
                }
                if (c == '{') braceDepth++;
                else if (c == '}') braceDepth--;
            }
            else
            {
                if (IsBlank(c) || c == '\n') break;
                if (c == '<' || c == '>')
                {
                    if (PeekAt(1) == '(' && mode is WordMode.Normal or WordMode.Declaration)
                    {
                        Flush();
                        var ps = ParseCommandSubstitution(c == '<' ? ShellSubstitutionKind.ProcessInput : ShellSubstitutionKind.ProcessOutput);
                        if (ps != null) parts.Add(ps);
                        continue;
                    }
                    break;
                }
                if (c == '(' && mode == WordMode.Declaration && parts.Count == 0 && literalStart >= 0
                    && IsArrayAssignmentPrefix(LogicalText(literalStart, literalEnd)))
                {
                    Flush();
                    parts.Add(ParseArrayLiteral());
                    continue;
                }
                if (IsOperatorChar(c))
                {
                    if (mode == WordMode.TestBracket && (c == '(' || c == ')' || c == '|') && parts.Count + (literalStart >= 0 ? 1 : 0) > 0
                        && !(c == '|' && PeekAt(1) == '|'))
                    {
                        // regex operands of =~, e.g. ^(a|b)$
                    }
                    else break;
                }
            }

            switch (c)
            {
                case '\'':
                    Flush();
                    parts.Add(ParseSingleQuoted());
                    continue;
                case '"':
                    Flush();
                    parts.Add(ParseDoubleQuoted(_pos, 1));
                    continue;
                case '\\':
                {
                    var s = _pos;
                    if (_pos + 1 >= _end)
                    {
                        // A lone backslash at the end stays literal.
                        if (literalStart < 0) literalStart = _pos;
                        _pos++;
                        literalEnd = _pos;
                        continue;
                    }
                    Flush();
                    var escaped = _text[_pos + 1];
                    _pos += 2;
                    if (char.IsHighSurrogate(escaped) && _pos < _end && char.IsLowSurrogate(_text[_pos]))
                    {
                        parts.Add(new ShellEscapePart(M(s), M(_pos + 1) - M(s), Plimsoll.Text.SharedStrings.Substring(_text, _pos - 1, 2)));
                        _pos++;
                    }
                    else parts.Add(new ShellEscapePart(M(s), M(_pos) - M(s), CharString(escaped)));
                    continue;
                }
                case '$':
                {
                    var part = ParseDollar(inDoubleQuotes: false);
                    if (part != null)
                    {
                        Flush();
                        parts.Add(part);
                        continue;
                    }
                    break;
                }
                case '`':
                    Flush();
                    parts.Add(ParseBacktick(inDoubleQuotes: false));
                    continue;
            }

            if (literalStart < 0) literalStart = _pos;
            _pos++;
            if (mode != WordMode.BraceArgument) SkipPlainRun(PlainInWord);
            literalEnd = _pos;
        }
        if (parts.Count == 0 && literalStart >= 0)
        {
            loneStart = literalStart;
            loneEnd = literalEnd;
            return;
        }
        Flush();
    }

    /// <summary>ASCII characters that an unquoted word (outside `${...}`) takes as literal text with no other effect.</summary>
    private static readonly bool[] PlainInWord = PlainTable(" \t\r\n;&|()<>'\"\\$`");

    /// <summary>ASCII characters that double quotes take as literal text with no other effect.</summary>
    private static readonly bool[] PlainInDoubleQuotes = PlainTable("\"\\$`");

    private static bool[] PlainTable(string special)
    {
        var table = new bool[128];
        for (var c = 0; c < table.Length; c++) table[c] = special.IndexOf((char)c) < 0;
        return table;
    }

    /// <summary>
    /// Moves past a run of plain characters exactly as the character loops would, one budget step each (stopping before
    /// the step that would exhaust the budget), without their per-character checks: most of a script is such runs.
    /// Non-ASCII characters are plain in both tables' contexts.
    /// </summary>
    private void SkipPlainRun(bool[] plain)
    {
        var limit = _end;
        if (_budget.Steps - 1 < limit - _pos) limit = _pos + (int)Math.Max(0, _budget.Steps - 1);
        var p = _pos;
        while (p < limit)
        {
            var c = _text[p];
            if (c < 128 && !plain[c]) break;
            p++;
        }
        _budget.Steps -= p - _pos;
        _pos = p;
    }

    private static bool IsArrayAssignmentPrefix(string literal)
    {
        var n = literal.Length;
        if (n < 2 || literal[n - 1] != '=' || !IsNameStart(literal[0])) return false;
        var i = 1;
        while (i < n && IsNameChar(literal[i])) i++;
        if (i < n && literal[i] == '+') i++;
        return i == n - 1;
    }

    /// <summary>`(a b c)` after `name=` in a declaration argument.</summary>
    private ShellWordPart ParseArrayLiteral()
    {
        var start = _pos;
        var elements = ParseArrayElements("array literal", start, start + 1);
        return new ShellArrayLiteralPart(M(start), M(_pos) - M(start), TextBetween(start, _pos), elements);
    }

    /// <summary>
    /// The words of a bash array, <c>( a b c )</c>, from its '(' through its ')'; an unmatched '(' is reported over
    /// [unmatchedStart, unmatchedEnd) as "<paramref name="what"/> without matching ')'".
    /// </summary>
    private ImmutableArray<ShellWord> ParseArrayElements(string what, int unmatchedStart, int unmatchedEnd)
    {
        Advance();
        var elements = ImmutableArray.CreateBuilder<ShellWord>();
        while (Tick())
        {
            SkipLinebreaks();
            if (AtEnd || Peek() == ')') break;
            var w = ParseWord(WordMode.Normal);
            if (w == null)
            {
                Error(_pos, _pos + 1, $"unexpected '{Peek()}' in {what}");
                Advance();
                continue;
            }
            elements.Add(w);
        }
        if (!AtEnd && Peek() == ')') Advance();
        else Error(unmatchedStart, unmatchedEnd, what + " without matching ')'");
        return elements.ToImmutable();
    }

    private ShellWordPart ParseSingleQuoted()
    {
        var start = _pos;
        var close = _pos + 1 < _end ? _text.IndexOf('\'', _pos + 1, _end - _pos - 1) : -1;
        if (close < 0)
        {
            Error(start, start + 1, "unterminated single quote");
            _pos = _end;
            return new ShellSingleQuotedPart(M(start), M(_end) - M(start), Plimsoll.Text.SharedStrings.Substring(_text, start + 1, Math.Max(0, _end - start - 1)), false);
        }
        _pos = close + 1;
        return new ShellSingleQuotedPart(M(start), M(_pos) - M(start), Plimsoll.Text.SharedStrings.Substring(_text, start + 1, close - start - 1), false);
    }

    /// <summary>`$'...'` with C escapes.</summary>
    private ShellWordPart ParseAnsiCQuoted()
    {
        var start = _pos;
        var p = _pos + 2;
        var sb = new StringBuilder();
        var closed = false;
        while (p < _end)
        {
            var c = _text[p];
            if (c == '\'')
            {
                closed = true;
                p++;
                break;
            }
            if (c == '\\' && p + 1 < _end)
            {
                var e = _text[p + 1];
                sb.Append(e switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'a' => '\a',
                    'b' => '\b',
                    'e' or 'E' => '\u001b',
                    'f' => '\f',
                    'v' => '\v',
                    '0' => '\0',
                    _ => e,
                });
                p += 2;
                continue;
            }
            sb.Append(c);
            p++;
        }
        if (!closed) Error(start, start + 2, "unterminated $' quote");
        _pos = p;
        return new ShellSingleQuotedPart(M(start), M(p) - M(start), sb.ToString(), true);
    }

    private ShellWordPart ParseDoubleQuoted(int start, int openLength)
    {
        _pos = start + openLength;
        var parts = _builders.Parts.Rent();
        var literalStart = -1;
        var literalEnd = -1;

        void Flush()
        {
            if (literalStart < 0) return;
            parts.Add(LiteralPart(literalStart, literalEnd));
            literalStart = -1;
        }

        var closed = false;
        while (Tick())
        {
            if (AtEnd) break;
            var c = Peek();
            if (c == '"')
            {
                _pos++;
                closed = true;
                break;
            }
            if (c == '\\' && _pos + 1 < _end)
            {
                var n = _text[_pos + 1];
                if (n is '$' or '`' or '"' or '\\')
                {
                    Flush();
                    parts.Add(new ShellEscapePart(M(_pos), M(_pos + 2) - M(_pos), CharString(n)));
                    _pos += 2;
                    continue;
                }
            }
            else if (c == '$')
            {
                var part = ParseDollar(inDoubleQuotes: true);
                if (part != null)
                {
                    Flush();
                    parts.Add(part);
                    continue;
                }
            }
            else if (c == '`')
            {
                Flush();
                parts.Add(ParseBacktick(inDoubleQuotes: true));
                continue;
            }
            if (literalStart < 0) literalStart = _pos;
            _pos++;
            SkipPlainRun(PlainInDoubleQuotes);
            literalEnd = _pos;
        }
        Flush();
        if (!closed) Error(start, start + openLength, "unterminated double quote");
        return new ShellDoubleQuotedPart(M(start), M(_pos) - M(start), _builders.Parts.ToImmutableAndFree(parts));
    }

    /// <summary>Parses an expansion starting at `$`; null when the `$` is literal.</summary>
    private ShellWordPart? ParseDollar(bool inDoubleQuotes)
    {
        var start = _pos;
        var c1 = PeekAt(1);
        if (c1 == '(')
        {
            if (PeekAt(2) == '(')
            {
                var save = _pos;
                Advance(3);
                var close = FindArithmeticClose();
                if (close >= 0)
                {
                    var exprStart = _pos;
                    _pos = close + 2;
                    return new ShellArithmeticExpansion(M(start), M(_pos) - M(start), TextBetween(start, _pos), TextBetween(exprStart, close));
                }
                _pos = save;
            }
            return ParseCommandSubstitution(ShellSubstitutionKind.Dollar);
        }
        if (c1 == '{') return ParseBracedParameter();
        if (c1 == '\'' && !inDoubleQuotes) return ParseAnsiCQuoted();
        if (c1 == '"' && !inDoubleQuotes)
        {
            Advance();
            return ParseDoubleQuoted(start, Skip(_pos) - start + 1);
        }
        if (IsNameStart(c1))
        {
            Advance();
            var nameStart = Skip(_pos);
            while (!AtEnd && IsNameChar(Peek())) Advance();
            return new ShellParameterExpansion(M(start), M(_pos) - M(start), TextBetween(start, _pos), LogicalText(nameStart, _pos), false, null, null, null, null);
        }
        if ((c1 >= '0' && c1 <= '9') || c1 is '@' or '*' or '#' or '?' or '-' or '$' or '!')
        {
            if (AtEndAt(1)) return null;
            Advance(2);
            return new ShellParameterExpansion(M(start), M(_pos) - M(start), TextBetween(start, _pos), CharString(c1), false, null, null, null, null);
        }
        return null;
    }

    private static readonly string[] ParameterOperators =
    {
        ":-", ":=", ":?", ":+", "-", "=", "?", "+", "##", "#", "%%", "%", "//", "/#", "/%", "/", "^^", "^", ",,", ",", ":", "@", "*",
    };

    private ShellWordPart ParseBracedParameter()
    {
        var start = _pos;
        if (!EnterNesting())
            return new ShellParameterExpansion(M(start), M(_end) - M(start), TextBetween(start, _end), string.Empty, true, null, null, null, null);
        try
        {
            Advance(2);
            string? prefix = null;
            var c = Peek();
            var c1 = PeekAt(1);
            if ((c == '#' || c == '!') && c1 != '}' && !AtEndAt(1) && (IsNameChar(c1) || c1 is '@' or '*' or '#' or '?' or '$' or '!' or '-'))
            {
                if (!(c == '#' && (c1 == '-' || c1 == '?' || c1 == '#') && PeekAt(2) != '}'))
                {
                    prefix = CharString(c);
                    Advance();
                }
            }
            c = Peek();
            var nameStart = _pos;
            var nameLength = 0;
            if (IsNameStart(c))
            {
                for (; !AtEnd && IsNameChar(Peek()); nameLength++) Advance();
            }
            else if (c >= '0' && c <= '9')
            {
                for (; !AtEnd && Peek() >= '0' && Peek() <= '9'; nameLength++) Advance();
            }
            else if (!AtEnd && c is '@' or '*' or '#' or '?' or '-' or '$' or '!')
            {
                nameLength = 1;
                Advance();
            }
            var name = nameLength == 0 ? string.Empty : LogicalText(nameStart, _pos);
            string? subscript = null;
            if (!AtEnd && Peek() == '[' && name.Length > 0)
            {
                var sub = new StringBuilder();
                Advance();
                var depth = 0;
                while (Tick() && !AtEnd)
                {
                    var ch = Peek();
                    if (ch == ']' && depth == 0) break;
                    if (ch == '[') depth++;
                    else if (ch == ']') depth--;
                    sub.Append(ch);
                    Advance();
                }
                if (!AtEnd) Advance();
                subscript = sub.ToString();
            }
            string? op = null;
            ShellWord? argument = null;
            if (!AtEnd && Peek() != '}')
            {
                foreach (var candidate in ParameterOperators)
                {
                    var match = true;
                    for (var i = 0; i < candidate.Length && match; i++) match = PeekAt(i) == candidate[i] && !AtEndAt(i);
                    if (!match) continue;
                    op = candidate;
                    break;
                }
                if (op == null && name.Length > 0)
                    Error(start, Math.Max(start + 2, _pos + 1), "bad parameter expansion");
                if (op != null) Advance(op.Length);
                var argStart = Skip(_pos);
                var parts = _builders.Parts.Rent();
                ParseParts(WordMode.BraceArgument, parts, out _);
                if (parts.Count > 0) argument = WordOf(parts);
                else
                {
                    _builders.Parts.Free(parts);
                    argument = new ShellWord(M(argStart), 0, ImmutableArray<ShellWordPart>.Empty);
                }
            }
            if (name.Length == 0 && op == null) Error(start, Math.Max(start + 2, _pos + 1), "bad parameter expansion");
            if (!AtEnd && Peek() == '}') Advance();
            else Error(start, start + 2, "unterminated parameter expansion '${'");
            return new ShellParameterExpansion(M(start), M(_pos) - M(start), TextBetween(start, _pos), name, true, prefix, subscript, op, argument);
        }
        finally
        {
            ExitNesting();
        }
    }

    /// <summary>`$(`, `&lt;(` or `&gt;(` followed by a script and `)`.</summary>
    private ShellWordPart? ParseCommandSubstitution(ShellSubstitutionKind kind)
    {
        var start = _pos;
        if (!EnterNesting())
            return new ShellCommandSubstitution(M(start), M(_end) - M(start), TextBetween(start, _end), kind, EmptyScript());
        try
        {
            Advance(2);
            var bodyStart = Skip(_pos);
            var lists = _builders.Lists.Rent();
            ParseRecovering(lists, closeParen: true);
            var body = new ShellScript(M(bodyStart), M(Skip(_pos)) - M(bodyStart), _builders.Lists.ToImmutableAndFree(lists));
            if (!AtEnd && Peek() == ')') Advance();
            else Error(start, start + 2, $"unterminated {(kind == ShellSubstitutionKind.Dollar ? "command" : "process")} substitution '{TextBetween(start, start + 2)}'");
            return new ShellCommandSubstitution(M(start), M(_pos) - M(start), TextBetween(start, _pos), kind, body);
        }
        finally
        {
            ExitNesting();
        }
    }

    /// <summary>`` `...` ``: the content is unescaped (\\, \`, \$) and parsed by a nested parser that maps offsets back.</summary>
    private ShellWordPart ParseBacktick(bool inDoubleQuotes)
    {
        var start = _pos;
        var p = _pos + 1;
        var inner = new StringBuilder();
        var map = new List<int>();
        var closed = false;
        while (p < _end)
        {
            var c = _text[p];
            if (c == '`')
            {
                closed = true;
                break;
            }
            if (c == '\\' && p + 1 < _end)
            {
                var n = _text[p + 1];
                if (n is '\\' or '`' or '$' || (inDoubleQuotes && n == '"'))
                {
                    // Map the unescaped character to its backslash, so spans ending before it exclude the backslash.
                    inner.Append(n);
                    map.Add(M(p));
                    p += 2;
                    continue;
                }
            }
            inner.Append(c);
            map.Add(M(p));
            p++;
        }
        map.Add(M(p));
        if (!closed) Error(start, start + 1, "unterminated backquote");
        var end = closed ? p + 1 : _end;
        _pos = end;

        ShellScript body;
        if (_depth >= MaxDepth)
        {
            if (!_reportedTooDeep)
            {
                _reportedTooDeep = true;
                LimitError(start, end, "constructs nested more than " + MaxDepth + " levels deep");
            }
            body = new ShellScript(M(start + 1), 0, ImmutableArray<ShellCommandList>.Empty);
        }
        else
        {
            var nested = new ShellParserCore(inner.ToString(), 0, inner.Length, map.ToArray(), _errors, _depth + 1, _budget, _builders) { Dialect = Dialect };
            body = nested.ParseTopLevel();
        }
        return new ShellCommandSubstitution(M(start), M(end) - M(start), TextBetween(start, end), ShellSubstitutionKind.Backtick, body);
    }
}
