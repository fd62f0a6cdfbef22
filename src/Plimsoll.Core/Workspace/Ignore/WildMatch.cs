namespace Plimsoll.Workspace.Ignore;

/// <summary>
/// A glob with git's wildmatch semantics for paths (<c>WM_PATHNAME</c>): <c>?</c>, <c>*</c> and <c>[…]</c> never match
/// '/'; <c>**</c> between slashes (or at either end) matches across them, and <c>**/</c> also matches no directory;
/// <c>\x</c> is a literal x; classes take <c>!</c>/<c>^</c>, ranges and <c>[:alpha:]</c>-style names.
/// <para>
/// Hand-written on purpose: MAB.DotIgnore (and .NET's regex-based globbing) backtracks, so a line such as
/// <c>*a*a*a*a*a*b</c> against a long name takes minutes. This compiles the pattern to a list of steps and runs them
/// as a set of live positions over the name (a Thompson NFA), so a match costs at most name length × pattern length
/// and never backtracks. An oracle test compares it with <c>git check-ignore</c> on generated patterns and names.
/// </para>
/// </summary>
public sealed class WildMatch
{
    private enum StepKind
    {
        Literal,
        AnyChar,     // ?
        Class,       // [...]
        Star,        // * : any run of chars but '/'
        StarStar,    // ** : any run of chars
        DirectoriesPrefix, // **/ : nothing, or any run of chars ending in '/'
    }

    private readonly record struct Step(StepKind Kind, char Char, CharClass? Class);

    private readonly Step[] _steps;
    private readonly bool _never; // malformed like git's WM_ABORT_ALL: an unterminated [ or an unknown [:name:]

    private WildMatch(Step[] steps, bool never)
    {
        _steps = steps;
        _never = never;
    }

