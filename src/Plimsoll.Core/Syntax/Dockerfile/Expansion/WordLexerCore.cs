using System.Globalization;
using System.Text;

namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>
/// One run of the BuildKit word lexer over a range of text. In expand mode it produces the expanded text,
/// the words and BuildKit's errors; in scan mode (no lookup) it only records <see cref="VariableReference"/>s,
/// ignores errors that depend on values, and steps over a <c>${</c> that has no valid name. Both modes share
/// this one lexer so that the references the scanner reports are exactly the ones expansion evaluates.
/// </summary>
/// <remarks>
/// Positions are UTF-16 offsets; the only places where BuildKit's rune-by-rune reading differs from
/// char-by-char reading (names and the modifier character) read whole code points.
/// </remarks>
internal sealed class WordLexerCore
{
    private const int EndOfText = -1;

    // BuildKit (Go) recurses without limit; a .NET stack does not grow, so very deep nesting is an error here.
    private const int MaxNesting = 128;

    [ThreadStatic] private static WordLexerCore? t_cached;

    private readonly Stack<StringBuilder> _builders = new();
    private string _text = string.Empty;
    private int _start;
    private int _pos;
    private int _end;
    private char _escape;
    private bool _rawQuotes;
    private bool _rawEscapes;
    private bool _skipUnsetEnv;
    private bool _skipProcessQuotes;
    private Func<string, string?>? _lookup;
    private List<VariableReference>? _references;
    private HashSet<string>? _matched;
    private HashSet<string>? _unmatched;
    private int _depth;
    private int _maxLength = int.MaxValue;

    public string? Error { get; private set; }

    /// <summary>The last run failed at a limit of this lexer: a result beyond <see cref="WordLexer.MaxLength"/>, or nesting beyond <see cref="MaxNesting"/>.</summary>
    public bool LengthLimitReached { get; private set; }

    private bool Scanning => _lookup is null;

    /// <summary>A cached instance for this thread (a lookup callback that lexes again gets a fresh one).</summary>
    public static WordLexerCore Rent()
    {
        var core = t_cached;
        t_cached = null;
        return core ?? new WordLexerCore();
    }

    public static void Return(WordLexerCore core)
    {
        core._text = string.Empty;
        core._lookup = null;
        core._references = null;
        core._matched = null;
        core._unmatched = null;
        core.Error = null;
        t_cached = core;
    }

    public StringBuilder RentBuilder() => _builders.Count > 0 ? _builders.Pop() : new StringBuilder();

    public void ReturnBuilder(StringBuilder builder)
    {
        if (builder.Capacity > 4096) return;
        builder.Clear();
        _builders.Push(builder);
    }

    public void Configure(string text, int start, int end, WordLexer options, Func<string, string?> lookup, List<VariableReference>? references)
    {
        Reset(text, start, end, options.EscapeToken, references);
        _rawQuotes = options.RawQuotes;
        _rawEscapes = options.RawEscapes;
        _skipUnsetEnv = options.SkipUnsetEnv;
        _skipProcessQuotes = options.SkipProcessQuotes;
        _lookup = lookup;
        _maxLength = options.MaxLength;
    }

    public void ConfigureScan(string text, int start, int end, char escapeToken, bool skipProcessQuotes, List<VariableReference> references)
    {
        Reset(text, start, end, escapeToken, references);
        _skipProcessQuotes = skipProcessQuotes;
    }

    private void Reset(string text, int start, int end, char escapeToken, List<VariableReference>? references)
    {
        _text = text;
        _start = start;
        _pos = start;
        _end = end;
        _escape = escapeToken;
        _rawQuotes = _rawEscapes = _skipUnsetEnv = _skipProcessQuotes = false;
        _lookup = null;
        _references = references;
        _matched = _unmatched = null;
        _depth = 0;
        _maxLength = int.MaxValue;
        LengthLimitReached = false;
        Error = null;
    }

    public IReadOnlyCollection<string> TakeMatched() => (IReadOnlyCollection<string>?)_matched ?? Array.Empty<string>();

    public IReadOnlyCollection<string> TakeUnmatched() => (IReadOnlyCollection<string>?)_unmatched ?? Array.Empty<string>();

