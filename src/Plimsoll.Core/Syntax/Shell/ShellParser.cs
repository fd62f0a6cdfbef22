using System.Collections.Immutable;
using System.Text;

namespace Plimsoll.Syntax.Shell;

/// <summary>
/// Parses POSIX sh (with the bash extensions common in Dockerfiles: `[[ ]]`, `$'..'`, `&lt;(..)`,
/// `&amp;&gt;`, arrays, `function`) into a <see cref="ShellScript"/>. Never throws; syntax errors are
/// returned as <see cref="ShellSyntaxError"/>s next to a best-effort tree.
/// </summary>
public static class ShellParser
{
    public static ShellParseResult Parse(string text) => Parse(text, 0, text?.Length ?? 0);

    /// <summary>Parses <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/>; offsets stay relative to <paramref name="text"/>.</summary>
    public static ShellParseResult Parse(string text, int start, int length)
    {
        text ??= string.Empty;
        if (start < 0) start = 0;
        if (start > text.Length) start = text.Length;
        if (length < 0) length = 0;
        if (length > text.Length - start) length = text.Length - start;

        var errors = new List<ShellSyntaxError>();
        var budget = new ShellParserBudget(20L * length + 1000);
        var parser = new ShellParserCore(text, start, start + length, null, errors, 0, budget);
        var script = parser.ParseTopLevel();
        ShellParserCore.SetParents(script);
        return new ShellParseResult(text, script, errors);
    }
}

/// <summary>A step counter shared by a parser and its nested backtick parsers: a hard bound on work.</summary>
internal sealed class ShellParserBudget
{
    public ShellParserBudget(long steps) => Steps = steps;
    public long Steps;
}

internal sealed class ShellParserCore
{
    private const char Eof = '\0';
    private const int MaxDepth = 100;

    private static readonly HashSet<string> ClosingKeywords = new(StringComparer.Ordinal)
    {
        "then", "elif", "else", "fi", "do", "done", "esac", "}",
    };

    private readonly string _text;
    private readonly int _end;
    private readonly int[]? _map;
    private readonly List<ShellSyntaxError> _errors;
    private readonly ShellParserBudget _budget;
    private readonly List<PendingHereDocument> _pendingHereDocuments = new();
    private int _pos;
    private int _depth;
    private bool _reportedTooDeep;

    private sealed class PendingHereDocument
    {
        public PendingHereDocument(ShellRedirection redirection, string delimiter, bool quoted, bool stripTabs)
        {
            Redirection = redirection;
            Delimiter = delimiter;
            Quoted = quoted;
            StripTabs = stripTabs;
        }

        public ShellRedirection Redirection { get; }
        public string Delimiter { get; }
        public bool Quoted { get; }
        public bool StripTabs { get; }
    }

    /// <param name="map">For nested backtick text: the input offset of each character (length + 1 entries).</param>
    public ShellParserCore(string text, int start, int end, int[]? map, List<ShellSyntaxError> errors, int depth, ShellParserBudget budget)
    {
        _text = text;
        _pos = start;
        _end = end;
        _map = map;
        _errors = errors;
        _depth = depth;
        _budget = budget;
    }

    // ---------------------------------------------------------------- positions and characters

    private int M(int p)
    {
        if (_map == null) return p;
        if (p < 0) p = 0;
        if (p >= _map.Length) p = _map.Length - 1;
        return _map[p];
    }

    private void Error(int start, int end, string message)
    {
        if (end > _end) end = _end;
        if (start > end) start = end;
        var s = M(start);
        var e = M(end);
        if (e < s) e = s;
        _errors.Add(new ShellSyntaxError(s, e - s, message));
    }

    /// <summary>Skips line continuations (backslash-newline) at <paramref name="p"/>.</summary>
    private int Skip(int p)
    {
        while (p + 1 < _end && _text[p] == '\\')
        {
            if (_text[p + 1] == '\n') p += 2;
            else if (_text[p + 1] == '\r' && p + 2 < _end && _text[p + 2] == '\n') p += 3;
            else break;
        }
        return p;
    }

    private bool AtEnd
    {
        get
        {
            _pos = Skip(_pos);
            return _pos >= _end;
        }
    }

    private char Peek()
    {
        _pos = Skip(_pos);
        return _pos < _end ? _text[_pos] : Eof;
    }

    /// <summary>The k-th logical character from the current position (continuations skipped).</summary>
    private char PeekAt(int k)
    {
        var p = Skip(_pos);
        for (var i = 0; i < k; i++)
        {
            if (p >= _end) return Eof;
            p = Skip(p + 1);
        }
        return p < _end ? _text[p] : Eof;
    }

    private void Advance(int k = 1)
    {
        for (var i = 0; i < k; i++)
        {
            _pos = Skip(_pos);
            if (_pos < _end) _pos++;
        }
    }

    /// <summary>Consumes one unit of the work budget; when exhausted, abandons the rest of the input.</summary>
    private bool Tick()
    {
        if (--_budget.Steps > 0) return true;
        if (_budget.Steps == 0) Error(_pos, _end, "input too complex to parse");
        _pos = _end;
        return false;
    }

