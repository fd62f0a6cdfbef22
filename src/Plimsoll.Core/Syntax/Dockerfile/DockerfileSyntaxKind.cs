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
    public static DockerfileSyntaxKind InstructionKind(string keyword)
    {
        switch (keyword.ToLowerInvariant())
        {
            case "from": return DockerfileSyntaxKind.FromInstruction;
            case "run": return DockerfileSyntaxKind.RunInstruction;
            case "cmd": return DockerfileSyntaxKind.CmdInstruction;
            case "entrypoint": return DockerfileSyntaxKind.EntrypointInstruction;
            case "shell": return DockerfileSyntaxKind.ShellInstruction;
            case "copy": return DockerfileSyntaxKind.CopyInstruction;
            case "add": return DockerfileSyntaxKind.AddInstruction;
            case "env": return DockerfileSyntaxKind.EnvInstruction;
            case "label": return DockerfileSyntaxKind.LabelInstruction;
            case "arg": return DockerfileSyntaxKind.ArgInstruction;
            case "expose": return DockerfileSyntaxKind.ExposeInstruction;
            case "user": return DockerfileSyntaxKind.UserInstruction;
            case "workdir": return DockerfileSyntaxKind.WorkdirInstruction;
            case "volume": return DockerfileSyntaxKind.VolumeInstruction;
            case "stopsignal": return DockerfileSyntaxKind.StopSignalInstruction;
            case "maintainer": return DockerfileSyntaxKind.MaintainerInstruction;
            case "healthcheck": return DockerfileSyntaxKind.HealthcheckInstruction;
            case "onbuild": return DockerfileSyntaxKind.OnbuildInstruction;
            default: return DockerfileSyntaxKind.UnknownInstruction;
        }
    }
}