    /// <summary>Lexes the whole range; false (with <see cref="Error"/>) when BuildKit would fail.</summary>
    public bool Run(StringBuilder result, WordSplitter? words)
    {
        // Go's text/scanner drops a byte-order mark at the very start of its input.
        if (_pos < _end && _text[_pos] == '\uFEFF') _pos++;

        if (ProcessUntil(EndOfText, _rawEscapes, result, words)) return true;
        Error = "failed to process " + GoText.Quote(_text.Substring(_start, _end - _start)) + ": " + Error;
        return false;
    }

    private int Peek() => _pos < _end ? _text[_pos] : EndOfText;

    /// <summary>Reads one code point (a surrogate pair as one); <see cref="EndOfText"/> at the end.</summary>
    private int NextRune()
    {
        if (_pos >= _end) return EndOfText;
        var ch = _text[_pos++];
        if (char.IsHighSurrogate(ch) && _pos < _end && char.IsLowSurrogate(_text[_pos]))
        {
            return char.ConvertToUtf32(ch, _text[_pos++]);
        }
        return ch;
    }

    /// <summary>
    /// Lexes until <paramref name="stop"/> (consumed) or the end. Escapes are kept in the output when
    /// <paramref name="rawEscapes"/> (BuildKit turns this on for patterns and turns it off for other operands).
    /// </summary>
    private bool ProcessUntil(int stop, bool rawEscapes, StringBuilder result, WordSplitter? words)
    {
        var savedRawEscapes = _rawEscapes;
        _rawEscapes = rawEscapes;
        try
        {
            while (_pos < _end)
            {
                var ch = _text[_pos];
                if (ch == stop)
                {
                    _pos++;
                    return true;
                }

                var mark = result.Length;
                if (ch == '$')
                {
                    if (!ProcessDollar(result)) return false;
                    words?.AddExpanded(result, mark);
                    continue;
                }

                if (!_skipProcessQuotes && (ch == '\'' || ch == '"'))
                {
                    if (!(ch == '\'' ? ProcessSingleQuote(result) : ProcessDoubleQuote(result))) return false;
                    words?.AddQuoted(result, mark);
                    continue;
                }

                _pos++;
                if (ch == _escape)
                {
                    if (_rawEscapes)
                    {
                        words?.AddRawChar(ch);
                        result.Append(ch);
                    }

                    // A trailing escape is dropped.
                    if (_pos >= _end) break;
                    ch = _text[_pos++];
                    words?.AddRawChar(ch);
                }
                else
                {
                    words?.AddChar(ch);
                }
                result.Append(ch);
            }

            if (stop != EndOfText)
            {
                Error = "unexpected end of statement while looking for matching " + (char)stop;
                return false;
            }
            return true;
        }
        finally
        {
            _rawEscapes = savedRawEscapes;
        }
    }

    /// <summary>Everything up to the next single quote is literal; there is no escape inside.</summary>
    private bool ProcessSingleQuote(StringBuilder result)
    {
        var quote = _text[_pos++];
        if (_rawQuotes) result.Append(quote);
        while (true)
        {
            if (_pos >= _end)
            {
                Error = "unexpected end of statement while looking for matching single-quote";
                return false;
            }
            var ch = _text[_pos++];
            if (ch == '\'')
            {
                if (_rawQuotes) result.Append(ch);
                return true;
            }
            result.Append(ch);
        }
    }

    /// <summary>
    /// Variables expand inside double quotes; the escape character escapes only <c>"</c>, <c>$</c> and itself
    /// and is otherwise kept.
    /// </summary>
    private bool ProcessDoubleQuote(StringBuilder result)
    {
        var quote = _text[_pos++];
        if (_rawQuotes) result.Append(quote);
        while (true)
        {
            if (_pos >= _end)
            {
                Error = "unexpected end of statement while looking for matching double-quote";
                return false;
            }

            var ch = _text[_pos];
            if (ch == '"')
            {
                _pos++;
                if (_rawQuotes) result.Append(ch);
                return true;
            }

            if (ch == '$')
            {
                if (!ProcessDollar(result)) return false;
                continue;
            }

            _pos++;
            if (ch == _escape)
            {
                if (_rawEscapes) result.Append(ch);
                if (_pos >= _end) continue;
                var next = _text[_pos];
                if (next == '"' || next == '$' || next == _escape)
                {
                    ch = next;
                    _pos++;
                }
            }
            result.Append(ch);
        }
    }

