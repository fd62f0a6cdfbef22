using System.Collections.Immutable;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>
/// An instruction: keyword, flags, arguments and any heredocs. Arguments are <see cref="WordSyntax"/>,
/// <see cref="ShellFormSyntax"/>, <see cref="ExecFormSyntax"/>, <see cref="KeyValuePairSyntax"/> nodes, or for
/// ONBUILD the inner instruction. Typed subclasses name the parts of each instruction.
/// </summary>
public abstract class InstructionSyntax : DockerfileNode
{
    private protected InstructionSyntax(DockerfileSyntaxKind kind, InstructionParts parts) : base(kind)
    {
        Keyword = parts.Keyword;
        Flags = parts.Flags;
        Arguments = parts.Arguments;
        Heredocs = parts.Heredocs;
        Line = parts.Line;
        LogicalStart = parts.LogicalStart;
        foreach (var flag in Flags) flag.Parent = this;
        foreach (var argument in Arguments) argument.Parent = this;
        foreach (var heredoc in Heredocs) heredoc.Parent = this;
    }

    public DockerfileToken Keyword { get; }
    public ImmutableArray<FlagSyntax> Flags { get; }
    public ImmutableArray<DockerfileNode> Arguments { get; }
    public ImmutableArray<HeredocSyntax> Heredocs { get; }

    /// <summary>The instruction name, upper-cased (unknown instructions keep their spelling upper-cased too).</summary>
    public string Name => Keyword.Text.ToUpperInvariant();

    /// <summary>The logical line as BuildKit reads it: continuations and comment lines removed.</summary>
    public string Original => Line.Text.Substring(LogicalStart).Trim();

    /// <summary>
    /// Whether <see cref="Original"/> contains <paramref name="value"/> (which neither starts nor ends with white
    /// space), without cutting the text: rules ask this of every instruction of a stage, per command.
    /// </summary>
    public bool OriginalContains(string value, StringComparison comparison) =>
        Line.Text.AsSpan(LogicalStart).IndexOf(value.AsSpan(), comparison) >= 0;

    /// <summary>The number of COPY/ADD path words (or JSON strings), without building a list.</summary>
    internal int PathArgumentCount
    {
        get
        {
            int count = 0;
            foreach (var argument in Arguments)
            {
                if (argument is WordSyntax) count++;
                else if (argument is ExecFormSyntax exec)
                    foreach (var element in exec.Elements)
                        if (element.Kind == DockerfileSyntaxKind.JsonStringToken) count++;
            }
            return count;
        }
    }

    /// <summary>True when the arguments are in exec (JSON array) form.</summary>
    public bool IsExecForm => Arguments.Any(a => a.Kind == DockerfileSyntaxKind.ExecForm);

    /// <summary>Every flag <c>--name=value</c> with that name and value (both compared case-insensitively).</summary>
    /// <remarks>A loop, not a query with a closure: rules ask it of every RUN, and most have no flag at all.</remarks>
    public IEnumerable<FlagSyntax> FlagsWithValue(string name, string value)
    {
        List<FlagSyntax>? found = null;
        foreach (var flag in Flags)
            if (flag.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && string.Equals(flag.Value, value, StringComparison.OrdinalIgnoreCase))
                (found ??= new List<FlagSyntax>()).Add(flag);
        return (IEnumerable<FlagSyntax>?)found ?? Array.Empty<FlagSyntax>();
    }

    public FlagSyntax? GetFlag(string name)
    {
        foreach (var flag in Flags)
            if (string.Equals(flag.Name, name, StringComparison.OrdinalIgnoreCase)) return flag;
        return null;
    }

    internal LogicalLine Line { get; }
    internal int LogicalStart { get; }

    internal override int SlotCount => 1 + Flags.Length + Arguments.Length + Heredocs.Length;

    internal override DockerfileNodeOrToken GetSlot(int index)
    {
        if (index == 0) return Keyword;
        index--;
        if (index < Flags.Length) return Flags[index];
        index -= Flags.Length;
        if (index < Arguments.Length) return Arguments[index];
        return Heredocs[index - Arguments.Length];
    }

