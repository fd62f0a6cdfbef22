using System.Collections.Immutable;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>The root: parser directives, instructions, and the end-of-file token that holds trailing trivia.</summary>
public sealed class DockerfileSyntax : DockerfileNode
{
    internal DockerfileSyntax(ImmutableArray<ParserDirectiveSyntax> directives, ImmutableArray<InstructionSyntax> instructions, DockerfileToken endOfFile)
        : base(DockerfileSyntaxKind.Dockerfile)
    {
        Directives = directives;
        Instructions = instructions;
        EndOfFile = endOfFile;
        foreach (var directive in directives) directive.Parent = this;
        foreach (var instruction in instructions) instruction.Parent = this;
    }

    public ImmutableArray<ParserDirectiveSyntax> Directives { get; }
    public ImmutableArray<InstructionSyntax> Instructions { get; }
    public DockerfileToken EndOfFile { get; }

    internal DockerfileSyntaxTree? Tree { get; set; }

    internal override int SlotCount => Directives.Length + Instructions.Length + 1;

    internal override DockerfileNodeOrToken GetSlot(int index)
    {
        if (index < Directives.Length) return Directives[index];
        index -= Directives.Length;
        if (index < Instructions.Length) return Instructions[index];
        return EndOfFile;
    }
}

/// <summary>A parser directive such as <c># syntax=docker/dockerfile:1</c> or <c># escape=`</c>.</summary>
public sealed class ParserDirectiveSyntax : DockerfileNode
{
    internal ParserDirectiveSyntax(DockerfileToken hash, DockerfileToken name, DockerfileToken equals, DockerfileToken value)
        : base(DockerfileSyntaxKind.ParserDirective)
    {
        Hash = hash;
        NameToken = name;
        EqualsToken = equals;
        ValueToken = value;
    }

    public DockerfileToken Hash { get; }
    public DockerfileToken NameToken { get; }
    public DockerfileToken EqualsToken { get; }
    public DockerfileToken ValueToken { get; }

    /// <summary>The directive name, lower-cased as BuildKit compares it.</summary>
    public string Name => NameToken.Text.ToLowerInvariant();
    public string Value => ValueToken.Text;

    internal override int SlotCount => 4;

    internal override DockerfileNodeOrToken GetSlot(int index) => index switch
    {
        0 => Hash,
        1 => NameToken,
        2 => EqualsToken,
        _ => ValueToken,
    };
}