    private bool ProcessDollar(StringBuilder output)
    {
        if (_depth >= MaxNesting)
        {
            // A limit of this lexer, not of BuildKit: the word is not wrong, it is not analysed.
            LengthLimitReached = true;
            Error = "syntax error: variable substitutions nested too deeply";
            return false;
        }

        _depth++;
        try
        {
            if (!ProcessDollarCore(output)) return false;
            if (output.Length <= _maxLength) return true;
            return LengthLimit();
        }
        finally
        {
            _depth--;
        }
    }

    private bool LengthLimit()
    {
        LengthLimitReached = true;
        Error = "the expansion is longer than " + _maxLength.ToString(CultureInfo.InvariantCulture) + " characters";
        return false;
    }

    private bool ProcessDollarCore(StringBuilder output)
    {
        var dollar = _pos++;

        if (Peek() != '{')
        {
            var nameStart = _pos;
            var name = ReadName();
            if (name.Length == 0)
            {
                output.Append('$');
                return true;
            }

            AddReference(new VariableReference(dollar, _pos - dollar, name, nameStart, VariableOperator.None, -1, -1, IsBraced: false, IsTerminated: true));
            if (Scanning) return true;
            var value = GetEnv(name);
            if (value is null && _skipUnsetEnv) output.Append('$').Append(name);
            else output.Append(value);
            return true;
        }

        _pos++;
        var first = Peek();
        if (first == EndOfText)
        {
            Error = "syntax error: missing '}'";
            return false;
        }
        if (first == '{' || first == '}' || first == ':')
        {
            // Not a reference; the scanner resumes right after "${".
            if (Scanning) return true;
            Error = "syntax error: bad substitution";
            return false;
        }

        var braceNameStart = _pos;
        var braceName = ReadName();
        var modifier = NextRune();
        switch (modifier)
        {
            case '}':
                AddReference(new VariableReference(dollar, _pos - dollar, braceName, braceNameStart, VariableOperator.None, -1, -1, IsBraced: true, IsTerminated: true));
                if (Scanning) return true;
                var value = GetEnv(braceName);
                if (value is null && _skipUnsetEnv) output.Append("${").Append(braceName).Append('}');
                else output.Append(value);
                return true;

            case ':':
            case '+':
            case '-':
            case '?':
            case '#':
            case '%':
                return ProcessModifier(dollar, braceName, braceNameStart, modifier, output);

            case '/':
                return ProcessReplacement(dollar, braceName, braceNameStart, output);

            default:
                if (!Scanning)
                {
                    Error = "unsupported modifier (" + RuneText(modifier) + ") in substitution";
                    return false;
                }
                if (braceName.Length == 0)
                {
                    // "${.}" and the like: not a reference; resume after "${".
                    _pos = braceNameStart;
                    return true;
                }
                if (modifier == EndOfText)
                {
                    AddReference(new VariableReference(dollar, _end - dollar, braceName, braceNameStart, VariableOperator.None, -1, -1, IsBraced: true, IsTerminated: false));
                    return true;
                }
                return ProcessModifier(dollar, braceName, braceNameStart, modifier, output);
        }
    }

