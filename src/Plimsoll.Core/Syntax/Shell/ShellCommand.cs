using System.Collections.Immutable;

namespace Plimsoll.Syntax.Shell;

/// <summary>A command of a pipeline: a simple command or a compound command.</summary>
public abstract class ShellCommand : ShellNode
{
    private protected ShellCommand(int start, int length, ImmutableArray<ShellRedirection> redirections)
        : base(start, length)
    {
        Redirections = redirections.IsDefault ? ImmutableArray<ShellRedirection>.Empty : redirections;
        Adopt(Redirections);
    }

    /// <summary>Redirections of the command (for compound commands: those after the closing keyword).</summary>
    public ImmutableArray<ShellRedirection> Redirections { get; }
}

/// <summary>`A=b cmd arg... &gt;file`: assignments, words and redirections.</summary>
public sealed class SimpleCommand : ShellCommand
{
    private ShellResolvedCommand? _resolved;

    internal SimpleCommand(int start, int length, ImmutableArray<ShellAssignment> assignments,
        ImmutableArray<ShellWord> words, ImmutableArray<ShellRedirection> redirections)
        : base(start, length, redirections)
    {
        Assignments = assignments;
        Words = words;
        Adopt(assignments);
        Adopt(words);
    }

    /// <summary>Leading `NAME=value` assignments.</summary>
    public ImmutableArray<ShellAssignment> Assignments { get; }

    /// <summary>The command name and its arguments.</summary>
    public ImmutableArray<ShellWord> Words { get; }

    /// <summary>
    /// The first word's literal value with any leading directory removed (`/usr/bin/curl` → `curl`);
    /// null when there is no word or the first word contains expansions.
    /// </summary>
    public string? CommandName => Words.Length == 0 ? null : ShellResolvedCommand.BaseName(Words[0]);

    /// <summary>The command actually run once wrappers such as sudo, env, exec or xargs are looked through.</summary>
    public ShellResolvedCommand ResolvedCommand => _resolved ??= ShellResolvedCommand.Resolve(this);

    /// <summary>The words after the command name.</summary>
    public IEnumerable<ShellWord> Arguments => Words.Skip(1);

    public override IEnumerable<ShellNode> ChildNodes()
    {
        // Source order: assignments come first; words and redirections may interleave.
        var rest = new List<ShellNode>(Words.Length + Redirections.Length);
        rest.AddRange(Words);
        rest.AddRange(Redirections);
        rest.Sort((a, b) => a.Start.CompareTo(b.Start));
        return Concat(Assignments, rest);
    }

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        // Reverse source order: merge words and redirections from the back, then the assignments.
        var w = Words.Length - 1;
        var r = Redirections.Length - 1;
        while (w >= 0 || r >= 0)
        {
            if (r < 0 || (w >= 0 && Words[w].Start > Redirections[r].Start)) stack.Push(Words[w--]);
            else stack.Push(Redirections[r--]);
        }
        Push(stack, Assignments);
    }
}

/// <summary>`NAME=value`, `NAME+=value` or `NAME=(a b c)` before a command.</summary>
public sealed class ShellAssignment : ShellNode
{
    internal ShellAssignment(int start, int length, string name, bool isAppend, ShellWord? value,
        ImmutableArray<ShellWord> arrayElements)
        : base(start, length)
    {
        Name = name;
        IsAppend = isAppend;
        Value = value;
        ArrayElements = arrayElements.IsDefault ? ImmutableArray<ShellWord>.Empty : arrayElements;
        Adopt(value);
        Adopt(ArrayElements);
    }

    /// <summary>The variable name (with any bash subscript, e.g. `a[0]`).</summary>
    public string Name { get; }

    /// <summary>`+=` rather than `=`.</summary>
    public bool IsAppend { get; }

    /// <summary>The value; null for a bash array assignment, and an empty word for `NAME=`.</summary>
    public ShellWord? Value { get; }

    /// <summary>Elements of a bash array assignment `NAME=(a b)`; empty otherwise.</summary>
    public ImmutableArray<ShellWord> ArrayElements { get; }

    public bool IsArray => Value == null;

    public override IEnumerable<ShellNode> ChildNodes() => Concat(One(Value), ArrayElements);

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        Push(stack, ArrayElements);
        Push(stack, Value);
    }
}
