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

    /// <summary>The enclosing node; null for the root script. Set by the parent's constructor (trees are built bottom-up).</summary>
    public ShellNode? Parent { get; private set; }

    /// <summary>Direct children, in source order.</summary>
    public abstract IEnumerable<ShellNode> ChildNodes();

    /// <summary>
    /// Pushes the direct children (those of <see cref="ChildNodes"/>) in reverse source order, so that popping
    /// yields them in order. Tree walks use this rather than <see cref="ChildNodes"/>: it allocates nothing per node.
    /// </summary>
    internal abstract void PushChildren(Stack<ShellNode> stack);

    /// <summary>This node and all nodes below it, in pre-order (iterative, so deep trees cannot overflow the stack).</summary>
    public IEnumerable<ShellNode> DescendantNodesAndSelf()
    {
        var stack = new Stack<ShellNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            node.PushChildren(stack);
        }
    }

    /// <summary>Makes this node the parent of <paramref name="child"/>; called by constructors.</summary>
    private protected void Adopt(ShellNode? child)
    {
        if (child != null) child.Parent = this;
    }

    private protected void Adopt<T>(ImmutableArray<T> children) where T : ShellNode
    {
        if (children.IsDefault) return;
        foreach (var child in children)
            if (child != null) child.Parent = this;
    }

    private protected static void Push(Stack<ShellNode> stack, ShellNode? node)
    {
        if (node != null) stack.Push(node);
    }

    private protected static void Push<T>(Stack<ShellNode> stack, ImmutableArray<T> nodes) where T : ShellNode
    {
        if (nodes.IsDefault) return;
        for (var i = nodes.Length - 1; i >= 0; i--)
            if (nodes[i] != null) stack.Push(nodes[i]);
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
        Adopt(lists);
    }

    public ImmutableArray<ShellCommandList> Lists { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Lists;

    internal override void PushChildren(Stack<ShellNode> stack) => Push(stack, Lists);

    /// <summary>
    /// Every simple command in this script, including those nested in compound commands, pipelines,
    /// command and process substitutions, each with its enclosing pipeline and and-or list.
    /// </summary>
    /// <remarks>Computed once per script (trees are immutable): rules ask for it once per command of interest.</remarks>
    public IEnumerable<ShellCommandContext> DescendantCommands() =>
        _descendantCommands ??= ShellCommandContext.Enumerate(this, includeCompound: false);

    private IReadOnlyList<ShellCommandContext>? _descendantCommands;

    /// <summary>
    /// Takes <paramref name="commands"/>, exactly <see cref="DescendantCommands"/> as the walk with inline scripts found
    /// them, as that list when it is not known yet.
    /// </summary>
    internal void ShareDescendantCommands(IReadOnlyList<ShellCommandContext> commands)
    {
        _descendantCommands ??= commands;
    }

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
    // Most lists are one pipeline (`apt-get update;`): it is kept alone, and the Pipelines array is made only when
    // someone asks for it (the one-element arrays were 1% of a Dockerfile corpus run's allocation).
    private readonly ShellPipeline? _single;
    private ImmutableArray<ShellPipeline> _pipelines;

    internal ShellCommandList(int start, int length, ImmutableArray<ShellPipeline> pipelines,
        ImmutableArray<ShellAndOrOperator> operators, ShellSeparatorKind separator, int separatorStart)
        : this(start, length, operators, separator, separatorStart)
    {
        _pipelines = pipelines;
        Adopt(pipelines);
    }

    internal ShellCommandList(int start, int length, ShellPipeline single, ShellSeparatorKind separator, int separatorStart)
        : this(start, length, ImmutableArray<ShellAndOrOperator>.Empty, separator, separatorStart)
    {
        _single = single;
        Adopt(single);
    }

    private ShellCommandList(int start, int length, ImmutableArray<ShellAndOrOperator> operators, ShellSeparatorKind separator, int separatorStart)
        : base(start, length)
    {
        Operators = operators;
        Separator = separator;
        SeparatorStart = separatorStart;
    }

    public ImmutableArray<ShellPipeline> Pipelines => _pipelines.IsDefault ? _pipelines = ImmutableArray.Create(_single!) : _pipelines;

    /// <summary>How many pipelines, without making the <see cref="Pipelines"/> array of a one-pipeline list.</summary>
    public int PipelineCount => _pipelines.IsDefault ? 1 : _pipelines.Length;

    /// <summary>The pipeline at <paramref name="index"/> (as <see cref="Pipelines"/>[index]), without making the array.</summary>
    public ShellPipeline PipelineAt(int index) => _pipelines.IsDefault
        ? index == 0 ? _single! : Pipelines[index] // out of range: throws as the array does
        : _pipelines[index];
    public ImmutableArray<ShellAndOrOperator> Operators { get; }
    public ShellSeparatorKind Separator { get; }

    /// <summary>Offset of the separator, or -1 when <see cref="Separator"/> is None.</summary>
    public int SeparatorStart { get; }

    public bool IsBackground => Separator == ShellSeparatorKind.Ampersand;

    public override IEnumerable<ShellNode> ChildNodes() => Pipelines;

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        if (_pipelines.IsDefault) stack.Push(_single!);
        else Push(stack, _pipelines);
    }
}

/// <summary>A pipeline `[!] cmd1 | cmd2 | ...`; a single command is a pipeline of one.</summary>
public sealed class ShellPipeline : ShellNode
{
    // Most pipelines are one command: it is kept alone, and the Commands array is made only when someone asks for it
    // (the one-element arrays were 1% of a Dockerfile corpus run's allocation).
    private readonly ShellCommand? _single;
    private ImmutableArray<ShellCommand> _commands;

    internal ShellPipeline(int start, int length, bool isNegated, ImmutableArray<ShellCommand> commands,
        ImmutableArray<int> pipeStarts, bool isTimed = false)
        : base(start, length)
    {
        IsTimed = isTimed;
        IsNegated = isNegated;
        _commands = commands;
        PipeStarts = pipeStarts;
        Adopt(commands);
    }

    internal ShellPipeline(int start, int length, bool isNegated, ShellCommand single, bool isTimed)
        : base(start, length)
    {
        IsTimed = isTimed;
        IsNegated = isNegated;
        _single = single;
        PipeStarts = ImmutableArray<int>.Empty;
        Adopt(single);
    }

    /// <summary>Starts with `!`.</summary>
    public bool IsNegated { get; }

    /// <summary>Prefixed by the bash `time` keyword (only recognised before a compound command; `time cmd` is a simple command).</summary>
    public bool IsTimed { get; }

    public ImmutableArray<ShellCommand> Commands => _commands.IsDefault ? _commands = ImmutableArray.Create(_single!) : _commands;

    /// <summary>How many commands, without making the <see cref="Commands"/> array of a one-command pipeline.</summary>
    public int CommandCount => _commands.IsDefault ? 1 : _commands.Length;

    /// <summary>The command at <paramref name="index"/> (as <see cref="Commands"/>[index]), without making the array.</summary>
    public ShellCommand CommandAt(int index) => _commands.IsDefault
        ? index == 0 ? _single! : Commands[index] // out of range: throws as the array does
        : _commands[index];

    /// <summary>Offsets of the `|` (or `|&amp;`) operators; PipeStarts[i] follows Commands[i].</summary>
    public ImmutableArray<int> PipeStarts { get; }

    public override IEnumerable<ShellNode> ChildNodes() => Commands;

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        if (_commands.IsDefault) stack.Push(_single!);
        else Push(stack, _commands);
    }
}
