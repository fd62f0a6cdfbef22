using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;

namespace Plimsoll.Syntax.Shell;

/// <summary>The recursive-descent parser behind <see cref="ShellParser"/>: state, characters, lists and pipelines.</summary>
internal sealed partial class ShellParserCore
{
    private const char Eof = '\0';
    private const int MaxDepth = 100;

    private readonly string _text;
    private readonly int _end;
    private readonly int[]? _map;
    private readonly List<ShellSyntaxError> _errors;
    private readonly ShellParserBudget _budget;
    private readonly List<PendingHereDocument> _pendingHereDocuments = new();
    private readonly Builders _builders;
    private int _pos;
    private int _depth;
    // PeekKeyword's last answer and the position it was read at.
    private int _keywordAt = -1;
    private string? _keyword;
    private bool _reportedTooDeep;

    /// <summary>
    /// The builder pools of one thread, kept between parses: a RUN script is small, so pools made per parse would cost
    /// about as much as the builders they save. Taken by <see cref="Rent"/> and given back by <see cref="Return"/>, so a
    /// re-entrant parse on the same thread simply gets fresh pools.
    /// </summary>
    internal sealed class Builders
    {
        [ThreadStatic] private static Builders? s_cached;

        public readonly BuilderPool<ShellWordPart> Parts = new();
        public readonly BuilderPool<ShellWord> Words = new();
        public readonly BuilderPool<ShellAssignment> Assignments = new();
        public readonly BuilderPool<ShellRedirection> Redirections = new();
        public readonly BuilderPool<ShellCommand> Commands = new();
        public readonly BuilderPool<ShellPipeline> Pipelines = new();
        public readonly BuilderPool<ShellCommandList> Lists = new();
        public readonly BuilderPool<ShellAndOrOperator> Operators = new();
        public readonly BuilderPool<int> Offsets = new();

        public static Builders Rent()
        {
            var builders = s_cached ?? new Builders();
            s_cached = null;
            return builders;
        }

        public static void Return(Builders builders) => s_cached = builders;
    }

    /// <summary>
    /// Reusable <see cref="ImmutableArray{T}.Builder"/>s: the parser fills one per word, command, pipeline and list, but
    /// only a few are in use at once, so renting them avoids a builder and its array per node.
    /// </summary>
    internal sealed class BuilderPool<T>
    {
        private readonly Stack<ImmutableArray<T>.Builder> _free = new();

        public ImmutableArray<T>.Builder Rent() => _free.Count > 0 ? _free.Pop() : ImmutableArray.CreateBuilder<T>();

        public ImmutableArray<T> ToImmutableAndFree(ImmutableArray<T>.Builder builder)
        {
            var result = builder.ToImmutable();
            Free(builder);
            return result;
        }

        /// <summary>Gives the builder back without making an array of what it holds.</summary>
        public void Free(ImmutableArray<T>.Builder builder)
        {
            builder.Clear();
            _free.Push(builder);
        }
    }

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
    public ShellParserCore(string text, int start, int end, int[]? map, List<ShellSyntaxError> errors, int depth, ShellParserBudget budget,
        Builders builders)
    {
        _builders = builders;
        _text = text;
        _pos = start;
        _end = end;
        _map = map;
        _errors = errors;
        _depth = depth;
        _budget = budget;
    }

    /// <summary>The shell language: decides whether <c>((</c> starts an arithmetic command or two subshells.</summary>
    public ShellDialect Dialect { get; init; } = ShellDialect.Bash;

    // ---------------------------------------------------------------- positions and characters

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int M(int p) => _map == null ? p : MapNested(p);

    private int MapNested(int p)
    {
        if (p < 0) p = 0;
        var map = _map!;
        if (p >= map.Length) p = map.Length - 1;
        return map[p];
    }

    private void Error(int start, int end, string message) => Error(start, end, message, isLimit: false);

    /// <summary>The parser stops here at one of its limits: the rest of the input is not in the tree.</summary>
    private void LimitError(int start, int end, string message) => Error(start, end, message, isLimit: true);

