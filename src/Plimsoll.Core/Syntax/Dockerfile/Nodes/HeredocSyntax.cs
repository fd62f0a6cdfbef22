using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>
/// A here-document of RUN, COPY or ADD: its marker (<c>&lt;&lt;EOF</c>) stays in the instruction line;
/// the body and the terminator line follow the instruction.
/// </summary>
public sealed class HeredocSyntax : DockerfileNode
{
    internal HeredocSyntax(string name, bool expand, bool chomp, int fileDescriptor, TextSpan markerSpan, DockerfileToken body, DockerfileToken terminator)
        : base(DockerfileSyntaxKind.Heredoc)
    {
        Name = name;
        Expand = expand;
        Chomp = chomp;
        FileDescriptor = fileDescriptor;
        MarkerSpan = markerSpan;
        Body = body;
        Terminator = terminator;
    }

    /// <summary>The terminator word with quotes removed.</summary>
    public string Name { get; }

    /// <summary>False when the marker word was quoted: variables in the body are not expanded.</summary>
    public bool Expand { get; }

    /// <summary>True for <c>&lt;&lt;-</c>: leading tabs are stripped.</summary>
    public bool Chomp { get; }
    public int FileDescriptor { get; }

    /// <summary>The source span of the marker word in the instruction line.</summary>
    public TextSpan MarkerSpan { get; }
    public DockerfileToken Body { get; }

    /// <summary>Absent when the heredoc is not terminated (a PL9001 is reported).</summary>
    public DockerfileToken Terminator { get; }

    /// <summary>The body exactly as written (line endings kept, tabs not yet chomped), as BuildKit's AST holds it.</summary>
    public string Content => Body.Text;

    internal override int SlotCount => 2;
    internal override DockerfileNodeOrToken GetSlot(int index) => index == 0 ? Body : Terminator;
}
