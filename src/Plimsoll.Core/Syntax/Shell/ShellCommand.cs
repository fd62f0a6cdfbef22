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

    private Fact? _facts;

    /// <summary>
    /// A fact about this command worked out once and shared by every rule that asks (the package-manager call it makes,
    /// say): <paramref name="key"/> is an object the asking code owns, and <paramref name="compute"/> runs on the first
    /// question. The tree is immutable, so a fact never goes stale; it is also shared by every RUN with the same script
    /// text (<see cref="ShellParseCache"/>), so a fact must follow from the command alone, never from its file or stage. Kept on the node rather than in a weak table: no lock
    /// and no GC handle per command. Two threads asking at once (an editor's) may both compute it; either value is right.
    /// </summary>
    public T GetOrAddFact<T>(object key, Func<SimpleCommand, T> compute)
    {
        for (var fact = _facts; fact != null; fact = fact.Next)
            if (ReferenceEquals(fact.Key, key)) return (T)fact.Value!;
        var value = compute(this);
        _facts = new Fact(key, value, _facts);
        return value;
    }

    private sealed record Fact(object Key, object? Value, Fact? Next);

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

    internal override void PushChildren(Stack<ShellNode> stack) => PushChildren(stack, skipPlainWords: false);

    /// <summary>
    /// The children, less the plain words (<see cref="ShellWord.IsPlain"/>), which hold no expansion: for walks that look
    /// for nested scripts, where three words in four would be pushed only to be dropped.
    /// </summary>
    internal void PushChildrenExceptPlainWords(Stack<ShellNode> stack) => PushChildren(stack, skipPlainWords: true);

    private void PushChildren(Stack<ShellNode> stack, bool skipPlainWords)
    {
        // Reverse source order: merge words and redirections from the back, then the assignments.
        var w = Words.Length - 1;
        var r = Redirections.Length - 1;
        while (w >= 0 || r >= 0)
        {
            if (r < 0 || (w >= 0 && Words[w].Start > Redirections[r].Start))
            {
                var word = Words[w--];
                if (!(skipPlainWords && word.IsPlain)) stack.Push(word);
            }
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
