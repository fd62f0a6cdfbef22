using System.Globalization;
using System.Text;

namespace Plimsoll.Analysis.Configuration;

/// <summary>
/// An EditorConfig section name compiled to a small automaton: <c>*</c>, <c>**</c>, <c>?</c>,
/// <c>[seq]</c>, <c>[!seq]</c>, <c>{a,b}</c> (nestable), <c>{n1..n2}</c> and <c>\</c> escapes, as the
/// EditorConfig specification and its core tests define them.
/// </summary>
/// <remarks>
/// Matching simulates the automaton position by position (no backtracking), so a hostile pattern
/// costs at most pattern size × path length² steps and can never hang. A numeric range tries every
/// digit run, so <c>file{1..3}*</c> matches <c>file12</c> (1, then "2" for the star), which a
/// regular expression with one capture group would miss.
/// </remarks>
internal sealed class EditorConfigGlob
{
    // Deeper brace nesting is taken literally: real section names never come close.
    private const int MaxBraceDepth = 32;

    private readonly State[] _states;
    private readonly int _start;
    private readonly string _literalSuffix;

    private EditorConfigGlob(State[] states, int start, bool hasSlash, string literalSuffix)
    {
        _states = states;
        _start = start;
        HasSlash = hasSlash;
        _literalSuffix = literalSuffix;
    }

    /// <summary>True when the section name contains a <c>/</c> outside brackets, which anchors it to the file's directory.</summary>
    public bool HasSlash { get; }

    /// <summary>
    /// Compiles a section name. A name with a <c>/</c> is relative to the .editorconfig directory
    /// (a leading <c>/</c> changes nothing); a name without one matches at any depth below it.
    /// </summary>
    public static EditorConfigGlob Compile(string sectionName)
    {
        bool hasSlash = ContainsSlash(Tokenize(sectionName, 0, sectionName.Length, 0));
        // Both forms are matched against "/" + the path relative to the directory, so that
        // "/**/" (zero or more directories) also covers a leading "**/".
        string anchored = hasSlash
            ? "/" + (sectionName.StartsWith("/", StringComparison.Ordinal) ? sectionName.Substring(1) : sectionName)
            : "/**/" + sectionName;
        var tokens = Tokenize(anchored, 0, anchored.Length, 0);
        var builder = new List<State>();
        int accept = Add(builder, new State(StateKind.Accept));
        int start = Build(builder, tokens, accept);
        // Most sections fail on their ending ("*.yaml" against a Dockerfile): check that first.
        var suffix = new StringBuilder();
        for (int i = tokens.Count - 1; i >= 0 && tokens[i].Kind == TokenKind.Literal; i--) suffix.Insert(0, tokens[i].Literal);
        return new EditorConfigGlob(builder.ToArray(), start, hasSlash, suffix.ToString());
    }

    /// <summary>Matches a path relative to the .editorconfig directory, with <c>/</c> separators and no leading slash.</summary>
    public bool IsMatch(string relativePath)
    {
        string text = "/" + relativePath;
        if (!text.EndsWith(_literalSuffix, StringComparison.Ordinal)) return false;
        int n = text.Length;
        int count = _states.Length;
        // reached[pos * count + state]: the state is active before consuming text[pos].
        var reached = new bool[(n + 1) * count];
        var work = new Stack<int>();
        Activate(reached, work, 0, count, _start);
        for (int pos = 0; pos <= n; pos++)
        {
            int row = pos * count;
            for (int s = 0; s < count; s++)
            {
                if (!reached[row + s]) continue;
                var state = _states[s];
                if (state.Kind == StateKind.Accept)
                {
                    if (pos == n) return true;
                    continue;
                }
                if (pos == n) continue;
                char c = text[pos];
                switch (state.Kind)
                {
                    case StateKind.Literal:
                        if (c == state.Literal) Activate(reached, work, pos + 1, count, state.Next);
                        break;
                    case StateKind.AnyButSlash:
                        if (c != '/') Activate(reached, work, pos + 1, count, state.Next);
                        break;
                    case StateKind.Star:
                        if (c != '/') Activate(reached, work, pos + 1, count, s);
                        break;
                    case StateKind.GlobStar:
                        Activate(reached, work, pos + 1, count, s);
                        break;
                    case StateKind.Class:
                        if (c != '/' && state.Class!.Matches(c)) Activate(reached, work, pos + 1, count, state.Next);
                        break;
                    case StateKind.Number:
                        foreach (int end in NumberEnds(text, pos, state.Min, state.Max))
                        {
                            Activate(reached, work, end, count, state.Next);
                        }
                        break;
                }
            }
        }
        return false;
    }

    // Marks a state active at a position, together with everything reachable without consuming.
    private void Activate(bool[] reached, Stack<int> work, int pos, int count, int state)
    {
        int row = pos * count;
        work.Push(state);
        while (work.Count > 0)
        {
            int s = work.Pop();
            if (reached[row + s]) continue;
            reached[row + s] = true;
            var st = _states[s];
            if (st.Kind == StateKind.Split)
            {
                foreach (int next in st.Alternatives!) work.Push(next);
            }
            else if (st.Kind == StateKind.Star || st.Kind == StateKind.GlobStar)
            {
                work.Push(st.Next);
            }
        }
    }

