using System.Collections.Immutable;
using System.Text;

namespace Plimsoll.Syntax.Shell;

/// <summary>A piece of a <see cref="ShellWord"/>.</summary>
public abstract class ShellWordPart : ShellNode
{
    private protected ShellWordPart(int start, int length) : base(start, length) { }

    /// <summary>False for expansions, whose value is only known at run time.</summary>
    public virtual bool IsLiteral => true;

    /// <summary>Appends the unquoted value, or the source text for an expansion.</summary>
    internal abstract void AppendApproximate(StringBuilder sb);

    /// <summary>What <see cref="AppendApproximate"/> appends, when it is one string already held (not for double quotes).</summary>
    internal abstract string? SingleValue { get; }

    /// <summary>Appends the literal value; returns false at the first expansion.</summary>
    internal virtual bool AppendLiteralPrefix(StringBuilder sb)
    {
        if (!IsLiteral) return false;
        AppendApproximate(sb);
        return true;
    }

    public override IEnumerable<ShellNode> ChildNodes() => Enumerable.Empty<ShellNode>();

    internal override void PushChildren(Stack<ShellNode> stack) { }
}

/// <summary>Unquoted text (line continuations removed).</summary>
public sealed class ShellLiteralPart : ShellWordPart
{
    internal ShellLiteralPart(int start, int length, string value) : base(start, length) => Value = value;

    public string Value { get; }

    internal override void AppendApproximate(StringBuilder sb) => sb.Append(Value);

    internal override string? SingleValue => Value;
}

/// <summary>A backslash escape `\c`; <see cref="Value"/> is the escaped character.</summary>
public sealed class ShellEscapePart : ShellWordPart
{
    internal ShellEscapePart(int start, int length, string value) : base(start, length) => Value = value;

    public string Value { get; }

    internal override void AppendApproximate(StringBuilder sb) => sb.Append(Value);

    internal override string? SingleValue => Value;
}

/// <summary>`'text'`, or bash ANSI-C `$'text'` whose escapes are decoded into <see cref="Value"/>.</summary>
public sealed class ShellSingleQuotedPart : ShellWordPart
{
    internal ShellSingleQuotedPart(int start, int length, string value, bool isAnsiC) : base(start, length)
    {
        Value = value;
        IsAnsiC = isAnsiC;
    }

    public string Value { get; }
    public bool IsAnsiC { get; }

    internal override void AppendApproximate(StringBuilder sb) => sb.Append(Value);

    internal override string? SingleValue => Value;
}

/// <summary>`"text $x $(cmd)"`: literal, escape and expansion parts inside double quotes.</summary>
public sealed class ShellDoubleQuotedPart : ShellWordPart
{
    internal ShellDoubleQuotedPart(int start, int length, ImmutableArray<ShellWordPart> parts) : base(start, length)
    {
        Parts = parts;
        Adopt(parts);
    }

    public ImmutableArray<ShellWordPart> Parts { get; }

    public override bool IsLiteral
    {
        get
        {
            foreach (var p in Parts)
                if (!p.IsLiteral) return false;
            return true;
        }
    }

    internal override void AppendApproximate(StringBuilder sb)
    {
        foreach (var p in Parts) p.AppendApproximate(sb);
    }

    internal override string? SingleValue => null;

    internal override bool AppendLiteralPrefix(StringBuilder sb)
    {
        foreach (var p in Parts)
            if (!p.AppendLiteralPrefix(sb)) return false;
        return true;
    }

    public override IEnumerable<ShellNode> ChildNodes() => Parts;

    internal override void PushChildren(Stack<ShellNode> stack) => Push(stack, Parts);
}

/// <summary>Base of the parts whose value comes from expansion at run time.</summary>
public abstract class ShellExpansionPart : ShellWordPart
{
    private protected ShellExpansionPart(int start, int length, string sourceText) : base(start, length)
    {
        SourceText = sourceText;
    }

    /// <summary>The expansion as written (`${HOME}`, `$(id -u)`).</summary>
    public string SourceText { get; }

    public override bool IsLiteral => false;

    internal override void AppendApproximate(StringBuilder sb) => sb.Append(SourceText);

    internal override string? SingleValue => SourceText;
}

/// <summary>`$name`, `$1`, `$@`, or `${...}` with an optional operator and argument.</summary>
public sealed class ShellParameterExpansion : ShellExpansionPart
{
    internal ShellParameterExpansion(int start, int length, string sourceText, string name, bool isBraced,
        string? prefix, string? subscript, string? @operator, ShellWord? argument)
        : base(start, length, sourceText)
    {
        Name = name;
        IsBraced = isBraced;
        Prefix = prefix;
        Subscript = subscript;
        Operator = @operator;
        Argument = argument;
        Adopt(argument);
    }

    /// <summary>The parameter name (`HOME`, `1`, `@`); empty when missing.</summary>
    public string Name { get; }

    public bool IsBraced { get; }

    /// <summary>`#` (length) or `!` (indirection) before the name, else null.</summary>
    public string? Prefix { get; }

    /// <summary>A bash array subscript (`@` in `${a[@]}`), else null.</summary>
    public string? Subscript { get; }

    /// <summary>The operator (`:-`, `#`, `%%`, `/`, `:`...) of `${name op arg}`, else null.</summary>
    public string? Operator { get; }

    /// <summary>
    /// The word after the operator (`default` in `${x:-default}`), else null. For `/` and `//` it holds
    /// both pattern and replacement (`a/b` in `${x//a/b}`).
    /// </summary>
    public ShellWord? Argument { get; }

    public override IEnumerable<ShellNode> ChildNodes() => One(Argument);

    internal override void PushChildren(Stack<ShellNode> stack) => Push(stack, Argument);
}

public enum ShellSubstitutionKind
{
    /// <summary>`$( ... )`</summary>
    Dollar,
    /// <summary>`` `...` ``</summary>
    Backtick,
    /// <summary>bash `&lt;( ... )`</summary>
    ProcessInput,
    /// <summary>bash `&gt;( ... )`</summary>
    ProcessOutput,
}

/// <summary>Command substitution `$(...)`/`` `...` `` or process substitution `&lt;(...)`, with its parsed body.</summary>
public sealed class ShellCommandSubstitution : ShellExpansionPart
{
    internal ShellCommandSubstitution(int start, int length, string sourceText, ShellSubstitutionKind kind, ShellScript body)
        : base(start, length, sourceText)
    {
        Kind = kind;
        Body = body;
        Adopt(body);
    }

    public ShellSubstitutionKind Kind { get; }
    public ShellScript Body { get; }

    public override IEnumerable<ShellNode> ChildNodes() => One(Body);

    internal override void PushChildren(Stack<ShellNode> stack) => Push(stack, Body);
}

/// <summary>`$(( expression ))`; the expression is kept as text.</summary>
public sealed class ShellArithmeticExpansion : ShellExpansionPart
{
    internal ShellArithmeticExpansion(int start, int length, string sourceText, string expression)
        : base(start, length, sourceText) => Expression = expression;

    public string Expression { get; }
}

/// <summary>`(a b c)` in `declare -a name=(a b c)` / `local name=(...)`: a bash array literal inside a word.</summary>
public sealed class ShellArrayLiteralPart : ShellExpansionPart
{
    internal ShellArrayLiteralPart(int start, int length, string sourceText, ImmutableArray<ShellWord> elements)
        : base(start, length, sourceText)
    {
        Elements = elements;
        Adopt(elements);
    }

    public ImmutableArray<ShellWord> Elements { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Elements;

    internal override void PushChildren(Stack<ShellNode> stack) => Push(stack, Elements);
}