    private bool EnterNesting()
    {
        if (_depth < MaxDepth)
        {
            _depth++;
            return true;
        }
        if (!_reportedTooDeep)
        {
            _reportedTooDeep = true;
            Error(_pos, _end, "constructs nested too deeply");
        }
        _pos = _end;
        return false;
    }

    private void ExitNesting() => _depth--;

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r';

    private static bool IsOperatorChar(char c) => c is ';' or '&' or '|' or '(' or ')' or '<' or '>';

    private static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsNameChar(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

    private static bool IsDelimiterAfterKeyword(char c) => c == Eof || IsBlank(c) || c == '\n' || IsOperatorChar(c);

    private void SkipBlanks()
    {
        while (!AtEnd && IsBlank(Peek())) Advance();
    }

    /// <summary>Skips blanks and a comment (a `#` at a token boundary), not the newline.</summary>
    private void SkipBlanksAndComment()
    {
        SkipBlanks();
        if (!AtEnd && Peek() == '#')
        {
            // Raw scan: a comment ends at the newline even after a backslash.
            while (_pos < _end && _text[_pos] != '\n') _pos++;
        }
    }

    /// <summary>Skips blanks, comments and newlines (reading here-document bodies after each newline).</summary>
    private void SkipLinebreaks()
    {
        while (Tick())
        {
            SkipBlanksAndComment();
            if (AtEnd || Peek() != '\n') return;
            ConsumeNewline();
        }
    }

    /// <summary>The unquoted reserved word at the current position, if any (not consumed).</summary>
    private string? PeekKeyword()
    {
        var sb = new StringBuilder();
        for (var k = 0; k < 9; k++)
        {
            var c = PeekAt(k);
            if (c == Eof && AtEndAt(k)) break;
            if ((c >= 'a' && c <= 'z') || c == '{' || c == '}' || c == '!' || c == '[' || c == ']') sb.Append(c);
            else break;
        }
        if (sb.Length == 0) return null;
        var after = PeekAt(sb.Length);
        if (!IsDelimiterAfterKeyword(after) && !AtEndAt(sb.Length)) return null;
        var word = sb.ToString();
        return word switch
        {
            "if" or "then" or "elif" or "else" or "fi" or "do" or "done" or "case" or "esac" or "while" or "until"
                or "for" or "in" or "function" or "{" or "}" or "!" or "[[" => word,
            _ => null,
        };
    }

    private bool AtEndAt(int k)
    {
        var p = Skip(_pos);
        for (var i = 0; i < k; i++)
        {
            if (p >= _end) return true;
            p = Skip(p + 1);
        }
        return p >= _end;
    }

    private bool AtClosingKeyword()
    {
        var k = PeekKeyword();
        return k != null && ClosingKeywords.Contains(k);
    }

    private bool AtCaseTerminator() => Peek() == ';' && (PeekAt(1) == ';' || PeekAt(1) == '&');

    // ---------------------------------------------------------------- scripts and lists

    public ShellScript ParseTopLevel()
    {
        var start = Skip(_pos);
        var lists = ImmutableArray.CreateBuilder<ShellCommandList>();
        ParseRecovering(lists, closeParen: false);
        foreach (var pending in _pendingHereDocuments)
        {
            var r = pending.Redirection;
            _errors.Add(new ShellSyntaxError(r.Start, r.Length, $"here-document '{pending.Delimiter}' has no body"));
        }
        _pendingHereDocuments.Clear();
        return new ShellScript(M(start), M(_end) - M(start), lists.ToImmutable());
    }

    /// <summary>Parses lists until the end (or a `)` when <paramref name="closeParen"/>), reporting and skipping stray tokens.</summary>
    private void ParseRecovering(ImmutableArray<ShellCommandList>.Builder lists, bool closeParen)
    {
        while (Tick())
        {
            ParseLists(lists);
            if (AtEnd) return;
            if (closeParen && Peek() == ')') return;
            SkipUnexpectedToken();
        }
    }

    private void SkipUnexpectedToken()
    {
        var start = _pos;
        var keyword = PeekKeyword();
        if (keyword != null)
        {
            Advance(keyword.Length);
            Error(start, _pos, $"unexpected '{keyword}'");
            return;
        }
        var c = Peek();
        var n = 1;
        if (c == ';' && PeekAt(1) == ';') n = PeekAt(2) == '&' ? 3 : 2;
        else if (c == ';' && PeekAt(1) == '&') n = 2;
        else if ((c == '&' || c == '|') && PeekAt(1) == c) n = 2;
        Advance(n);
        Error(start, _pos, $"unexpected '{TextBetween(start, _pos)}'");
    }

    private string TextBetween(int start, int end) =>
        end > start && end <= _text.Length ? _text.Substring(start, end - start) : string.Empty;

    /// <summary>Parses command lists until the end, a `)`, a case terminator or a closing keyword.</summary>
    private void ParseLists(ImmutableArray<ShellCommandList>.Builder lists)
    {
        while (Tick())
        {
            SkipLinebreaks();
            if (AtEnd) return;
            var c = Peek();
            if (c == ')' || AtCaseTerminator() || AtClosingKeyword()) return;
            if (!CanStartCommand()) return;
            var before = _pos;
            var list = ParseAndOr();
            if (list == null || _pos == before) return;
            lists.Add(list);
            if (list.Separator == ShellSeparatorKind.None)
            {
                SkipBlanksAndComment();
                if (AtEnd) return;
                c = Peek();
                if (c == ')' || c == '\n' || AtCaseTerminator() || AtClosingKeyword()) continue;
                Error(_pos, _pos + 1, $"expected ';' or newline before '{c}'");
                if (!CanStartCommand()) return;
            }
        }
    }

    /// <summary>Parses lists up to a closing keyword (for compound command bodies).</summary>
    private ShellScript ParseBody()
    {
        SkipLinebreaks();
        var start = Skip(_pos);
        var lists = ImmutableArray.CreateBuilder<ShellCommandList>();
        ParseLists(lists);
        var end = lists.Count > 0 ? lists[lists.Count - 1].End : M(start);
        return new ShellScript(M(start), end - M(start), lists.ToImmutable());
    }

    private bool CanStartCommand()
    {
        if (AtEnd) return false;
        var c = Peek();
        if (c == '\n' || c == ';' || c == '|' || c == ')') return false;
        if (c == '&') return PeekAt(1) == '>';
        return true;
    }

    private ShellCommandList? ParseAndOr()
    {
        var start = Skip(_pos);
        var pipelines = ImmutableArray.CreateBuilder<ShellPipeline>();
        var operators = ImmutableArray.CreateBuilder<ShellAndOrOperator>();
        var first = ParsePipeline();
        if (first == null) return null;
        pipelines.Add(first);
        while (Tick())
        {
            SkipBlanksAndComment();
            var c = Peek();
            if (!((c == '&' && PeekAt(1) == '&') || (c == '|' && PeekAt(1) == '|'))) break;
            var opStart = _pos;
            Advance(2);
            operators.Add(new ShellAndOrOperator(c == '&' ? ShellAndOrOperatorKind.And : ShellAndOrOperatorKind.Or, M(opStart), M(_pos) - M(opStart)));
            SkipLinebreaks();
            var next = CanStartCommand() && !AtClosingKeyword() ? ParsePipeline() : null;
            if (next == null)
            {
                Error(opStart, opStart + 2, $"expected a command after '{(c == '&' ? "&&" : "||")}'");
                break;
            }
            pipelines.Add(next);
        }

        var end = pipelines[pipelines.Count - 1].End;
        SkipBlanksAndComment();
        var separator = ShellSeparatorKind.None;
        var separatorStart = -1;
        if (!AtEnd)
        {
            var c = Peek();
            if (c == ';' && PeekAt(1) != ';' && PeekAt(1) != '&')
            {
                separator = ShellSeparatorKind.Semicolon;
                separatorStart = M(_pos);
                Advance();
                end = M(_pos);
            }
            else if (c == '&' && PeekAt(1) != '&' && PeekAt(1) != '>')
            {
                separator = ShellSeparatorKind.Ampersand;
                separatorStart = M(_pos);
                Advance();
                end = M(_pos);
            }
            else if (c == '\n')
            {
                separator = ShellSeparatorKind.Newline;
                separatorStart = M(_pos);
                end = M(_pos + 1);
                ConsumeNewline();
            }
        }
        return new ShellCommandList(M(start), end - M(start), pipelines.ToImmutable(), operators.ToImmutable(), separator, separatorStart);
    }

    private ShellPipeline? ParsePipeline()
    {
        SkipBlanksAndComment();
        var start = _pos;
        var negated = false;
        if (PeekKeyword() == "!")
        {
            negated = true;
            Advance();
            SkipBlanksAndComment();
        }
        var commands = ImmutableArray.CreateBuilder<ShellCommand>();
        var pipes = ImmutableArray.CreateBuilder<int>();
        var first = CanStartCommand() && !AtClosingKeyword() ? ParseCommand() : null;
        if (first == null)
        {
            if (!negated) return null;
            Error(start, start + 1, "expected a command after '!'");
            return new ShellPipeline(M(start), M(start + 1) - M(start), true, commands.ToImmutable(), pipes.ToImmutable());
        }
        commands.Add(first);
        while (Tick())
        {
            SkipBlanksAndComment();
            if (Peek() != '|' || PeekAt(1) == '|') break;
            var pipeStart = _pos;
            pipes.Add(M(pipeStart));
            Advance();
            if (Peek() == '&') Advance(); // bash `|&`
            SkipLinebreaks();
            var next = CanStartCommand() && !AtClosingKeyword() ? ParseCommand() : null;
            if (next == null)
            {
                Error(pipeStart, pipeStart + 1, "expected a command after '|'");
                break;
            }
            commands.Add(next);
        }
        var end = commands[commands.Count - 1].End;
        return new ShellPipeline(M(start), end - M(start), negated, commands.ToImmutable(), pipes.ToImmutable());
    }

    // ---------------------------------------------------------------- commands

    private ShellCommand? ParseCommand()
    {
        if (AtEnd) return null;
        var keyword = PeekKeyword();
        if (Peek() == '(')
            return Nest(ParseSubshell);
        switch (keyword)
        {
            case "{": return Nest(ParseBraceGroup);
            case "if": return Nest(ParseIf);
            case "for": return Nest(ParseFor);
            case "while": return Nest(ParseWhile);
            case "until": return Nest(ParseWhile);
            case "case": return Nest(ParseCase);
            case "function": return Nest(ParseFunctionKeyword);
        }
        return ParseSimpleCommand();
    }

    private ShellCommand? Nest(Func<ShellCommand?> parse)
    {
        if (!EnterNesting()) return null;
        try
        {
            return parse();
        }
        finally
        {
            ExitNesting();
        }
    }

    /// <summary>Redirections after a compound command; returns the end offset (mapped).</summary>
    private ImmutableArray<ShellRedirection> ParseTrailingRedirections(ref int end)
    {
        var list = ImmutableArray.CreateBuilder<ShellRedirection>();
        while (Tick())
        {
            SkipBlanksAndComment();
            var r = TryParseRedirection();
            if (r == null) break;
            list.Add(r);
            end = r.End;
        }
        return list.ToImmutable();
    }

    private bool ExpectKeyword(string keyword)
    {
        SkipLinebreaks();
        if (PeekKeyword() == keyword)
        {
            Advance(keyword.Length);
            return true;
        }
        return false;
    }

    private ShellCommand ParseSubshell()
    {
        var start = _pos;
        Advance(); // (
        var lists = ImmutableArray.CreateBuilder<ShellCommandList>();
        var bodyStart = Skip(_pos);
        ParseRecovering(lists, closeParen: true);
        var body = new ShellScript(M(bodyStart), M(_pos) - M(bodyStart), lists.ToImmutable());
        if (!AtEnd && Peek() == ')') Advance();
        else Error(start, start + 1, "'(' without matching ')'");
        var end = M(_pos);
        var redirections = ParseTrailingRedirections(ref end);
        return new ShellSubshell(M(start), end - M(start), body, redirections);
    }

    private ShellCommand ParseBraceGroup()
    {
        var start = _pos;
        Advance(); // {
        var body = ParseBody();
        if (!ExpectKeyword("}")) Error(start, start + 1, "'{' without matching '}'");
        var end = M(_pos);
        var redirections = ParseTrailingRedirections(ref end);
        return new ShellBraceGroup(M(start), end - M(start), body, redirections);
    }

    private ShellCommand ParseIf()
    {
        var start = _pos;
        Advance(2);
        var clauses = ImmutableArray.CreateBuilder<ShellIfClause>();
        ShellScript? elseBody = null;
        var clauseStart = start;
        while (Tick())
        {
            var condition = ParseBody();
            if (!ExpectKeyword("then"))
            {
                Error(clauseStart, clauseStart + 2, "expected 'then'");
                clauses.Add(new ShellIfClause(M(clauseStart), condition.End - M(clauseStart), condition,
                    new ShellScript(condition.End, 0, ImmutableArray<ShellCommandList>.Empty)));
                return FinishIf(start, clauses, elseBody, closed: false);
            }
            var thenEnd = M(_pos);
            var body = ParseBody();
            clauses.Add(new ShellIfClause(M(clauseStart), Math.Max(body.End, thenEnd) - M(clauseStart), condition, body));
            SkipLinebreaks();
            var k = PeekKeyword();
            if (k == "elif")
            {
                clauseStart = _pos;
                Advance(4);
                continue;
            }
            if (k == "else")
            {
                Advance(4);
                elseBody = ParseBody();
            }
            break;
        }
        var closed = ExpectKeyword("fi");
        if (!closed) Error(start, start + 2, "'if' without matching 'fi'");
        return FinishIf(start, clauses, elseBody, closed);
    }

    private ShellCommand FinishIf(int start, ImmutableArray<ShellIfClause>.Builder clauses, ShellScript? elseBody, bool closed)
    {
        var end = M(_pos);
        var redirections = closed ? ParseTrailingRedirections(ref end) : ImmutableArray<ShellRedirection>.Empty;
        return new ShellIfCommand(M(start), end - M(start), clauses.ToImmutable(), elseBody, redirections);
    }

    private ShellScript EmptyScript() => new(M(_pos), 0, ImmutableArray<ShellCommandList>.Empty);

    private ShellCommand ParseWhile()
    {
        var start = _pos;
        var isUntil = Peek() == 'u';
        Advance(5);
        var condition = ParseBody();
        ShellScript body;
        if (ExpectKeyword("do"))
        {
            body = ParseBody();
            if (!ExpectKeyword("done")) Error(start, start + 5, $"'{(isUntil ? "until" : "while")}' without matching 'done'");
        }
        else
        {
            Error(start, start + 5, "expected 'do'");
            body = EmptyScript();
        }
        var end = M(_pos);
        var redirections = ParseTrailingRedirections(ref end);
        return new ShellWhileCommand(M(start), end - M(start), isUntil, condition, body, redirections);
    }

    private ShellCommand ParseFor()
    {
        var start = _pos;
        Advance(3);
        SkipBlanks();
        var variable = string.Empty;
        var variableStart = M(_pos);
        string? arithmetic = null;
        var items = ImmutableArray.CreateBuilder<ShellWord>();
        var hasIn = false;
        if (Peek() == '(' && PeekAt(1) == '(')
        {
            var exprStart = _pos + 2;
            Advance(2);
            var close = FindArithmeticClose();
            if (close < 0)
            {
                Error(start, start + 3, "'for ((' without matching '))'");
                _pos = _end;
            }
            else
            {
                arithmetic = _text.Substring(exprStart, close - exprStart);
                _pos = close + 2;
            }
        }
        else
        {
            var nameWord = ParseWord(WordMode.Normal);
            if (nameWord == null || !nameWord.TryGetLiteralValue(out variable) || variable.Length == 0)
                Error(start, start + 3, "expected a variable name after 'for'");
            SkipLinebreaks();
            if (PeekKeyword() == "in")
            {
                hasIn = true;
                Advance(2);
                while (Tick())
                {
                    SkipBlanksAndComment();
                    if (AtEnd || Peek() == '\n' || Peek() == ';') break;
                    var w = ParseWord(WordMode.Normal);
                    if (w == null)
                    {
                        Error(_pos, _pos + 1, $"unexpected '{Peek()}' in 'for' word list");
                        break;
                    }
                    items.Add(w);
                }
            }
        }
        SkipBlanksAndComment();
        if (!AtEnd && Peek() == ';' && PeekAt(1) != ';') Advance();
        ShellScript body;
        if (ExpectKeyword("do"))
        {
            body = ParseBody();
            if (!ExpectKeyword("done")) Error(start, start + 3, "'for' without matching 'done'");
        }
        else if (PeekKeyword() == "{")
        {
            // bash also accepts a brace group as the loop body
            body = ParseBraceGroupAsBody();
        }
        else
        {
            Error(start, start + 3, "expected 'do'");
            body = EmptyScript();
        }
        var end = M(_pos);
        var redirections = ParseTrailingRedirections(ref end);
        return new ShellForCommand(M(start), end - M(start), variable, variableStart, hasIn, items.ToImmutable(), arithmetic, body, redirections);
    }

    private ShellScript ParseBraceGroupAsBody()
    {
        var start = _pos;
        Advance();
        var body = ParseBody();
        if (!ExpectKeyword("}")) Error(start, start + 1, "'{' without matching '}'");
        return body;
    }

    /// <summary>From just after `((`, the offset of the matching `))`, or -1.</summary>
    private int FindArithmeticClose()
    {
        var depth = 0;
        for (var p = _pos; p < _end; p++)
        {
            var c = _text[p];
            if (c == '\\') { p++; continue; }
            if (c == '(') depth++;
            else if (c == ')')
            {
                if (depth == 0) return p + 1 < _end && _text[p + 1] == ')' ? p : -1;
                depth--;
            }
        }
        return -1;
    }

    private ShellCommand ParseCase()
    {
        var start = _pos;
        Advance(4);
        SkipBlanks();
        var subject = ParseWord(WordMode.Normal);
        if (subject == null)
        {
            Error(start, start + 4, "expected a word after 'case'");
            subject = new ShellWord(M(_pos), 0, ImmutableArray<ShellWordPart>.Empty);
        }
        var items = ImmutableArray.CreateBuilder<ShellCaseItem>();
        if (!ExpectKeyword("in"))
        {
            Error(start, start + 4, "expected 'in' after 'case' word");
            var e = M(_pos);
            return new ShellCaseCommand(M(start), e - M(start), subject, items.ToImmutable(), ImmutableArray<ShellRedirection>.Empty);
        }
        var closed = false;
        while (Tick())
        {
            SkipLinebreaks();
            if (AtEnd) break;
            if (PeekKeyword() == "esac")
            {
                Advance(4);
                closed = true;
                break;
            }
            var itemStart = _pos;
            if (Peek() == '(') Advance();
            var patterns = ImmutableArray.CreateBuilder<ShellWord>();
            while (Tick())
            {
                SkipBlanks();
                var w = ParseWord(WordMode.Normal);
                if (w == null) break;
                patterns.Add(w);
                SkipBlanks();
                if (Peek() == '|' && PeekAt(1) != '|') Advance();
                else break;
            }
            if (patterns.Count == 0 || Peek() != ')')
            {
                Error(itemStart, Math.Max(_pos, itemStart + 1), "expected a case pattern followed by ')'");
                break;
            }
            Advance();
            var body = ParseBody();
            var terminator = ShellCaseTerminator.None;
            SkipBlanksAndComment();
            if (Peek() == ';' && PeekAt(1) == ';')
            {
                terminator = PeekAt(2) == '&' ? ShellCaseTerminator.Continue : ShellCaseTerminator.Break;
                Advance(terminator == ShellCaseTerminator.Continue ? 3 : 2);
            }
            else if (Peek() == ';' && PeekAt(1) == '&')
            {
                terminator = ShellCaseTerminator.FallThrough;
                Advance(2);
            }
            var itemEnd = terminator == ShellCaseTerminator.None ? Math.Max(body.End, M(itemStart)) : M(_pos);
            items.Add(new ShellCaseItem(M(itemStart), itemEnd - M(itemStart), patterns.ToImmutable(), body, terminator));
            if (terminator == ShellCaseTerminator.None)
            {
                SkipLinebreaks();
                if (PeekKeyword() != "esac") break;
            }
        }
        if (!closed) Error(start, start + 4, "'case' without matching 'esac'");
        var end = M(_pos);
        var redirections = closed ? ParseTrailingRedirections(ref end) : ImmutableArray<ShellRedirection>.Empty;
        return new ShellCaseCommand(M(start), end - M(start), subject, items.ToImmutable(), redirections);
    }

    private ShellCommand ParseFunctionKeyword()
    {
        var start = _pos;
        Advance(8);
        SkipBlanks();
        var nameStart = _pos;
        var nameWord = ParseWord(WordMode.Normal);
        var name = string.Empty;
        if (nameWord == null || !nameWord.TryGetLiteralValue(out name))
            Error(start, start + 8, "expected a function name after 'function'");
        SkipBlanks();
        if (Peek() == '(')
        {
            Advance();
            SkipBlanks();
            if (Peek() == ')') Advance();
            else Error(_pos, _pos + 1, "expected ')' in function definition");
        }
        return FinishFunction(start, name, nameStart);
    }

    private ShellCommand FinishFunction(int start, string name, int nameStart)
    {
        SkipLinebreaks();
        var body = CanStartCommand() ? ParseCommand() : null;
        if (body == null)
        {
            Error(nameStart, Math.Max(nameStart + 1, _pos), $"function '{name}' has no body");
            body = new ShellBraceGroup(M(_pos), 0, EmptyScript(), ImmutableArray<ShellRedirection>.Empty);
        }
        var end = Math.Max(body.End, M(start));
        return new ShellFunctionDefinition(M(start), end - M(start), name, M(nameStart), body);
    }

    private ShellCommand? ParseSimpleCommand()
    {
        var start = Skip(_pos);
        var end = M(start);
        var assignments = ImmutableArray.CreateBuilder<ShellAssignment>();
        var words = ImmutableArray.CreateBuilder<ShellWord>();
        var redirections = ImmutableArray.CreateBuilder<ShellRedirection>();
        var testBracket = false;
        while (Tick())
        {
            SkipBlanksAndComment();
            if (AtEnd) break;
            var c = Peek();
            if (c == '\n') break;
            if (testBracket)
            {
                if (TryParseTestOperator(words, ref end, out var closedBracket))
                {
                    if (closedBracket) testBracket = false;
                    continue;
                }
            }
            else if (c == '(')
            {
                if (words.Count == 1 && assignments.Count == 0 && redirections.Count == 0
                    && words[0].TryGetLiteralValue(out var fname) && !words[0].HasQuoting && IsFunctionName(fname))
                {
                    var save = _pos;
                    Advance();
                    SkipBlanks();
                    if (Peek() == ')')
                    {
                        Advance();
                        return Nest(() => FinishFunction(start, fname, start));
                    }
                    _pos = save;
                }
                Error(_pos, _pos + 1, "unexpected '('");
                break;
            }
            var r = IsRedirectionStart() ? TryParseRedirection() : null;
            if (r != null)
            {
                redirections.Add(r);
                end = r.End;
                continue;
            }
            if (IsOperatorChar(c) && !((c == '<' || c == '>') && PeekAt(1) == '(')) break;
            if (words.Count == 0)
            {
                var a = TryParseAssignment();
                if (a != null)
                {
                    assignments.Add(a);
                    end = a.End;
                    continue;
                }
            }
            var w = ParseWord(testBracket ? WordMode.TestBracket : WordMode.Normal);
            if (w == null) break;
            words.Add(w);
            end = w.End;
            if (words.Count == 1 && w.TryGetLiteralValue(out var v) && v == "[[" && !w.HasQuoting) testBracket = true;
            else if (testBracket && w.TryGetLiteralValue(out v) && v == "]]" && !w.HasQuoting) testBracket = false;
        }
        if (testBracket) Error(start, start + 2, "'[[' without matching ']]'");
        if (assignments.Count == 0 && words.Count == 0 && redirections.Count == 0) return null;
        return new SimpleCommand(M(start), end - M(start), assignments.ToImmutable(), words.ToImmutable(), redirections.ToImmutable());
    }

    private static bool IsFunctionName(string name)
    {
        if (name.Length == 0) return false;
        foreach (var ch in name)
            if (IsBlank(ch) || ch == '\n' || ch == '=' || ch == '$' || ch == '"' || ch == '\'') return false;
        return true;
    }

    /// <summary>Inside `[[ ]]`, `&amp;&amp;`, `||`, `(`, `)`, `!`, `&lt;` and `&gt;` are operands of the test, not shell operators.</summary>
    private bool TryParseTestOperator(ImmutableArray<ShellWord>.Builder words, ref int end, out bool closed)
    {
        closed = false;
        var c = Peek();
        int n;
        if ((c == '&' && PeekAt(1) == '&') || (c == '|' && PeekAt(1) == '|')) n = 2;
        else if (c == '(' || c == ')' || c == '<' || c == '>') n = 1;
        else if (c == ']' && PeekAt(1) == ']' && IsDelimiterAfterKeyword(PeekAt(2)))
        {
            n = 2;
            closed = true;
        }
        else return false;
        var s = _pos;
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            sb.Append(Peek());
            Advance();
        }
        var part = new ShellLiteralPart(M(s), M(_pos) - M(s), sb.ToString());
        var w = new ShellWord(M(s), M(_pos) - M(s), ImmutableArray.Create<ShellWordPart>(part));
        words.Add(w);
        end = w.End;
        return true;
    }

