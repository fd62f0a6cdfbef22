using System.Collections.Immutable;
using System.Text;

namespace Plimsoll.Syntax.Shell;

/// <summary>Simple and compound commands, assignments.</summary>
internal sealed partial class ShellParserCore
{
    // ---------------------------------------------------------------- commands

    private ShellCommand? ParseCommand()
    {
        if (AtEnd) return null;
        var keyword = PeekKeyword();
        if (Peek() == '(')
            return PeekAt(1) == '(' && Dialect == ShellDialect.Bash ? TryParseArithmeticCommand() ?? Nest(ParseSubshell) : Nest(ParseSubshell);
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

    /// <summary>bash `(( expression ))`; null when no matching `))` follows (then it is a nested subshell).</summary>
    private ShellCommand? TryParseArithmeticCommand()
    {
        var start = _pos;
        Advance(2);
        var exprStart = _pos;
        var close = FindArithmeticClose();
        if (close < 0)
        {
            _pos = start;
            return null;
        }
        _pos = close + 2;
        var end = M(_pos);
        var redirections = ParseTrailingRedirections(ref end);
        return new ShellArithmeticCommand(M(start), end - M(start), TextBetween(exprStart, close), redirections);
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
        var list = _builders.Redirections.Rent();
        while (Tick())
        {
            SkipBlanksAndComment();
            var r = TryParseRedirection();
            if (r == null) break;
            list.Add(r);
            end = r.End;
        }
        return _builders.Redirections.ToImmutableAndFree(list);
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
        var lists = _builders.Lists.Rent();
        var bodyStart = Skip(_pos);
        ParseRecovering(lists, closeParen: true);
        var body = new ShellScript(M(bodyStart), M(_pos) - M(bodyStart), _builders.Lists.ToImmutableAndFree(lists));
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
        var assignments = _builders.Assignments.Rent();
        var words = _builders.Words.Rent();
        var redirections = _builders.Redirections.Rent();
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
                        return NestFunction(start, fname);
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
            var w = ParseWord(testBracket ? WordMode.TestBracket
                : words.Count > 0 && IsDeclarationCommand(words[0]) ? WordMode.Declaration : WordMode.Normal);
            if (w == null) break;
            words.Add(w);
            end = w.End;
            if (words.Count == 1 && w.TryGetLiteralValue(out var v) && v == "[[" && !w.HasQuoting) testBracket = true;
            else if (testBracket && w.TryGetLiteralValue(out v) && v == "]]" && !w.HasQuoting) testBracket = false;
        }
        if (testBracket) Error(start, start + 2, "'[[' without matching ']]'");
        if (assignments.Count == 0 && words.Count == 0 && redirections.Count == 0) return null;
        return new SimpleCommand(M(start), end - M(start), _builders.Assignments.ToImmutableAndFree(assignments),
            _builders.Words.ToImmutableAndFree(words), _builders.Redirections.ToImmutableAndFree(redirections));
    }

    // Apart from ParseSimpleCommand: a lambda there capturing `start` would have its closure made for every command.
    private ShellCommand? NestFunction(int start, string name) => Nest(() => FinishFunction(start, name, start));

    /// <summary>Builtins whose `name=(a b)` arguments are array assignments.</summary>
    private static bool IsDeclarationCommand(ShellWord word) =>
        word.TryGetLiteralValue(out var v) && !word.HasQuoting && v is "declare" or "local" or "typeset" or "readonly" or "export";

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
        var w = new ShellWord(M(s), M(_pos) - M(s), part);
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
        var nameStart = p;
        while (p < _end && IsNameChar(_text[p])) p = Skip(p + 1);
        if (p < _end && _text[p] == '[')
        {
            var depth = 0;
            while (p < _end)
            {
                var ch = _text[p];
                if (ch == '\n' || IsBlank(ch)) return null;
                p = Skip(p + 1);
                if (ch == '[') depth++;
                else if (ch == ']' && --depth == 0) break;
            }
            if (depth != 0) return null;
        }
        var append = false;
        var nameEnd = p;
        if (p < _end && _text[p] == '+')
        {
            var q = Skip(p + 1);
            if (q >= _end || _text[q] != '=') return null;
            append = true;
            p = q;
        }
        if (p >= _end || _text[p] != '=') return null;

        var name = LogicalText(nameStart, nameEnd);
        var start = _pos;
        _pos = p + 1;
        var k = p - start;
        if (Peek() == '(' && !AtEnd)
        {
            var elements = ParseArrayElements("array assignment", start, start + k + 2);
            return new ShellAssignment(M(start), M(_pos) - M(start), name, append, null, elements);
        }
        var value = ParseWord(WordMode.Normal) ?? new ShellWord(M(_pos), 0, ImmutableArray<ShellWordPart>.Empty);
        var end = Math.Max(value.End, M(_pos));
        if (value.Length == 0) end = M(_pos);
        return new ShellAssignment(M(start), end - M(start), name, append, value, default);
    }
}