    internal static InstructionSyntax Create(DockerfileSyntaxKind kind, InstructionParts parts) => kind switch
    {
        DockerfileSyntaxKind.FromInstruction => new FromInstructionSyntax(parts),
        DockerfileSyntaxKind.RunInstruction => new RunInstructionSyntax(parts),
        DockerfileSyntaxKind.CmdInstruction => new CommandInstructionSyntax(kind, parts),
        DockerfileSyntaxKind.EntrypointInstruction => new CommandInstructionSyntax(kind, parts),
        DockerfileSyntaxKind.ShellInstruction => new CommandInstructionSyntax(kind, parts),
        DockerfileSyntaxKind.CopyInstruction => new CopyInstructionSyntax(kind, parts),
        DockerfileSyntaxKind.AddInstruction => new CopyInstructionSyntax(kind, parts),
        DockerfileSyntaxKind.EnvInstruction => new KeyValueInstructionSyntax(kind, parts),
        DockerfileSyntaxKind.LabelInstruction => new KeyValueInstructionSyntax(kind, parts),
        DockerfileSyntaxKind.ArgInstruction => new KeyValueInstructionSyntax(kind, parts),
        DockerfileSyntaxKind.HealthcheckInstruction => new HealthcheckInstructionSyntax(parts),
        DockerfileSyntaxKind.OnbuildInstruction => new OnbuildInstructionSyntax(parts),
        DockerfileSyntaxKind.UnknownInstruction => new UnknownInstructionSyntax(parts),
        // USER, WORKDIR, STOPSIGNAL, MAINTAINER (one value); EXPOSE, VOLUME (a list).
        _ => new SimpleInstructionSyntax(kind, parts),
    };
}

/// <summary>What the parser gathered for one instruction.</summary>
internal readonly record struct InstructionParts(
    DockerfileToken Keyword,
    ImmutableArray<FlagSyntax> Flags,
    ImmutableArray<DockerfileNode> Arguments,
    ImmutableArray<HeredocSyntax> Heredocs,
    LogicalLine Line,
    int LogicalStart);

/// <summary><c>FROM [--platform=…] image [AS name]</c>.</summary>
public sealed class FromInstructionSyntax : InstructionSyntax
{
    internal FromInstructionSyntax(InstructionParts parts) : base(DockerfileSyntaxKind.FromInstruction, parts) { }

    public WordSyntax? Image => Arguments.Length > 0 ? Arguments[0] as WordSyntax : null;

    /// <summary>The <c>AS</c> keyword, when the stage is named.</summary>
    public WordSyntax? AsKeyword => Arguments.Length == 3 && Arguments[1] is WordSyntax w && w.Value.Equals("as", StringComparison.OrdinalIgnoreCase) ? w : null;
    public WordSyntax? StageName => AsKeyword != null ? Arguments[2] as WordSyntax : null;
}

/// <summary>CMD, ENTRYPOINT and SHELL: a command in shell or exec form.</summary>
public class CommandInstructionSyntax : InstructionSyntax
{
    internal CommandInstructionSyntax(DockerfileSyntaxKind kind, InstructionParts parts) : base(kind, parts) { }

    public ShellFormSyntax? ShellForm => FirstArgument<ShellFormSyntax>();
    public ExecFormSyntax? ExecForm => FirstArgument<ExecFormSyntax>();

    // A loop: OfType over the arguments boxed the array and enumerated it untyped, for every rule that asks of every RUN.
    private T? FirstArgument<T>() where T : DockerfileNode
    {
        foreach (var argument in Arguments)
            if (argument is T found) return found;
        return null;
    }
}

/// <summary><c>RUN [--mount=…] [--network=…] [--security=…] command</c>.</summary>
public sealed class RunInstructionSyntax : CommandInstructionSyntax
{
    internal RunInstructionSyntax(InstructionParts parts) : base(DockerfileSyntaxKind.RunInstruction, parts) { }

