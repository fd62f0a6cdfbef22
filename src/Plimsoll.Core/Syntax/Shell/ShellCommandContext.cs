namespace Plimsoll.Syntax.Shell;

/// <summary>
/// A command together with where it sits: its pipeline, its and-or list and the command that encloses it
/// (the compound command, or the command whose word holds the substitution). Lets a rule ask
/// "is this curl piped into sh?" or "what runs after this command in the same list?".
/// </summary>
public sealed class ShellCommandContext
{
    internal ShellCommandContext(ShellCommand command, ShellPipeline pipeline, int pipelineIndex,
        ShellCommandList list, int listIndex, ShellScript script, ShellCommandContext? outer, ShellCommandSubstitution? substitution)
    {
        Command = command;
        Pipeline = pipeline;
        PipelineIndex = pipelineIndex;
        List = list;
        ListIndex = listIndex;
        Script = script;
        Outer = outer;
        Substitution = substitution;
    }

    public ShellCommand Command { get; }

    /// <summary>The command as a simple command; null for compound commands.</summary>
    public SimpleCommand? SimpleCommand => Command as SimpleCommand;

    /// <summary>The pipeline holding <see cref="Command"/>.</summary>
    public ShellPipeline Pipeline { get; }

    /// <summary>Index of <see cref="Command"/> in <see cref="Pipeline"/>.Commands.</summary>
    public int PipelineIndex { get; }

    /// <summary>The and-or list holding <see cref="Pipeline"/>.</summary>
    public ShellCommandList List { get; }

    /// <summary>Index of <see cref="Pipeline"/> in <see cref="List"/>.Pipelines.</summary>
    public int ListIndex { get; }

    /// <summary>The script (top level, compound body or substitution body) holding <see cref="List"/>.</summary>
    public ShellScript Script { get; }

    /// <summary>The enclosing command's context (compound command, or the command containing the substitution); null at top level.</summary>
    public ShellCommandContext? Outer { get; }

    /// <summary>The innermost command or process substitution this command runs in, if any.</summary>
    public ShellCommandSubstitution? Substitution { get; }

    /// <summary>The commands after this one in the same pipeline (`curl x | sh` → `sh`).</summary>
    public IEnumerable<ShellCommand> FollowingInPipeline()
    {
        for (var i = PipelineIndex + 1; i < Pipeline.CommandCount; i++)
            yield return Pipeline.CommandAt(i);
    }

    /// <summary>The commands before this one in the same pipeline.</summary>
    public IEnumerable<ShellCommand> PrecedingInPipeline()
    {
        for (var i = 0; i < PipelineIndex; i++)
            yield return Pipeline.CommandAt(i);
    }

    /// <summary>The pipelines after this one in the same and-or list, with the operator that joins each.</summary>
    public IEnumerable<(ShellAndOrOperator Operator, ShellPipeline Pipeline)> FollowingInList()
    {
        for (var i = ListIndex + 1; i < List.PipelineCount; i++)
            yield return (List.Operators[i - 1], List.PipelineAt(i));
    }

    /// <summary>Simple commands that run after this one in the same pipeline, looking inside compound commands (`curl x | (cd /; sh)`).</summary>
    /// <remarks>Asked of most download and package commands, which are mostly last in their pipeline: then no iterator is made.</remarks>
    public IEnumerable<SimpleCommand> SimpleCommandsPipedTo()
        => PipelineIndex + 1 < Pipeline.CommandCount ? CommandsPipedTo() : Array.Empty<SimpleCommand>();

    private IEnumerable<SimpleCommand> CommandsPipedTo()
    {
        foreach (var c in FollowingInPipeline())
            foreach (var n in c.DescendantNodesAndSelf())
                if (n is SimpleCommand s) yield return s;
    }

    /// <summary>This context and its <see cref="Outer"/> chain, innermost first.</summary>
    public IEnumerable<ShellCommandContext> SelfAndOuter()
    {
        for (var c = this; c != null; c = c.Outer) yield return c;
    }

    internal static ShellCommandContext[] Enumerate(ShellScript root, bool includeCompound)
    {
        var walker = Walker.Rent();
        walker.Enumerate(root, includeCompound, null, walker.Output);
        var commands = walker.TakeOutput();
        Walker.Return(walker);
        return commands;
    }

    /// <summary>
    /// Like <see cref="Enumerate(ShellScript, bool)"/>, and also the commands of `sh -c '...'` / `su -c '...'`
    /// inline scripts (parsed in place, nested up to <paramref name="maxInlineDepth"/> levels; Outer is the `sh` command).
    /// </summary>
    internal static ShellCommandContext[] EnumerateWithInlineScripts(string source, ShellScript root, int maxInlineDepth)
    {
        var walker = Walker.Rent();
        var output = walker.Output;
        var work = walker.InlineScripts;
        // The root's own commands come first, exactly as DescendantCommands lists them: one walk serves both. Copied
        // apart only when inline scripts follow; without them (most scripts) both are the one array made at the end.
        ShellCommandContext[]? rootCommands = null;
        work.Push((root, null, 0));
        while (work.Count > 0)
        {
            var (script, outer, depth) = work.Pop();
            var first = output.Count;
            walker.Enumerate(script, includeCompound: false, outer, output);
            if (depth < maxInlineDepth)
            {
                for (var i = first; i < output.Count; i++)
                {
                    var ctx = output[i];
                    if (ctx.SimpleCommand!.ResolvedCommand.TryParseInlineScript(source, out var inline))
                        work.Push((inline.Script, ctx, depth + 1));
                }
            }
            if (outer == null && work.Count > 0) rootCommands = output.ToArray();
        }
        SortBySource(output, 0);
        var commands = walker.TakeOutput();
        Walker.Return(walker);
        root.ShareDescendantCommands(rootCommands ?? commands);
        return commands;
    }