    /// <summary>`NAME=`, `NAME+=` or `NAME[sub]=` at the current position, followed by its value.</summary>
    private ShellAssignment? TryParseAssignment()
    {
        // Walk raw positions (skipping continuations) without consuming, so a non-assignment costs nothing.
        var p = Skip(_pos);
        if (p >= _end || !IsNameStart(_text[p])) return null;
        var name = new StringBuilder();
        while (p < _end && IsNameChar(_text[p]))
        {
            name.Append(_text[p]);
            p = Skip(p + 1);
        }
        if (p < _end && _text[p] == '[')
        {
            var depth = 0;
            while (p < _end)
            {
                var ch = _text[p];
                if (ch == '\n' || IsBlank(ch)) return null;
                name.Append(ch);
                p = Skip(p + 1);
                if (ch == '[') depth++;
                else if (ch == ']' && --depth == 0) break;
            }
            if (depth != 0) return null;
        }
        var append = false;
        if (p < _end && _text[p] == '+')
        {
            var q = Skip(p + 1);
            if (q >= _end || _text[q] != '=') return null;
            append = true;
            p = q;
        }
        if (p >= _end || _text[p] != '=') return null;

        var start = _pos;
        _pos = p + 1;
        var k = p - start;
        if (Peek() == '(' && !AtEnd)
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
                    Error(_pos, _pos + 1, $"unexpected '{Peek()}' in array assignment");
                    Advance();
                    continue;
                }
                elements.Add(w);
            }
            if (!AtEnd && Peek() == ')') Advance();
            else Error(start, start + k + 2, "array assignment without matching ')'");
            return new ShellAssignment(M(start), M(_pos) - M(start), name.ToString(), append, null, elements.ToImmutable());
        }
        var value = ParseWord(WordMode.Normal) ?? new ShellWord(M(_pos), 0, ImmutableArray<ShellWordPart>.Empty);
        var end = Math.Max(value.End, M(_pos));
        if (value.Length == 0) end = M(_pos);
        return new ShellAssignment(M(start), end - M(start), name.ToString(), append, value, default);
    }

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

    // ---------------------------------------------------------------- words

    private enum WordMode
    {
        /// <summary>Ends at blanks, newlines and operators.</summary>
        Normal,
        /// <summary>Inside `[[ ]]`: also ends at `&amp;&amp;`, `||`, `(`, `)`, `&lt;`, `&gt;` is not special after the first char.</summary>
        TestBracket,
        /// <summary>The argument of `${x:-...}`: ends at the closing brace only.</summary>
        BraceArgument,
    }

    private ShellWord? ParseWord(WordMode mode)
    {
        var start = Skip(_pos);
        var parts = ParseParts(mode, out _);
        if (parts.Length == 0) return null;
        var s = parts[0].Start;
        var e = parts[parts.Length - 1].End;
        return new ShellWord(s, e - s, parts);
    }

    private ImmutableArray<ShellWordPart> ParseParts(WordMode mode, out bool sawClosingBrace)
    {
        sawClosingBrace = false;
        var parts = ImmutableArray.CreateBuilder<ShellWordPart>();
        var literal = new StringBuilder();
        var literalStart = -1;
        var literalEnd = -1;

        void Flush()
        {
            if (literalStart < 0) return;
            parts.Add(new ShellLiteralPart(M(literalStart), M(literalEnd) - M(literalStart), literal.ToString()));
            literal.Clear();
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
                    if (PeekAt(1) == '(' && mode == WordMode.Normal)
                    {
                        Flush();
                        var ps = ParseCommandSubstitution(c == '<' ? ShellSubstitutionKind.ProcessInput : ShellSubstitutionKind.ProcessOutput);
                        if (ps != null) parts.Add(ps);
                        continue;
                    }
                    break;
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
                        literal.Append('\\');
                        _pos++;
                        literalEnd = _pos;
                        continue;
                    }
                    Flush();
                    var escaped = _text[_pos + 1];
                    _pos += 2;
                    if (char.IsHighSurrogate(escaped) && _pos < _end && char.IsLowSurrogate(_text[_pos]))
                    {
                        parts.Add(new ShellEscapePart(M(s), M(_pos + 1) - M(s), new string(new[] { escaped, _text[_pos] })));
                        _pos++;
                    }
                    else parts.Add(new ShellEscapePart(M(s), M(_pos) - M(s), escaped.ToString()));
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
            literal.Append(c);
            _pos++;
            literalEnd = _pos;
        }
        Flush();
        return parts.ToImmutable();
    }

    private ShellWordPart ParseSingleQuoted()
    {
        var start = _pos;
        var close = _pos + 1 < _end ? _text.IndexOf('\'', _pos + 1, _end - _pos - 1) : -1;
        if (close < 0)
        {
            Error(start, start + 1, "unterminated single quote");
            _pos = _end;
            return new ShellSingleQuotedPart(M(start), M(_end) - M(start), _text.Substring(start + 1, Math.Max(0, _end - start - 1)), false);
        }
        _pos = close + 1;
        return new ShellSingleQuotedPart(M(start), M(_pos) - M(start), _text.Substring(start + 1, close - start - 1), false);
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
        var parts = ImmutableArray.CreateBuilder<ShellWordPart>();
        var literal = new StringBuilder();
        var literalStart = -1;
        var literalEnd = -1;

        void Flush()
        {
            if (literalStart < 0) return;
            parts.Add(new ShellLiteralPart(M(literalStart), M(literalEnd) - M(literalStart), literal.ToString()));
            literal.Clear();
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
                    parts.Add(new ShellEscapePart(M(_pos), M(_pos + 2) - M(_pos), n.ToString()));
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
            literal.Append(c);
            _pos++;
            literalEnd = _pos;
        }
        Flush();
        if (!closed) Error(start, start + openLength, "unterminated double quote");
        return new ShellDoubleQuotedPart(M(start), M(_pos) - M(start), parts.ToImmutable());
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
            var name = new StringBuilder();
            while (!AtEnd && IsNameChar(Peek()))
            {
                name.Append(Peek());
                Advance();
            }
            return new ShellParameterExpansion(M(start), M(_pos) - M(start), TextBetween(start, _pos), name.ToString(), false, null, null, null, null);
        }
        if ((c1 >= '0' && c1 <= '9') || c1 is '@' or '*' or '#' or '?' or '-' or '$' or '!')
        {
            if (AtEndAt(1)) return null;
            Advance(2);
            return new ShellParameterExpansion(M(start), M(_pos) - M(start), TextBetween(start, _pos), c1.ToString(), false, null, null, null, null);
        }
        return null;
    }

    private static readonly string[] ParameterOperators =
    {
        ":-", ":=", ":?", ":+", "-", "=", "?", "+", "##", "#", "%%", "%", "//", "/#", "/%", "/", "^^", "^", ",,", ",", ":", "@",
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
                    prefix = c.ToString();
                    Advance();
                }
            }
            var name = new StringBuilder();
            c = Peek();
            if (IsNameStart(c))
            {
                while (!AtEnd && IsNameChar(Peek()))
                {
                    name.Append(Peek());
                    Advance();
                }
            }
            else if (c >= '0' && c <= '9')
            {
                while (!AtEnd && Peek() >= '0' && Peek() <= '9')
                {
                    name.Append(Peek());
                    Advance();
                }
            }
            else if (!AtEnd && c is '@' or '*' or '#' or '?' or '-' or '$' or '!')
            {
                name.Append(c);
                Advance();
            }
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
                var parts = ParseParts(WordMode.BraceArgument, out _);
                argument = parts.Length > 0
                    ? new ShellWord(parts[0].Start, parts[parts.Length - 1].End - parts[0].Start, parts)
                    : new ShellWord(M(argStart), 0, ImmutableArray<ShellWordPart>.Empty);
            }
            if (name.Length == 0 && op == null) Error(start, Math.Max(start + 2, _pos + 1), "bad parameter expansion");
            if (!AtEnd && Peek() == '}') Advance();
            else Error(start, start + 2, "unterminated parameter expansion '${'");
            return new ShellParameterExpansion(M(start), M(_pos) - M(start), TextBetween(start, _pos), name.ToString(), true, prefix, subscript, op, argument);
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
            var lists = ImmutableArray.CreateBuilder<ShellCommandList>();
            ParseRecovering(lists, closeParen: true);
            var body = new ShellScript(M(bodyStart), M(Skip(_pos)) - M(bodyStart), lists.ToImmutable());
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
                Error(start, end, "constructs nested too deeply");
            }
            body = new ShellScript(M(start + 1), 0, ImmutableArray<ShellCommandList>.Empty);
        }
        else
        {
            var nested = new ShellParserCore(inner.ToString(), 0, inner.Length, map.ToArray(), _errors, _depth + 1, _budget);
            body = nested.ParseTopLevel();
        }
        return new ShellCommandSubstitution(M(start), M(end) - M(start), TextBetween(start, end), ShellSubstitutionKind.Backtick, body);
    }

    // ---------------------------------------------------------------- parents

    internal static void SetParents(ShellNode root)
    {
        foreach (var node in root.DescendantNodesAndSelf())
        {
            foreach (var child in node.ChildNodes())
                child.Parent = node;
            if (node is ShellRedirection { HereDocument: { } body }) body.Parent = node;
        }
    }
}