    /// <summary><c>${name[:]op operand}</c> for the default, alternate, error and trim operators.</summary>
    private bool ProcessModifier(int dollar, string name, int nameStart, int modifier, StringBuilder output)
    {
        var modifierText = RuneText(modifier);
        var op = modifier;
        var nullIsUnset = false;
        if (modifier == ':')
        {
            // BuildKit accepts any operator after ':' here, so ${A:#x} trims like ${A#x}.
            nullIsUnset = true;
            op = NextRune();
            modifierText += RuneText(op);
        }

        var slot = ReserveReference();
        var operandStart = _pos;
        var kind = Classify(op, nullIsUnset, operandStart);
        var operandTokenStart = kind is VariableOperator.RemoveLongestPrefix or VariableOperator.RemoveLongestSuffix ? operandStart + 1 : operandStart;

        var operand = RentBuilder();
        try
        {
            if (!ProcessUntil('}', op == '#' || op == '%', operand, words: null))
            {
                SetReference(slot, new VariableReference(dollar, _end - dollar, name, nameStart, kind, operandTokenStart, _end - operandTokenStart, IsBraced: true, IsTerminated: false));
                if (Peek() == EndOfText) Error = "syntax error: missing '}'";
                return false;
            }

            var closingBrace = _pos - 1;
            SetReference(slot, new VariableReference(dollar, _pos - dollar, name, nameStart, kind, operandTokenStart, closingBrace - operandTokenStart, IsBraced: true, IsTerminated: true));
            if (Scanning) return true;

            var word = operand.ToString();
            var value = GetEnv(name);
            var isSet = value is not null;
            if (_skipUnsetEnv && !isSet)
            {
                output.Append("${").Append(name).Append(modifierText).Append(word).Append('}');
                return true;
            }

            var isNull = !isSet || (nullIsUnset && value!.Length == 0);
            switch (op)
            {
                case '-':
                    output.Append(isNull ? word : value);
                    return true;
                case '+':
                    if (!isNull) output.Append(word);
                    return true;
                case '?':
                    if (!isSet)
                    {
                        Error = name + ": " + (word.Length != 0 ? word : "is not allowed to be unset");
                        return false;
                    }
                    if (isNull)
                    {
                        Error = name + ": " + (word.Length != 0 ? word : "is not allowed to be empty");
                        return false;
                    }
                    output.Append(value);
                    return true;
                case '#':
                case '%':
                    // The doubled operator is recognised on the expanded operand, as BuildKit does.
                    var longest = word.Length > 0 && word[0] == op;
                    if (longest) word = word.Substring(1);
                    var trimmed = op == '#'
                        ? ShellPattern.TrimPrefix(word, value ?? string.Empty, longest, out var error)
                        : ShellPattern.TrimSuffix(word, value ?? string.Empty, longest, out error);
                    if (trimmed is null)
                    {
                        Error = error;
                        return false;
                    }
                    output.Append(trimmed);
                    return true;
                default:
                    Error = "unsupported modifier (" + modifierText + ") in substitution";
                    return false;
            }
        }
        finally
        {
            ReturnBuilder(operand);
        }
    }

    /// <summary><c>${name/pattern/replacement}</c> and <c>${name//pattern/replacement}</c>.</summary>
    private bool ProcessReplacement(int dollar, string name, int nameStart, StringBuilder output)
    {
        var all = Peek() == '/';
        if (all) _pos++;
        var kind = all ? VariableOperator.ReplaceAll : VariableOperator.ReplaceFirst;

        var slot = ReserveReference();
        var patternStart = _pos;
        var pattern = RentBuilder();
        var replacement = RentBuilder();
        try
        {
            if (!ProcessUntil('/', rawEscapes: true, pattern, words: null))
            {
                SetReference(slot, new VariableReference(dollar, _end - dollar, name, nameStart, kind, patternStart, _end - patternStart, IsBraced: true, IsTerminated: false));
                if (Peek() == EndOfText) Error = "syntax error: missing '/' in ${}";
                return false;
            }

            var replacementStart = _pos;
            if (!ProcessUntil('}', rawEscapes: true, replacement, words: null))
            {
                SetReference(slot, new VariableReference(dollar, _end - dollar, name, nameStart, kind, patternStart, _end - patternStart, IsBraced: true, IsTerminated: false, replacementStart));
                if (Peek() == EndOfText) Error = "syntax error: missing '}'";
                return false;
            }

            var closingBrace = _pos - 1;
            SetReference(slot, new VariableReference(dollar, _pos - dollar, name, nameStart, kind, patternStart, closingBrace - patternStart, IsBraced: true, IsTerminated: true, replacementStart));
            if (Scanning) return true;

            var patternText = pattern.ToString();
            var replacementText = replacement.ToString();
            var value = GetEnv(name);
            if (_skipUnsetEnv && value is null)
            {
                // BuildKit writes a single '/' back even for "//".
                output.Append("${").Append(name).Append('/').Append(patternText).Append('/').Append(replacementText).Append('}');
                return true;
            }

            var compiled = ShellPattern.Parse(patternText, out var error);
            if (compiled is null)
            {
                Error = "invalid pattern (" + patternText + ") in substitution: " + error;
                return false;
            }
            // Each match (an empty pattern matches everywhere) adds the replacement: bound the result before building it.
            long longest = (value?.Length ?? 0) + ((value?.Length ?? 0) + 1L) * replacementText.Length;
            if (output.Length + longest > _maxLength) return LengthLimit();
            output.Append(all
                ? compiled.ReplaceAll(value ?? string.Empty, replacementText)
                : compiled.ReplaceFirst(value ?? string.Empty, replacementText));
            return true;
        }
        finally
        {
            ReturnBuilder(replacement);
            ReturnBuilder(pattern);
        }
    }

