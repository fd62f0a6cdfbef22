using System.Collections.Immutable;

namespace Plimsoll.Syntax.Shell;

/// <summary>
/// A node of a parsed shell script. Offsets are into the text given to <see cref="ShellParser"/>;
/// the Dockerfile layer maps them back to file positions.
/// </summary>
public abstract class ShellNode
{
    private protected ShellNode(int start, int length)
    {
        Start = start;
        Length = length;
    }

    public int Start { get; }
    public int Length { get; }
    public int End => Start + Length;

    /// <summary>The enclosing node; null for the root script. Set once, after parsing.</summary>
    public ShellNode? Parent { get; internal set; }

    /// <summary>Direct children, in source order.</summary>
    public abstract IEnumerable<ShellNode> ChildNodes();

    /// <summary>This node and all nodes below it, in pre-order (iterative, so deep trees cannot overflow the stack).</summary>
    public IEnumerable<ShellNode> DescendantNodesAndSelf()
    {
        var stack = new Stack<ShellNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = node.ChildNodes().ToList();
            for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    /// <summary>The source text this node covers.</summary>
    public string GetText(string source) =>
        Start >= 0 && End <= source.Length ? source.Substring(Start, Length) : string.Empty;

    public override string ToString() => $"{GetType().Name}[{Start}..{End})";

    internal static IEnumerable<ShellNode> Concat(params IEnumerable<ShellNode>?[] groups)
    {
        foreach (var g in groups)
        {
            if (g == null) continue;
            foreach (var n in g)
                if (n != null) yield return n;
        }
    }

    internal static IEnumerable<ShellNode> One(ShellNode? node) =>
        node == null ? Enumerable.Empty<ShellNode>() : new[] { node };
}

/// <summary>A sequence of command lists: the whole input, the body of a compound command or of a substitution.</summary>
public sealed class ShellScript : ShellNode
{
    internal ShellScript(int start, int length, ImmutableArray<ShellCommandList> lists) : base(start, length)
    {
        Lists = lists;
    }

    public ImmutableArray<ShellCommandList> Lists { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Lists;

    /// <summary>
    /// Every simple command in this script, including those nested in compound commands, pipelines,
    /// command and process substitutions, each with its enclosing pipeline and and-or list.
    /// </summary>
    public IEnumerable<ShellCommandContext> DescendantCommands() => ShellCommandContext.Enumerate(this, includeCompound: false);

    /// <summary>Like <see cref="DescendantCommands"/> but also yields compound commands (subshells, if, for, ...).</summary>
    public IEnumerable<ShellCommandContext> DescendantCommandsIncludingCompound() => ShellCommandContext.Enumerate(this, includeCompound: true);
}

/// <summary>How a command list ends.</summary>
public enum ShellSeparatorKind
{
    /// <summary>End of input or of the enclosing construct.</summary>
    None,
    Semicolon,
    /// <summary>`&amp;`: the list runs in the background.</summary>
    Ampersand,
    Newline,
}

public enum ShellAndOrOperatorKind
{
    /// <summary>`&amp;&amp;`</summary>
    And,
    /// <summary>`||`</summary>
    Or,
}

/// <summary>An operator between two pipelines of an and-or list, with its span.</summary>
public readonly record struct ShellAndOrOperator(ShellAndOrOperatorKind Kind, int Start, int Length);

/// <summary>
/// An and-or list (`a &amp;&amp; b || c`) and the separator that ends it (`;`, `&amp;`, newline or none).
/// <see cref="Operators"/>[i] joins <see cref="Pipelines"/>[i] and [i+1].
/// </summary>
public sealed class ShellCommandList : ShellNode
{
    internal ShellCommandList(int start, int length, ImmutableArray<ShellPipeline> pipelines,
        ImmutableArray<ShellAndOrOperator> operators, ShellSeparatorKind separator, int separatorStart)
        : base(start, length)
    {
        Pipelines = pipelines;
        Operators = operators;
        Separator = separator;
        SeparatorStart = separatorStart;
    }

    public ImmutableArray<ShellPipeline> Pipelines { get; }
    public ImmutableArray<ShellAndOrOperator> Operators { get; }
    public ShellSeparatorKind Separator { get; }

    /// <summary>Offset of the separator, or -1 when <see cref="Separator"/> is None.</summary>
    public int SeparatorStart { get; }

    public bool IsBackground => Separator == ShellSeparatorKind.Ampersand;

    public override IEnumerable<ShellNode> ChildNodes() => Pipelines;
}

/// <summary>A pipeline `[!] cmd1 | cmd2 | ...`; a single command is a pipeline of one.</summary>
public sealed class ShellPipeline : ShellNode
{
    internal ShellPipeline(int start, int length, bool isNegated, ImmutableArray<ShellCommand> commands,
        ImmutableArray<int> pipeStarts, bool isTimed = false)
        : base(start, length)
    {
        IsTimed = isTimed;
        IsNegated = isNegated;
        Commands = commands;
        PipeStarts = pipeStarts;
    }

    /// <summary>Starts with `!`.</summary>
    public bool IsNegated { get; }

    /// <summary>Prefixed by the bash `time` keyword (only recognised before a compound command; `time cmd` is a simple command).</summary>
    public bool IsTimed { get; }

    public ImmutableArray<ShellCommand> Commands { get; }

    /// <summary>Offsets of the `|` (or `|&amp;`) operators; PipeStarts[i] follows Commands[i].</summary>
    public ImmutableArray<int> PipeStarts { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Commands;
}