    /// <summary>The scripts this RUN gives a shell, parsed once (see <see cref="Analysis.RunScripts"/>): kept with the node, which they depend on alone.</summary>
    internal IReadOnlyList<Analysis.RunScript>? Scripts;

    /// <summary>The exec form read as commands, once (see <see cref="Analysis.ExecFormScripts"/>).</summary>
    internal IReadOnlyList<Analysis.RunScript>? ExecFormScripts;
}

/// <summary>COPY and ADD: sources then a destination, in list or JSON form; sources may be heredocs.</summary>
public sealed class CopyInstructionSyntax : InstructionSyntax
{
    internal CopyInstructionSyntax(DockerfileSyntaxKind kind, InstructionParts parts) : base(kind, parts) { }

    /// <summary>Every path argument in order (words, or the strings of the JSON form); the last is the destination.</summary>
    public IReadOnlyList<DockerfileToken> PathTokens
    {
        get
        {
            var list = new List<DockerfileToken>();
            foreach (var argument in Arguments)
            {
                if (argument is WordSyntax word) list.Add(word.Token);
                else if (argument is ExecFormSyntax exec) list.AddRange(exec.StringTokens);
            }
            return list;
        }
    }
}

/// <summary>ENV, LABEL and ARG: a list of key/value pairs.</summary>
public sealed class KeyValueInstructionSyntax : InstructionSyntax
{
    private ImmutableArray<KeyValuePairSyntax> _pairs;

    internal KeyValueInstructionSyntax(DockerfileSyntaxKind kind, InstructionParts parts) : base(kind, parts) { }

    /// <summary>The pairs among the arguments, picked out once (the rules and the semantic model ask many times).</summary>
    public ImmutableArray<KeyValuePairSyntax> Pairs
    {
        get
        {
            if (_pairs.IsDefault)
            {
                var pairs = ImmutableArray.CreateBuilder<KeyValuePairSyntax>(Arguments.Length);
                foreach (var argument in Arguments)
                    if (argument is KeyValuePairSyntax pair) pairs.Add(pair);
                _pairs = pairs.Count == pairs.Capacity ? pairs.MoveToImmutable() : pairs.ToImmutable();
            }
            return _pairs;
        }
    }
}

/// <summary><c>HEALTHCHECK [options] CMD command</c> or <c>HEALTHCHECK NONE</c>.</summary>
public sealed class HealthcheckInstructionSyntax : InstructionSyntax
{
    internal HealthcheckInstructionSyntax(InstructionParts parts) : base(DockerfileSyntaxKind.HealthcheckInstruction, parts) { }

    /// <summary><c>CMD</c> or <c>NONE</c> (other words are rejected by BuildKit later).</summary>
    public WordSyntax? Type => Arguments.Length > 0 ? Arguments[0] as WordSyntax : null;
}

/// <summary><c>ONBUILD instruction</c>: the inner instruction is the only argument.</summary>
public sealed class OnbuildInstructionSyntax : InstructionSyntax
{
    internal OnbuildInstructionSyntax(InstructionParts parts) : base(DockerfileSyntaxKind.OnbuildInstruction, parts) { }

    public InstructionSyntax? Inner => Arguments.Length > 0 ? Arguments[0] as InstructionSyntax : null;
}

/// <summary>An instruction BuildKit does not know; its arguments are kept as text.</summary>
public sealed class UnknownInstructionSyntax : InstructionSyntax
{
    internal UnknownInstructionSyntax(InstructionParts parts) : base(DockerfileSyntaxKind.UnknownInstruction, parts) { }
}

/// <summary>USER, WORKDIR, STOPSIGNAL, MAINTAINER (one text value) and EXPOSE, VOLUME (a list).</summary>
public sealed class SimpleInstructionSyntax : InstructionSyntax
{
    internal SimpleInstructionSyntax(DockerfileSyntaxKind kind, InstructionParts parts) : base(kind, parts) { }

    /// <summary>The value for single-value instructions (USER, WORKDIR, …), or null.</summary>
    public string? Value => Arguments.Length == 1 && Arguments[0] is WordSyntax word ? word.Value : null;
}