    public static WildMatch Compile(string pattern)
    {
        var steps = new List<Step>();
        int i = 0;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length) return new WildMatch(Array.Empty<Step>(), never: true); // git: a trailing backslash matches nothing
                steps.Add(new Step(StepKind.Literal, pattern[i + 1], null));
                i += 2;
            }
            else if (c == '?')
            {
                steps.Add(new Step(StepKind.AnyChar, '\0', null));
                i++;
            }
            else if (c == '[')
            {
                var parsed = CharClass.Parse(pattern, i, out int end);
                if (parsed == null) return new WildMatch(Array.Empty<Step>(), never: true);
                steps.Add(new Step(StepKind.Class, '\0', parsed));
                i = end;
            }
            else if (c == '*')
            {
                int start = i;
                while (i < pattern.Length && pattern[i] == '*') i++;
                bool several = i - start >= 2;
                bool afterSlashOrStart = start == 0 || pattern[start - 1] == '/';
                bool beforeSlashOrEnd = i == pattern.Length || pattern[i] == '/' || pattern[i] == '\\' && i + 1 < pattern.Length && pattern[i + 1] == '/';
                if (several && afterSlashOrStart && beforeSlashOrEnd)
                {
                    if (i < pattern.Length && pattern[i] == '/')
                    {
                        steps.Add(new Step(StepKind.DirectoriesPrefix, '\0', null));
                        i++; // the '/' belongs to the step
                    }
                    else
                    {
                        steps.Add(new Step(StepKind.StarStar, '\0', null));
                    }
                }
                else
                {
                    steps.Add(new Step(StepKind.Star, '\0', null));
                }
            }
            else
            {
                steps.Add(new Step(StepKind.Literal, c, null));
                i++;
            }
        }
        return new WildMatch(steps.ToArray(), never: false);
    }

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(string text)
    {
        if (_never) return false;
        int n = _steps.Length;
        var current = new bool[n + 1];
        var next = new bool[n + 1];
        current[0] = true;
        Close(current);
        foreach (char c in text)
        {
            Array.Clear(next, 0, next.Length);
            bool any = false;
            for (int s = 0; s < n; s++)
            {
                if (!current[s]) continue;
                var step = _steps[s];
                switch (step.Kind)
                {
                    case StepKind.Literal:
                        if (c == step.Char) { next[s + 1] = true; any = true; }
                        break;
                    case StepKind.AnyChar:
                        if (c != '/') { next[s + 1] = true; any = true; }
                        break;
                    case StepKind.Class:
                        if (c != '/' && step.Class!.Contains(c)) { next[s + 1] = true; any = true; }
                        break;
                    case StepKind.Star:
                        if (c != '/') { next[s] = true; any = true; }
                        break;
                    case StepKind.StarStar:
                        next[s] = true;
                        any = true;
                        break;
                    case StepKind.DirectoriesPrefix:
                        next[s] = true;
                        if (c == '/') next[s + 1] = true;
                        any = true;
                        break;
                }
            }
            if (!any) return false;
            Close(next);
            (current, next) = (next, current);
        }
        return current[n];
    }

    // Steps that can match nothing let the position move past them without consuming a char.
    private void Close(bool[] states)
    {
        for (int s = 0; s < _steps.Length; s++)
        {
            if (states[s] && _steps[s].Kind is StepKind.Star or StepKind.StarStar or StepKind.DirectoriesPrefix)
                states[s + 1] = true;
        }
    }

    /// <summary>A bracket expression, read as git's wildmatch reads it.</summary>
    private sealed class CharClass
    {
        private readonly List<(char Low, char High)> _ranges = new();
        private readonly List<Func<char, bool>> _named = new();
        private bool _negated;

        public bool Contains(char c)
        {
            bool matched = false;
            foreach (var (low, high) in _ranges) if (c >= low && c <= high) { matched = true; break; }
            if (!matched) foreach (var test in _named) if (test(c)) { matched = true; break; }
            return matched != _negated;
        }

        // pattern[start] is '['. Null when malformed (git then matches nothing at all).
        public static CharClass? Parse(string pattern, int start, out int end)
        {
            var result = new CharClass();
            end = start;
            int p = start + 1;
            char At(int index) => index < pattern.Length ? pattern[index] : '\0';
            char ch = At(p);
            if (ch == '^') ch = '!';
            if (ch == '!')
            {
                result._negated = true;
                ch = At(++p);
            }
            char previous = '\0';
            do
            {
                if (ch == '\0') return null;
                if (ch == '\\')
                {
                    ch = At(++p);
                    if (ch == '\0') return null;
                    result._ranges.Add((ch, ch));
                }
                else if (ch == '-' && previous != '\0' && At(p + 1) != '\0' && At(p + 1) != ']')
                {
                    ch = At(++p);
                    if (ch == '\\')
                    {
                        ch = At(++p);
                        if (ch == '\0') return null;
                    }
                    result._ranges.Add((previous, ch));
                    ch = '\0'; // a range end does not start another range
                }
                else if (ch == '[' && At(p + 1) == ':')
                {
                    int nameStart = p + 2;
                    int q = nameStart;
                    while (q < pattern.Length && pattern[q] != ']') q++;
                    if (q >= pattern.Length) return null;
                    if (q - nameStart - 1 < 0 || pattern[q - 1] != ':')
                    {
                        // No ":]": the '[' is an ordinary member.
                        result._ranges.Add(('[', '['));
                    }
                    else
                    {
                        var test = NamedClass(pattern.Substring(nameStart, q - nameStart - 1));
                        if (test == null) return null;
                        result._named.Add(test);
                        p = q;
                        ch = '\0';
                    }
                }
                else
                {
                    result._ranges.Add((ch, ch));
                }
                previous = ch;
                ch = At(++p);
            }
            while (ch != ']');
            end = p + 1;
            return result;
        }

        private static Func<char, bool>? NamedClass(string name) => name switch
        {
            "alnum" => c => c < 128 && char.IsLetterOrDigit(c),
            "alpha" => c => c < 128 && char.IsLetter(c),
            "blank" => c => c == ' ' || c == '\t',
            "cntrl" => c => c < 32 || c == 127,
            "digit" => c => c >= '0' && c <= '9',
            "graph" => c => c > 32 && c < 127,
            "lower" => c => c >= 'a' && c <= 'z',
            "print" => c => c >= 32 && c < 127,
            "punct" => c => c > 32 && c < 127 && !char.IsLetterOrDigit(c),
            "space" => c => c == ' ' || c >= '\t' && c <= '\r',
            "upper" => c => c >= 'A' && c <= 'Z',
            "xdigit" => c => c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F',
            _ => null,
        };
    }
}