    private void Error(int start, int end, string message, bool isLimit)
    {
        if (end > _end) end = _end;
        if (start > end) start = end;
        var s = M(start);
        var e = M(end);
        if (e < s) e = s;
        _errors.Add(new ShellSyntaxError(s, e - s, message) { IsLimit = isLimit });
    }

    /// <summary>Skips line continuations (backslash-newline) at <paramref name="p"/>.</summary>
    /// <remarks>Called for nearly every character read, so the common case (no backslash) is an inlined test.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Skip(int p) => p < _end && _text[p] == '\\' ? SkipContinuations(p) : p;

    private int SkipContinuations(int p)
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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            _pos = Skip(_pos);
            return _pos >= _end;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Tick() => --_budget.Steps > 0 || BudgetExhausted();

    private bool BudgetExhausted()
    {
        if (_budget.Steps == 0) LimitError(_pos, _end, "input too complex to parse");
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
            LimitError(_pos, _end, "constructs nested more than " + MaxDepth + " levels deep");
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

    // One pass over the text (the hottest loop of a parse): what `while (!AtEnd && IsBlank(Peek())) Advance();` does,
    // continuations skipped, without re-testing them three times per blank.
    private void SkipBlanks()
    {
        int p = _pos;
        while (p < _end)
        {
            char c = _text[p];
            if (IsBlank(c)) p++;
            else if (c == '\\' && SkipContinuations(p) is var next && next != p) p = next;
            else break;
        }
        _pos = p;
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
    /// <remarks>
    /// Called before nearly every token, so it reads into a stack buffer and returns the interned keyword: no allocation.
    /// A command's start is asked three times (a negation, a closing keyword, a compound command): the last answer is
    /// kept with its position, which is all it depends on.
    /// </remarks>
    private string? PeekKeyword()
    {
        var p = Skip(_pos);
        if (p == _keywordAt) return _keyword;
        _keywordAt = p;
        return _keyword = ReadKeyword(p);
    }

    private string? ReadKeyword(int p)
    {
        Span<char> word = stackalloc char[9];
        var n = 0;
        while (n < word.Length && p < _end)
        {
            var c = _text[p];
            if (!((c >= 'a' && c <= 'z') || c == '{' || c == '}' || c == '!' || c == '[' || c == ']')) break;
            word[n++] = c;
            p = Skip(p + 1);
        }
        if (n == 0) return null;
        if (p < _end && !IsDelimiterAfterKeyword(_text[p])) return null;
        return Keyword(word.Slice(0, n));
    }

    // A switch on the span (the compiler tests length and characters), not a scan of a keyword list: asked at the
    // start of every command word.
    private static string? Keyword(ReadOnlySpan<char> word) => word switch
    {
        "if" => "if", "then" => "then", "elif" => "elif", "else" => "else", "fi" => "fi", "do" => "do", "done" => "done",
        "case" => "case", "esac" => "esac", "while" => "while", "until" => "until", "for" => "for", "in" => "in",
        "function" => "function", "{" => "{", "}" => "}", "!" => "!", "[[" => "[[",
        _ => null,
    };

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

    /// <summary>`time` followed by a compound command (`time (…)`, `time { …; }`, `time -p if …`).</summary>
    private bool AtTimedCompound()
    {
        if (!(PeekAt(0) == 't' && PeekAt(1) == 'i' && PeekAt(2) == 'm' && PeekAt(3) == 'e' && IsBlank(PeekAt(4)))) return false;
        var save = _pos;
        Advance(4);
        SkipBlanks();
        if (Peek() == '-' && PeekAt(1) == 'p' && IsBlank(PeekAt(2)))
        {
            Advance(2);
            SkipBlanks();
        }
        var k = PeekKeyword();
        var result = Peek() == '(' || k is "{" or "if" or "for" or "while" or "until" or "case" or "[[";
        _pos = save;
        return result;
    }

    private bool AtClosingKeyword() => PeekKeyword() is "then" or "elif" or "else" or "fi" or "do" or "done" or "esac" or "}";

    private bool AtCaseTerminator() => Peek() == ';' && (PeekAt(1) == ';' || PeekAt(1) == '&');

    // ---------------------------------------------------------------- scripts and lists

    public ShellScript ParseTopLevel()
    {
        var start = Skip(_pos);
        var lists = _builders.Lists.Rent();
        ParseRecovering(lists, closeParen: false);
        foreach (var pending in _pendingHereDocuments)
        {
            var r = pending.Redirection;
            _errors.Add(new ShellSyntaxError(r.Start, r.Length, $"here-document '{pending.Delimiter}' has no body"));
        }
        _pendingHereDocuments.Clear();
        return new ShellScript(M(start), M(_end) - M(start), _builders.Lists.ToImmutableAndFree(lists));
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
        end > start && end <= _text.Length ? Plimsoll.Text.SharedStrings.Substring(_text, start, end - start) : string.Empty;

    /// <summary>
    /// The characters in [<paramref name="start"/>, <paramref name="end"/>) with line continuations removed, as the
    /// character-by-character readers (<see cref="Peek"/>/<see cref="Advance"/>) see them; a plain substring when there are none.
    /// </summary>
    private string LogicalText(int start, int end)
    {
        if (end <= start) return string.Empty;
        if (_text.IndexOf('\\', start, end - start) < 0) return Plimsoll.Text.SharedStrings.Substring(_text, start, end - start);
        var sb = new StringBuilder(end - start);
        for (var p = Skip(start); p < end; p = Skip(p + 1)) sb.Append(_text[p]);
        return sb.ToString();
    }

    private static readonly string[] AsciiStrings = CreateAsciiStrings();

    private static string[] CreateAsciiStrings()
    {
        var strings = new string[128];
        for (var i = 0; i < strings.Length; i++) strings[i] = ((char)i).ToString();
        return strings;
    }

    /// <summary>A one-character string, shared for ASCII (escapes and one-character parameter names are common).</summary>
    private static string CharString(char c) => c < 128 ? AsciiStrings[c] : c.ToString();

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
        var lists = _builders.Lists.Rent();
        ParseLists(lists);
        var end = lists.Count > 0 ? lists[lists.Count - 1].End : M(start);
        return new ShellScript(M(start), end - M(start), _builders.Lists.ToImmutableAndFree(lists));
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
        var pipelines = _builders.Pipelines.Rent();
        var operators = _builders.Operators.Rent();
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
        if (pipelines.Count == 1)
        {
            var single = pipelines[0];
            _builders.Pipelines.Free(pipelines);
            _builders.Operators.Free(operators);
            return new ShellCommandList(M(start), end - M(start), single, separator, separatorStart);
        }
        return new ShellCommandList(M(start), end - M(start), _builders.Pipelines.ToImmutableAndFree(pipelines),
            _builders.Operators.ToImmutableAndFree(operators), separator, separatorStart);
    }

    private ShellPipeline? ParsePipeline()
    {
        SkipBlanksAndComment();
        var start = _pos;
        var negated = false;
        var timed = false;
        if (AtTimedCompound())
        {
            // bash `time` keyword before a compound command; before a simple command it stays a command (a wrapper).
            timed = true;
            Advance(4);
            SkipBlanks();
            if (Peek() == '-' && PeekAt(1) == 'p' && IsDelimiterAfterKeyword(PeekAt(2))) Advance(2);
            SkipBlanksAndComment();
        }
        if (PeekKeyword() == "!")
        {
            negated = true;
            Advance();
            SkipBlanksAndComment();
        }
        var commands = _builders.Commands.Rent();
        var pipes = _builders.Offsets.Rent();
        var first = CanStartCommand() && !AtClosingKeyword() ? ParseCommand() : null;
        if (first == null)
        {
            if (!negated) return null;
            Error(start, start + 1, "expected a command after '!'");
            return new ShellPipeline(M(start), M(start + 1) - M(start), true, commands.ToImmutable(), pipes.ToImmutable(), timed);
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
        if (commands.Count == 1)
        {
            var single = commands[0];
            _builders.Commands.Free(commands);
            _builders.Offsets.Free(pipes);
            return new ShellPipeline(M(start), end - M(start), negated, single, timed);
        }
        return new ShellPipeline(M(start), end - M(start), negated, _builders.Commands.ToImmutableAndFree(commands),
            _builders.Offsets.ToImmutableAndFree(pipes), timed);
    }
}
