namespace Plimsoll.Syntax.Dockerfile;

/// <summary>Every kind of token, trivia and node in a Dockerfile syntax tree.</summary>
public enum DockerfileSyntaxKind : ushort
{
    None = 0,

    // Tokens
    EndOfFileToken,
    /// <summary>The instruction name: FROM, RUN, …</summary>
    KeywordToken,
    /// <summary>A builder flag such as <c>--mount=type=cache,target=/x</c>.</summary>
    FlagToken,
    /// <summary>A whitespace-delimited argument (FROM, COPY, EXPOSE, …).</summary>
    WordToken,
    /// <summary>The rest of the line taken as one argument: shell form commands, USER, WORKDIR, …</summary>
    TextToken,
    OpenBracketToken,
    CloseBracketToken,
    CommaToken,
    /// <summary>A JSON string in an exec-form array, quotes included.</summary>
    JsonStringToken,
    /// <summary>Anything else in an exec-form array (only in arrays BuildKit rejects).</summary>
    JsonOtherToken,
    KeyToken,
    EqualsToken,
    ValueToken,
    /// <summary>The lines of a heredoc body, line endings included.</summary>
    HeredocBodyToken,
    /// <summary>The line that ends a heredoc (without its line ending).</summary>
    HeredocTerminatorToken,
    DirectiveHashToken,
    DirectiveNameToken,
    DirectiveEqualsToken,
    DirectiveValueToken,

    // Trivia
    WhitespaceTrivia,
    EndOfLineTrivia,
    CommentTrivia,
    /// <summary>The escape character at the end of a line, trailing blanks and the line ending.</summary>
    LineContinuationTrivia,
    ByteOrderMarkTrivia,
    /// <summary>Text no token claims (only in malformed input).</summary>
    SkippedTextTrivia,

    // Nodes
    Dockerfile,
    ParserDirective,
    Flag,
    ShellForm,
    ExecForm,
    Word,
    KeyValuePair,
    Heredoc,

    // Instructions
    FromInstruction,
    RunInstruction,
    CmdInstruction,
    EntrypointInstruction,
    ShellInstruction,
    CopyInstruction,
    AddInstruction,
    EnvInstruction,
    LabelInstruction,
    ArgInstruction,
    ExposeInstruction,
    UserInstruction,
    WorkdirInstruction,
    VolumeInstruction,
    StopSignalInstruction,
    MaintainerInstruction,
    HealthcheckInstruction,
    OnbuildInstruction,
    UnknownInstruction,
}

public static class DockerfileSyntaxFacts
{
    public static bool IsTrivia(DockerfileSyntaxKind kind)
        => kind >= DockerfileSyntaxKind.WhitespaceTrivia && kind <= DockerfileSyntaxKind.SkippedTextTrivia;

    public static bool IsInstruction(DockerfileSyntaxKind kind)
        => kind >= DockerfileSyntaxKind.FromInstruction && kind <= DockerfileSyntaxKind.UnknownInstruction;

    /// <summary>The instruction kind for a keyword, case-insensitively; <see cref="DockerfileSyntaxKind.UnknownInstruction"/> otherwise.</summary>
    public static DockerfileSyntaxKind InstructionKind(string keyword) => InstructionKind(keyword.AsSpan());

    public static DockerfileSyntaxKind InstructionKind(ReadOnlySpan<char> keyword)
    {
        foreach (var (name, kind) in Keywords)
            if (keyword.Equals(name.AsSpan(), StringComparison.OrdinalIgnoreCase)) return kind;
        return DockerfileSyntaxKind.UnknownInstruction;
    }

    private static readonly (string Name, DockerfileSyntaxKind Kind)[] Keywords =
    {
        ("RUN", DockerfileSyntaxKind.RunInstruction),
        ("FROM", DockerfileSyntaxKind.FromInstruction),
        ("COPY", DockerfileSyntaxKind.CopyInstruction),
        ("ENV", DockerfileSyntaxKind.EnvInstruction),
        ("ARG", DockerfileSyntaxKind.ArgInstruction),
        ("LABEL", DockerfileSyntaxKind.LabelInstruction),
        ("CMD", DockerfileSyntaxKind.CmdInstruction),
        ("ENTRYPOINT", DockerfileSyntaxKind.EntrypointInstruction),
        ("WORKDIR", DockerfileSyntaxKind.WorkdirInstruction),
        ("EXPOSE", DockerfileSyntaxKind.ExposeInstruction),
        ("USER", DockerfileSyntaxKind.UserInstruction),
        ("ADD", DockerfileSyntaxKind.AddInstruction),
        ("VOLUME", DockerfileSyntaxKind.VolumeInstruction),
        ("SHELL", DockerfileSyntaxKind.ShellInstruction),
        ("STOPSIGNAL", DockerfileSyntaxKind.StopSignalInstruction),
        ("MAINTAINER", DockerfileSyntaxKind.MaintainerInstruction),
        ("HEALTHCHECK", DockerfileSyntaxKind.HealthcheckInstruction),
        ("ONBUILD", DockerfileSyntaxKind.OnbuildInstruction),
    };
}
