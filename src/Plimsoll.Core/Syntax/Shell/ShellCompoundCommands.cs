using System.Collections.Immutable;

namespace Plimsoll.Syntax.Shell;

/// <summary>`( list )`: runs in a subshell.</summary>
public sealed class ShellSubshell : ShellCommand
{
    internal ShellSubshell(int start, int length, ShellScript body, ImmutableArray<ShellRedirection> redirections)
        : base(start, length, redirections)
    {
        Body = body;
        Adopt(body);
    }

    public ShellScript Body { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Concat(One(Body), Redirections);

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        Push(stack, Redirections);
        Push(stack, Body);
    }
}

/// <summary>`{ list; }`: a group in the current shell.</summary>
public sealed class ShellBraceGroup : ShellCommand
{
    internal ShellBraceGroup(int start, int length, ShellScript body, ImmutableArray<ShellRedirection> redirections)
        : base(start, length, redirections)
    {
        Body = body;
        Adopt(body);
    }

    public ShellScript Body { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Concat(One(Body), Redirections);

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        Push(stack, Redirections);
        Push(stack, Body);
    }
}

/// <summary>One `if`/`elif` condition and its `then` body.</summary>
public sealed class ShellIfClause : ShellNode
{
    internal ShellIfClause(int start, int length, ShellScript condition, ShellScript body) : base(start, length)
    {
        Condition = condition;
        Body = body;
        Adopt(condition);
        Adopt(body);
    }

    public ShellScript Condition { get; }
    public ShellScript Body { get; }

    public override IEnumerable<ShellNode> ChildNodes() => new ShellNode[] { Condition, Body };

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        stack.Push(Body);
        stack.Push(Condition);
    }
}

/// <summary>`if c; then b; elif c2; then b2; else b3; fi`.</summary>
public sealed class ShellIfCommand : ShellCommand
{
    internal ShellIfCommand(int start, int length, ImmutableArray<ShellIfClause> clauses, ShellScript? elseBody,
        ImmutableArray<ShellRedirection> redirections)
        : base(start, length, redirections)
    {
        Clauses = clauses;
        ElseBody = elseBody;
        Adopt(clauses);
        Adopt(elseBody);
    }

    /// <summary>The `if` clause followed by each `elif` clause.</summary>
    public ImmutableArray<ShellIfClause> Clauses { get; }

    public ShellScript? ElseBody { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Concat(Clauses, One(ElseBody), Redirections);

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        Push(stack, Redirections);
        Push(stack, ElseBody);
        Push(stack, Clauses);
    }
}

/// <summary>`for name [in words]; do body; done` (or the bash arithmetic form `for ((...))`).</summary>
public sealed class ShellForCommand : ShellCommand
{
    internal ShellForCommand(int start, int length, string variable, int variableStart, bool hasInClause,
        ImmutableArray<ShellWord> items, string? arithmeticHeader, ShellScript body, ImmutableArray<ShellRedirection> redirections)
        : base(start, length, redirections)
    {
        Variable = variable;
        VariableStart = variableStart;
        HasInClause = hasInClause;
        Items = items;
        ArithmeticHeader = arithmeticHeader;
        Body = body;
        Adopt(items);
        Adopt(body);
    }

    /// <summary>The loop variable; empty for the arithmetic form.</summary>
    public string Variable { get; }
    public int VariableStart { get; }

    /// <summary>False for `for x; do` which iterates over "$@".</summary>
    public bool HasInClause { get; }

    public ImmutableArray<ShellWord> Items { get; }

    /// <summary>The text between `((` and `))` of `for ((i=0; i&lt;n; i++))`; null otherwise.</summary>
    public string? ArithmeticHeader { get; }

    public ShellScript Body { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Concat(Items, One(Body), Redirections);

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        Push(stack, Redirections);
        Push(stack, Body);
        Push(stack, Items);
    }
}

/// <summary>`while cond; do body; done` or `until cond; do body; done`.</summary>
public sealed class ShellWhileCommand : ShellCommand
{
    internal ShellWhileCommand(int start, int length, bool isUntil, ShellScript condition, ShellScript body,
        ImmutableArray<ShellRedirection> redirections)
        : base(start, length, redirections)
    {
        IsUntil = isUntil;
        Condition = condition;
        Body = body;
        Adopt(condition);
        Adopt(body);
    }

    public bool IsUntil { get; }
    public ShellScript Condition { get; }
    public ShellScript Body { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Concat(new ShellNode[] { Condition, Body }, Redirections);

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        Push(stack, Redirections);
        stack.Push(Body);
        stack.Push(Condition);
    }
}

/// <summary>How a case item ends.</summary>
public enum ShellCaseTerminator
{
    /// <summary>Last item before `esac` without `;;`.</summary>
    None,
    /// <summary>`;;`</summary>
    Break,
    /// <summary>`;&amp;` (bash): fall through.</summary>
    FallThrough,
    /// <summary>`;;&amp;` (bash): test the next patterns.</summary>
    Continue,
}

/// <summary>`pattern | pattern ) body ;;`.</summary>
public sealed class ShellCaseItem : ShellNode
{
    internal ShellCaseItem(int start, int length, ImmutableArray<ShellWord> patterns, ShellScript body, ShellCaseTerminator terminator)
        : base(start, length)
    {
        Patterns = patterns;
        Body = body;
        Terminator = terminator;
        Adopt(patterns);
        Adopt(body);
    }

    public ImmutableArray<ShellWord> Patterns { get; }
    public ShellScript Body { get; }
    public ShellCaseTerminator Terminator { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Concat(Patterns, One(Body));

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        Push(stack, Body);
        Push(stack, Patterns);
    }
}

/// <summary>`case word in items esac`.</summary>
public sealed class ShellCaseCommand : ShellCommand
{
    internal ShellCaseCommand(int start, int length, ShellWord subject, ImmutableArray<ShellCaseItem> items,
        ImmutableArray<ShellRedirection> redirections)
        : base(start, length, redirections)
    {
        Subject = subject;
        Items = items;
        Adopt(subject);
        Adopt(items);
    }

    public ShellWord Subject { get; }
    public ImmutableArray<ShellCaseItem> Items { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Concat(One(Subject), Items, Redirections);

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        Push(stack, Redirections);
        Push(stack, Items);
        Push(stack, Subject);
    }
}

/// <summary>`name() compound-command` or bash `function name { ... }`.</summary>
public sealed class ShellFunctionDefinition : ShellCommand
{
    internal ShellFunctionDefinition(int start, int length, string name, int nameStart, ShellCommand body)
        : base(start, length, ImmutableArray<ShellRedirection>.Empty)
    {
        Name = name;
        NameStart = nameStart;
        Body = body;
        Adopt(body);
    }

    public string Name { get; }
    public int NameStart { get; }

    /// <summary>The function body, usually a <see cref="ShellBraceGroup"/>.</summary>
    public ShellCommand Body { get; }

    public override IEnumerable<ShellNode> ChildNodes() => One(Body);

    internal override void PushChildren(Stack<ShellNode> stack) => Push(stack, Body);
}

/// <summary>bash `(( expression ))`; the expression is kept as text.</summary>
public sealed class ShellArithmeticCommand : ShellCommand
{
    internal ShellArithmeticCommand(int start, int length, string expression, ImmutableArray<ShellRedirection> redirections)
        : base(start, length, redirections) => Expression = expression;

    public string Expression { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Redirections;

    internal override void PushChildren(Stack<ShellNode> stack) => Push(stack, Redirections);
}
