using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>
/// Interpolates one scalar string of a compose file the way Docker Compose (or <c>docker stack</c>, see
/// <see cref="InterpolationDialect"/>) does, and records where every part of the result came from. Never throws.
/// </summary>
public sealed class ComposeInterpolator
{
    // Deeper nesting than this is reported as an error instead of recursing further (no stack overflow on hostile input).
    private const int MaxNestingDepth = 64;

    /// <summary>The longest interpolated value; longer is an error (a .env chain like <c>B=${A}${A}</c> grows exponentially).</summary>
    public const int MaxValueLength = 1024 * 1024;

    /// <summary>The characters one interpolator may produce in all; beyond it every further value is an error (unknown).</summary>
    public const long MaxTotalLength = 64L * 1024 * 1024;

    private long _produced;

    public ComposeInterpolator(IVariableSource variables, InterpolationDialect dialect = InterpolationDialect.Compose)
    {
        Variables = variables ?? throw new ArgumentNullException(nameof(variables));
        Dialect = dialect;
    }

    public IVariableSource Variables { get; }

    public InterpolationDialect Dialect { get; }

    /// <summary>True when <paramref name="value"/> has a <c>$</c>, that is when interpolation can change it or fail.</summary>
    public static bool MayInterpolate(string? value) => value is not null && value.IndexOf('$') >= 0;

    public InterpolatedValue Interpolate(string? input)
    {
        input ??= "";
        if (input.IndexOf('$') < 0) return new InterpolatedValue(input, ValueOrigin.Literal, Array.Empty<VariableUse>());

        if (_produced > MaxTotalLength)
            return new InterpolatedValue(input, ValueOrigin.Unknown, Array.Empty<VariableUse>(),
                "not interpolated: this file's interpolation produced more than " + MaxTotalLength + " characters in all (a limit of the linter)", new TextSpan(0, input.Length));
        var evaluation = new Evaluation(input, Variables);
        var text = new StringBuilder(input.Length);
        var uses = new List<VariableUse>();
        bool ok = Dialect == InterpolationDialect.Stack
            ? evaluation.ExpandStack(text, uses)
            : evaluation.ExpandCompose(0, input.Length, text, uses, depth: 0);
        _produced += ok ? text.Length : 0;
        if (!ok) return new InterpolatedValue(input, ValueOrigin.Unknown, uses, evaluation.Error, evaluation.ErrorSpan);
        return new InterpolatedValue(text.ToString(), Summarize(uses), uses);
    }

    private static ValueOrigin Summarize(List<VariableUse> uses)
    {
        if (uses.Count == 0) return ValueOrigin.Literal;
        var origin = uses[0].Origin;
        for (int i = 1; i < uses.Count; i++)
        {
            if (Rank(uses[i].Origin) > Rank(origin)) origin = uses[i].Origin;
        }
        return origin;
    }

    // Higher is less certain: the summary reports the least certain contribution.
    private static int Rank(ValueOrigin origin) => origin switch
    {
        ValueOrigin.Unknown => 5,
        ValueOrigin.Default => 4,
        ValueOrigin.Environment => 3,
        ValueOrigin.EnvFile => 2,
        ValueOrigin.DotEnv => 1,
        _ => 0,
    };