    /// <summary>
    /// Sorts <paramref name="items"/> from <paramref name="first"/> on by command start, keeping the order of equal starts
    /// (a stable sort, as rules rely on source order). The walk mostly yields source order already, so check that first.
    /// </summary>
    private static void SortBySource(List<ShellCommandContext> items, int first)
    {
        var sorted = true;
        for (var i = first + 1; i < items.Count && sorted; i++)
            sorted = items[i - 1].Command.Start <= items[i].Command.Start;
        if (sorted) return;
        var count = items.Count - first;
        var keys = new (int Start, int Index)[count];
        var values = new ShellCommandContext[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = items[first + i];
            keys[i] = (values[i].Command.Start, i);
        }
        Array.Sort(keys, values);
        for (var i = 0; i < count; i++) items[first + i] = values[i];
    }

    /// <summary>
    /// The command walk, with its work lists kept for reuse: one per thread, taken by <see cref="Rent"/> and given back by
    /// <see cref="Return"/> (an enumeration started while another runs on the same thread gets a fresh one).
    /// </summary>
    private sealed class Walker
    {
        [ThreadStatic] private static Walker? s_cached;

        public static Walker Rent()
        {
            var walker = s_cached ?? new Walker();
            s_cached = null;
            return walker;
        }

        public static void Return(Walker walker) => s_cached = walker;

        /// <summary>The commands found so far, given out as an exact array by <see cref="TakeOutput"/> (a list per walk grew by doubling).</summary>
        public readonly List<ShellCommandContext> Output = new();

        /// <summary><see cref="Output"/> as an array, the list emptied for the next walk.</summary>
        public ShellCommandContext[] TakeOutput()
        {
            var commands = Output.ToArray();
            Output.Clear();
            return commands;
        }

        /// <summary>The `sh -c` scripts still to enumerate, for <see cref="EnumerateWithInlineScripts"/>.</summary>
        public readonly Stack<(ShellScript Script, ShellCommandContext? Outer, int Depth)> InlineScripts = new();

        private readonly List<(ShellScript Script, ShellCommandContext? Outer, ShellCommandSubstitution? Substitution)> _nested = new();
        private readonly Stack<ShellNode> _nodes = new();

        /// <summary>Appends the commands of <paramref name="root"/> to <paramref name="output"/>, in source order.</summary>
        public void Enumerate(ShellScript root, bool includeCompound, ShellCommandContext? rootOuter, List<ShellCommandContext> output)
        {
            var first = output.Count;
            EnumerateScript(root, rootOuter, null, includeCompound, output);
            // Pre-order is source order except in rare shapes (a redirection before an assignment holding a substitution).
            SortBySource(output, first);
        }

        /// <summary>
        /// Each command, then the commands of the scripts nested in it (compound bodies, substitutions), then the next
        /// command. Recursion depth is that of nested scripts, which the parser bounds (its nesting limit).
        /// </summary>
        private void EnumerateScript(ShellScript script, ShellCommandContext? outer, ShellCommandSubstitution? substitution,
            bool includeCompound, List<ShellCommandContext> output)
        {
            foreach (var list in script.Lists)
            {
                for (var li = 0; li < list.PipelineCount; li++)
                {
                    var pipeline = list.PipelineAt(li);
                    for (var pi = 0; pi < pipeline.CommandCount; pi++)
                    {
                        var command = pipeline.CommandAt(pi);
                        var ctx = new ShellCommandContext(command, pipeline, pi, list, li, script, outer, substitution);
                        if (includeCompound || command is SimpleCommand) output.Add(ctx);
                        // This command's nested scripts sit above index `first` of the shared list while they are walked.
                        var first = _nested.Count;
                        CollectNestedScripts(command, ctx, substitution);
                        var end = _nested.Count;
                        for (var i = first; i < end; i++)
                        {
                            var (nested, nestedOuter, nestedSubstitution) = _nested[i];
                            EnumerateScript(nested, nestedOuter, nestedSubstitution, includeCompound, output);
                        }
                        _nested.RemoveRange(first, end - first);
                    }
                }
            }
        }

        /// <summary>The scripts directly inside a command: compound bodies, and substitutions in its words and redirections.</summary>
        private void CollectNestedScripts(ShellCommand command, ShellCommandContext ctx, ShellCommandSubstitution? substitution)
        {
            // A function body (an inner command) is walked like the rest: its scripts belong to the same context.
            if (command is SimpleCommand simple) simple.PushChildrenExceptPlainWords(_nodes);
            else command.PushChildren(_nodes);
            while (_nodes.Count > 0)
            {
                var node = _nodes.Pop();
                if (node is ShellScript s) _nested.Add((s, ctx, substitution));
                else if (node is ShellCommandSubstitution sub) _nested.Add((sub.Body, ctx, sub));
                // A plain word holds nothing (and would have to make its literal part to be walked).
                else if (node is not ShellWord { IsPlain: true }) node.PushChildren(_nodes);
            }
        }
    }
}