    // Ends of the canonical integers (no leading zeros, optional '-') that start at pos and lie in range.
    private static IEnumerable<int> NumberEnds(string text, int pos, long min, long max)
    {
        int i = pos;
        bool negative = i < text.Length && text[i] == '-';
        if (negative) i++;
        int digitsStart = i;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9' && i - digitsStart < 18) i++;
        for (int end = digitsStart + 1; end <= i; end++)
        {
            if (text[digitsStart] == '0' && end > digitsStart + 1) break; // "060" is not a number here
            long value = long.Parse(text.Substring(digitsStart, end - digitsStart), CultureInfo.InvariantCulture);
            if (negative) value = -value;
            if (value >= min && value <= max) yield return end;
        }
    }

    private static int Add(List<State> states, State state)
    {
        states.Add(state);
        return states.Count - 1;
    }

    // Builds right to left: each token is compiled knowing the state that follows it.
    private static int Build(List<State> states, List<Token> tokens, int next)
    {
        for (int i = tokens.Count - 1; i >= 0; i--)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Literal:
                    next = Add(states, new State(StateKind.Literal) { Literal = token.Literal, Next = next });
                    break;
                case TokenKind.Question:
                    next = Add(states, new State(StateKind.AnyButSlash) { Next = next });
                    break;
                case TokenKind.Star:
                    next = Add(states, new State(StateKind.Star) { Next = next });
                    break;
                case TokenKind.GlobStar:
                    next = Add(states, new State(StateKind.GlobStar) { Next = next });
                    break;
                case TokenKind.DirectoryGlobStar:
                {
                    // "/**/": a slash, then either nothing more or anything ending in a slash.
                    int slashAfter = Add(states, new State(StateKind.Literal) { Literal = '/', Next = next });
                    int any = Add(states, new State(StateKind.GlobStar) { Next = slashAfter });
                    int choice = Add(states, new State(StateKind.Split) { Alternatives = new[] { next, any } });
                    next = Add(states, new State(StateKind.Literal) { Literal = '/', Next = choice });
                    break;
                }
                case TokenKind.Class:
                    next = Add(states, new State(StateKind.Class) { Class = token.Class, Next = next });
                    break;
                case TokenKind.Number:
                    next = Add(states, new State(StateKind.Number) { Min = token.Min, Max = token.Max, Next = next });
                    break;
                case TokenKind.Alternation:
                {
                    var starts = new int[token.Alternatives!.Count];
                    for (int a = 0; a < starts.Length; a++) starts[a] = Build(states, token.Alternatives[a], next);
                    next = Add(states, new State(StateKind.Split) { Alternatives = starts });
                    break;
                }
            }
        }
        return next;
    }

    private static bool ContainsSlash(List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.DirectoryGlobStar) return true;
            if (token.Kind == TokenKind.Literal && token.Literal == '/') return true;
            if (token.Kind == TokenKind.Alternation && token.Alternatives!.Any(ContainsSlash)) return true;
        }
        return false;
    }

    private static List<Token> Tokenize(string p, int start, int end, int depth)
    {
        var tokens = new List<Token>();
        int i = start;
        while (i < end)
        {
            char c = p[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 < end)
                    {
                        tokens.Add(Token.Char(p[i + 1]));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(Token.Char('\\'));
                        i++;
                    }
                    break;
                case '/':
                {
                    int stars = CountStars(p, i + 1, end);
                    if (stars >= 2 && i + 1 + stars < end && p[i + 1 + stars] == '/')
                    {
                        tokens.Add(new Token(TokenKind.DirectoryGlobStar));
                        i += 1 + stars; // the closing '/' belongs to the token's pattern; skip it too
                        i++;
                    }
                    else
                    {
                        tokens.Add(Token.Char('/'));
                        i++;
                    }
                    break;
                }
                case '*':
                {
                    int stars = CountStars(p, i, end);
                    tokens.Add(new Token(stars >= 2 ? TokenKind.GlobStar : TokenKind.Star));
                    i += stars;
                    break;
                }
                case '?':
                    tokens.Add(new Token(TokenKind.Question));
                    i++;
                    break;
                case '[':
                {
                    var cls = CharacterClass.TryParse(p, i, end, out int next);
                    if (cls is null)
                    {
                        tokens.Add(Token.Char('['));
                        i++;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Class) { Class = cls });
                        i = next;
                    }
                    break;
                }
                case '{':
                {
                    int close = depth < MaxBraceDepth ? FindClosingBrace(p, i, end) : -1;
                    if (close < 0)
                    {
                        tokens.Add(Token.Char('{'));
                        i++;
                        break;
                    }
                    if (TryParseRange(p.Substring(i + 1, close - i - 1), out long min, out long max))
                    {
                        tokens.Add(new Token(TokenKind.Number) { Min = min, Max = max });
                        i = close + 1;
                        break;
                    }
                    var commas = TopLevelCommas(p, i + 1, close);
                    if (commas.Count == 0)
                    {
                        // "{single}" and "{}" are literal text; what is inside is still a pattern.
                        tokens.Add(Token.Char('{'));
                        i++;
                        break;
                    }
                    var alternatives = new List<List<Token>>();
                    int partStart = i + 1;
                    foreach (int comma in commas)
                    {
                        alternatives.Add(Tokenize(p, partStart, comma, depth + 1));
                        partStart = comma + 1;
                    }
                    alternatives.Add(Tokenize(p, partStart, close, depth + 1));
                    tokens.Add(new Token(TokenKind.Alternation) { Alternatives = alternatives });
                    i = close + 1;
                    break;
                }
                default:
                    tokens.Add(Token.Char(c));
                    i++;
                    break;
            }
        }
        return tokens;
    }

    private static int CountStars(string p, int i, int end)
    {
        int n = 0;
        while (i + n < end && p[i + n] == '*') n++;
        return n;
    }

    private static int FindClosingBrace(string p, int open, int end)
    {
        int depth = 0;
        for (int i = open; i < end; i++)
        {
            char c = p[i];
            if (c == '\\') { i++; continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }

    private static List<int> TopLevelCommas(string p, int start, int end)
    {
        var commas = new List<int>();
        int depth = 0;
        for (int i = start; i < end; i++)
        {
            char c = p[i];
            if (c == '\\') { i++; continue; }
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == ',' && depth == 0) commas.Add(i);
        }
        return commas;
    }

    private static bool TryParseRange(string content, out long min, out long max)
    {
        min = max = 0;
        int dots = content.IndexOf("..", StringComparison.Ordinal);
        if (dots <= 0) return false;
        if (!TryParseInteger(content.Substring(0, dots), out min) || !TryParseInteger(content.Substring(dots + 2), out max)) return false;
        return min <= max; // the specification calls "{3..1}" invalid; it is then plain text
    }

    private static bool TryParseInteger(string s, out long value)
    {
        value = 0;
        int i = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (i == s.Length || s.Length - i > 18) return false;
        for (int k = i; k < s.Length; k++)
        {
            if (s[k] < '0' || s[k] > '9') return false;
        }
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private enum TokenKind { Literal, Question, Star, GlobStar, DirectoryGlobStar, Class, Number, Alternation }

    private sealed class Token
    {
        public Token(TokenKind kind) => Kind = kind;
        public static Token Char(char c) => new(TokenKind.Literal) { Literal = c };
        public TokenKind Kind { get; }
        public char Literal { get; init; }
        public CharacterClass? Class { get; init; }
        public long Min { get; init; }
        public long Max { get; init; }
        public List<List<Token>>? Alternatives { get; init; }
    }

    private enum StateKind { Literal, AnyButSlash, Star, GlobStar, Class, Number, Split, Accept }

    private sealed class State
    {
        public State(StateKind kind) => Kind = kind;
        public StateKind Kind { get; }
        public char Literal { get; init; }
        public int Next { get; init; }
        public CharacterClass? Class { get; init; }
        public long Min { get; init; }
        public long Max { get; init; }
        public int[]? Alternatives { get; init; }
    }

    /// <summary><c>[seq]</c> or <c>[!seq]</c>: every character inside is literal except ranges <c>a-z</c> and <c>\</c> escapes.</summary>
    private sealed class CharacterClass
    {
        private readonly List<(char From, char To)> _ranges;
        private readonly bool _negated;

        private CharacterClass(List<(char, char)> ranges, bool negated)
        {
            _ranges = ranges;
            _negated = negated;
        }

        public bool Matches(char c)
        {
            bool inside = false;
            foreach (var (from, to) in _ranges)
            {
                if (c >= from && c <= to) { inside = true; break; }
            }
            return inside != _negated;
        }

        // Null when the bracket is not a class: no closing ']', or a '/' inside (then "[" is literal text).
        public static CharacterClass? TryParse(string p, int open, int end, out int next)
        {
            next = open;
            int i = open + 1;
            bool negated = i < end && p[i] == '!';
            if (negated) i++;
            var members = new List<char>();
            var escaped = new List<bool>();
            bool first = true;
            for (; i < end; i++)
            {
                char c = p[i];
                if (c == ']' && !first) break;
                if (c == '/') return null;
                if (c == '\\' && i + 1 < end)
                {
                    i++;
                    if (p[i] == '/') return null;
                    members.Add(p[i]);
                    escaped.Add(true);
                }
                else
                {
                    members.Add(c);
                    escaped.Add(false);
                }
                first = false;
            }
            if (i >= end) return null;
            next = i + 1;
            var ranges = new List<(char, char)>();
            for (int k = 0; k < members.Count; k++)
            {
                if (k + 2 < members.Count && members[k + 1] == '-' && !escaped[k + 1] && members[k] <= members[k + 2])
                {
                    ranges.Add((members[k], members[k + 2]));
                    k += 2;
                }
                else
                {
                    ranges.Add((members[k], members[k]));
                }
            }
            return new CharacterClass(ranges, negated);
        }
    }
}