    /// <summary>
    /// A name: a run of digits (positional), one special parameter (<c>@ * # ? - $ ! 0</c>), or letters,
    /// digits and underscores. Empty when none of these follows.
    /// </summary>
    private string ReadName()
    {
        var start = _pos;
        if (_pos >= _end) return string.Empty;

        if (IsDigitAt(_pos, out var width))
        {
            while (_pos < _end && IsDigitAt(_pos, out width)) _pos += width;
            return _text.Substring(start, _pos - start);
        }

        switch (_text[_pos])
        {
            case '@':
            case '*':
            case '#':
            case '?':
            case '-':
            case '$':
            case '!':
                _pos++;
                return _text.Substring(start, 1);
        }

        while (_pos < _end)
        {
            if (_text[_pos] == '_')
            {
                _pos++;
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(_text, _pos);
            if (!IsLetter(category) && category != UnicodeCategory.DecimalDigitNumber) break;
            _pos += CodePointWidth(_pos);
        }
        return _text.Substring(start, _pos - start);
    }

    private bool IsDigitAt(int index, out int width)
    {
        width = CodePointWidth(index);
        return CharUnicodeInfo.GetUnicodeCategory(_text, index) == UnicodeCategory.DecimalDigitNumber;
    }

    private int CodePointWidth(int index)
        => char.IsHighSurrogate(_text[index]) && index + 1 < _end && char.IsLowSurrogate(_text[index + 1]) ? 2 : 1;

    private static bool IsLetter(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;

    private VariableOperator Classify(int op, bool colon, int operandStart)
    {
        var doubled = operandStart < _end && _text[operandStart] == op;
        return op switch
        {
            '-' => colon ? VariableOperator.DefaultIfUnsetOrEmpty : VariableOperator.DefaultIfUnset,
            '+' => colon ? VariableOperator.AlternateIfSetAndNotEmpty : VariableOperator.AlternateIfSet,
            '?' => colon ? VariableOperator.ErrorIfUnsetOrEmpty : VariableOperator.ErrorIfUnset,
            '#' => doubled ? VariableOperator.RemoveLongestPrefix : VariableOperator.RemoveShortestPrefix,
            '%' => doubled ? VariableOperator.RemoveLongestSuffix : VariableOperator.RemoveShortestSuffix,
            _ => VariableOperator.Unsupported,
        };
    }

    /// <summary>Go's <c>string(rune)</c>: the end of input reads as U+FFFD.</summary>
    private static string RuneText(int rune)
    {
        if (rune < 0) return "\uFFFD";
        return rune < 0x10000 ? ((char)rune).ToString() : char.ConvertFromUtf32(rune);
    }

    private string? GetEnv(string name)
    {
        var value = _lookup!(name);
        if (value is null) (_unmatched ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        else (_matched ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        return value;
    }

    private void AddReference(VariableReference reference) => _references?.Add(reference);

    // An outer reference is recorded before the ones nested in its operand, so its slot is taken first.
    private int ReserveReference()
    {
        if (_references is null) return -1;
        _references.Add(default);
        return _references.Count - 1;
    }

    private void SetReference(int slot, VariableReference reference)
    {
        if (slot >= 0) _references![slot] = reference;
    }
}