    internal static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    internal static bool IsNameChar(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

    private sealed class Evaluation
    {
        private readonly string s;
        private readonly IVariableSource variables;

        public Evaluation(string input, IVariableSource variables)
        {
            s = input;
            this.variables = variables;
        }

        public string? Error { get; private set; }

        public TextSpan? ErrorSpan { get; private set; }

        private bool Fail(int start, int end, string message)
        {
            if (Error is null)
            {
                start = Math.Max(0, Math.Min(start, s.Length));
                end = Math.Max(start, Math.Min(end, s.Length));
                Error = message;
                ErrorSpan = TextSpan.FromBounds(start, end);
            }
            return false;
        }

        private bool FailInvalidDollar(int dollar) => Fail(dollar, Math.Min(dollar + 2, s.Length),
            "invalid interpolation: '$' must be followed by a variable name, '{' or another '$' (write '$$' for a literal '$')");

        private int ScanName(int start, int end)
        {
            int j = start;
            while (j < end && IsNameChar(s[j])) j++;
            return j;
        }

        private VariableDefinition? Find(string name) => variables.Find(name);

        // ---- Compose (compose-go): operands are templates themselves, evaluated eagerly, so errors in them count. ----

        public bool ExpandCompose(int start, int end, StringBuilder text, List<VariableUse> uses, int depth)
        {
            if (depth > MaxNestingDepth) return Fail(start, end, "interpolation nested more than " + MaxNestingDepth + " levels deep");
            int i = start;
            while (i < end)
            {
                char c = s[i];
                if (c != '$')
                {
                    text.Append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= end) return FailInvalidDollar(i);
                char next = s[i + 1];
                if (next == '$')
                {
                    text.Append('$');
                    i += 2;
                }
                else if (IsNameStart(next))
                {
                    int nameEnd = ScanName(i + 1, end);
                    if (!AppendPlain(s.Substring(i + 1, nameEnd - i - 1), TextSpan.FromBounds(i, nameEnd), text, uses)) return false;
                    i = nameEnd;
                }
                else if (next == '{')
                {
                    int after = ExpandComposeBraced(i, end, text, uses, depth);
                    if (after < 0) return false;
                    i = after;
                }
                else
                {
                    return FailInvalidDollar(i);
                }
            }
            return true;
        }

        // Returns the index after the reference, or -1 on error.
        private int ExpandComposeBraced(int dollar, int end, StringBuilder text, List<VariableUse> uses, int depth)
        {
            int nameStart = dollar + 2;
            if (nameStart >= end || !IsNameStart(s[nameStart]))
            {
                Fail(dollar, Math.Min(nameStart + 1, end), "invalid interpolation: '${' must be followed by a variable name ([A-Za-z_][A-Za-z0-9_]*)");
                return -1;
            }
            int nameEnd = ScanName(nameStart, end);
            string name = s.Substring(nameStart, nameEnd - nameStart);
            if (nameEnd >= end)
            {
                Fail(dollar, end, "invalid interpolation: '${' is not closed by '}'");
                return -1;
            }
            if (s[nameEnd] == '}')
            {
                return AppendPlain(name, TextSpan.FromBounds(dollar, nameEnd + 1), text, uses) ? nameEnd + 1 : -1;
            }

            var op = ReadOperator(nameEnd, end, allowAlternate: true, out int operandStart);
            if (op == InterpolationOperator.None)
            {
                Fail(dollar, nameEnd + 1, "invalid interpolation: unexpected '" + s[nameEnd] + "' in '${" + name + "...}'; expected '}' or one of :- - :? ? :+ +");
                return -1;
            }
            int close = FindClosingBrace(dollar, end);
            if (close < 0)
            {
                Fail(dollar, end, "invalid interpolation: '${' is not closed by '}'");
                return -1;
            }

            var operandText = new StringBuilder();
            var operandUses = new List<VariableUse>();
            if (!ExpandCompose(operandStart, close, operandText, operandUses, depth + 1)) return -1;
            var span = TextSpan.FromBounds(dollar, close + 1);
            if (!Apply(name, op, span, operandText.ToString(), operandUses, text, uses)) return -1;
            return close + 1;
        }

        private InterpolationOperator ReadOperator(int at, int end, bool allowAlternate, out int operandStart)
        {
            operandStart = at;
            bool colon = s[at] == ':';
            int opAt = colon ? at + 1 : at;
            if (opAt >= end) return InterpolationOperator.None;
            operandStart = opAt + 1;
            switch (s[opAt])
            {
                case '-': return colon ? InterpolationOperator.DefaultWhenUnsetOrEmpty : InterpolationOperator.DefaultWhenUnset;
                case '?': return colon ? InterpolationOperator.RequiredNonEmpty : InterpolationOperator.Required;
                case '+' when allowAlternate: return colon ? InterpolationOperator.AlternateWhenNonEmpty : InterpolationOperator.AlternateWhenSet;
                default:
                    operandStart = at;
                    return InterpolationOperator.None;
            }
        }

        // compose-go counts every "${" as an opening (even after a '$') and every '}' as a closing.
        private int FindClosingBrace(int dollar, int end)
        {
            int open = 0;
            for (int p = dollar; p < end; p++)
            {
                if (s[p] == '}')
                {
                    open--;
                    if (open == 0) return p;
                }
                else if (s[p] == '$' && p + 1 < end && s[p + 1] == '{')
                {
                    open++;
                    p++;
                }
            }
            return -1;
        }

        private bool AppendPlain(string name, TextSpan span, StringBuilder text, List<VariableUse> uses)
        {
            var definition = Find(name);
            uses.Add(new VariableUse(name, span, InterpolationOperator.None, definition?.Origin ?? ValueOrigin.Unknown, definition));
            if (definition is not null) text.Append(definition.Value);
            return WithinLimit(span, text);
        }

        // Checked after every substitution: literal text cannot grow past the input, substitutions can.
        private bool WithinLimit(TextSpan span, StringBuilder text)
            => text.Length <= MaxValueLength
               || Fail(span.Start, span.End, "not interpolated: the value would be longer than " + MaxValueLength + " characters (a limit of the linter)");

        private bool Apply(string name, InterpolationOperator op, TextSpan span, string operand, List<VariableUse> operandUses, StringBuilder text, List<VariableUse> uses)
        {
            var definition = Find(name);
            bool set = definition is not null;
            bool nonEmpty = set && definition!.Value.Length > 0;
            switch (op)
            {
                case InterpolationOperator.RequiredNonEmpty:
                case InterpolationOperator.Required:
                    if (op == InterpolationOperator.RequiredNonEmpty ? !nonEmpty : !set)
                    {
                        return Fail(span.Start, span.End, "required variable " + name + " is missing a value: " + operand);
                    }
                    uses.Add(new VariableUse(name, span, op, definition!.Origin, definition));
                    text.Append(definition.Value);
                    return WithinLimit(span, text);
                case InterpolationOperator.DefaultWhenUnsetOrEmpty:
                case InterpolationOperator.DefaultWhenUnset:
                    bool useDefault = op == InterpolationOperator.DefaultWhenUnsetOrEmpty ? !nonEmpty : !set;
                    if (!useDefault)
                    {
                        uses.Add(new VariableUse(name, span, op, definition!.Origin, definition));
                        text.Append(definition.Value);
                        return WithinLimit(span, text);
                    }
                    break;
                default: // alternates
                    bool useAlternate = op == InterpolationOperator.AlternateWhenNonEmpty ? nonEmpty : set;
                    if (!useAlternate)
                    {
                        // A defined result (empty), decided by the operator: not unknown.
                        uses.Add(new VariableUse(name, span, op, ValueOrigin.Default, definition));
                        return true;
                    }
                    break;
            }
            uses.Add(new VariableUse(name, span, op, ValueOrigin.Default, definition));
            uses.AddRange(operandUses);
            text.Append(operand);
            return WithinLimit(span, text);
        }

        // ---- Stack (docker/cli): one pass, literal operands up to the first '}', operator chosen by separator search. ----

        public bool ExpandStack(StringBuilder text, List<VariableUse> uses)
        {
            int end = s.Length;
            int i = 0;
            while (i < end)
            {
                char c = s[i];
                if (c != '$')
                {
                    text.Append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= end) return FailInvalidDollar(i);
                char next = s[i + 1];
                if (next == '$')
                {
                    text.Append('$');
                    i += 2;
                    continue;
                }
                if (IsNameStart(next))
                {
                    int nameEnd = ScanName(i + 1, end);
                    int exprEnd = nameEnd;
                    if (HasStackOperator(nameEnd, end))
                    {
                        // Unbraced, the operand runs to the first '}' (not consumed) or to the end.
                        int brace = s.IndexOf('}', nameEnd);
                        exprEnd = brace < 0 ? end : brace;
                    }
                    if (!ApplyStack(s.Substring(i + 1, exprEnd - i - 1), TextSpan.FromBounds(i, exprEnd), text, uses)) return false;
                    i = exprEnd;
                    continue;
                }
                if (next != '{') return FailInvalidDollar(i);

                int nameStart = i + 2;
                if (nameStart >= end || !IsNameStart(s[nameStart]))
                {
                    return Fail(i, Math.Min(nameStart + 1, end), "invalid interpolation: '${' must be followed by a variable name ([A-Za-z_][A-Za-z0-9_]*)");
                }
                int braceNameEnd = ScanName(nameStart, end);
                int close;
                if (braceNameEnd < end && s[braceNameEnd] == '}')
                {
                    close = braceNameEnd;
                }
                else if (HasStackOperator(braceNameEnd, end))
                {
                    close = s.IndexOf('}', braceNameEnd);
                    if (close < 0) return Fail(i, end, "invalid interpolation: '${' is not closed by '}'");
                }
                else if (braceNameEnd >= end)
                {
                    return Fail(i, end, "invalid interpolation: '${' is not closed by '}'");
                }
                else
                {
                    return Fail(i, braceNameEnd + 1, "invalid interpolation: unexpected '" + s[braceNameEnd] + "' in '${...}'; expected '}' or one of :- - :? ? (docker stack has no :+ or +)");
                }
                if (!ApplyStack(s.Substring(nameStart, close - nameStart), TextSpan.FromBounds(i, close + 1), text, uses)) return false;
                i = close + 1;
            }
            return true;
        }

        private bool HasStackOperator(int at, int end)
        {
            if (at >= end) return false;
            char c = s[at];
            if (c == '-' || c == '?') return true;
            return c == ':' && at + 1 < end && (s[at + 1] == '-' || s[at + 1] == '?');
        }

        // docker/cli tries ":-", "-", ":?", "?" in that order, each by searching the whole expression and splitting at the
        // first occurrence; whatever precedes the separator is the name looked up.
        private bool ApplyStack(string expression, TextSpan span, StringBuilder text, List<VariableUse> uses)
        {
            InterpolationOperator op;
            string separator;
            if (expression.IndexOf(":-", StringComparison.Ordinal) >= 0) { op = InterpolationOperator.DefaultWhenUnsetOrEmpty; separator = ":-"; }
            else if (expression.IndexOf('-') >= 0) { op = InterpolationOperator.DefaultWhenUnset; separator = "-"; }
            else if (expression.IndexOf(":?", StringComparison.Ordinal) >= 0) { op = InterpolationOperator.RequiredNonEmpty; separator = ":?"; }
            else if (expression.IndexOf('?') >= 0) { op = InterpolationOperator.Required; separator = "?"; }
            else
            {
                return AppendPlain(expression, span, text, uses);
            }
            int at = expression.IndexOf(separator, StringComparison.Ordinal);
            string name = expression.Substring(0, at);
            string operand = expression.Substring(at + separator.Length);
            return Apply(name, op, span, operand, new List<VariableUse>(), text, uses);
        }
    }
}
