using System.Collections.Immutable;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>One whitespace-delimited argument (FROM image, COPY source, EXPOSE port…).</summary>
public sealed class WordSyntax : DockerfileNode
{
    internal WordSyntax(DockerfileToken token) : base(DockerfileSyntaxKind.Word) => Token = token;

    public DockerfileToken Token { get; }
    public string Value => Token.Value;

    internal override int SlotCount => 1;
    internal override DockerfileNodeOrToken GetSlot(int index) => Token;
}

/// <summary>The shell form of a command: the rest of the line, run by the stage's SHELL.</summary>
public sealed class ShellFormSyntax : DockerfileNode
{
    internal ShellFormSyntax(DockerfileToken token) : base(DockerfileSyntaxKind.ShellForm) => Token = token;

    public DockerfileToken Token { get; }

    /// <summary>The command text with continuations removed, as BuildKit passes it to the shell.</summary>
    public string Command => Token.Value;

    internal override int SlotCount => 1;
    internal override DockerfileNodeOrToken GetSlot(int index) => Token;
}

/// <summary>The exec (JSON array) form: <c>["executable", "arg"]</c>.</summary>
public sealed class ExecFormSyntax : DockerfileNode
{
    internal ExecFormSyntax(DockerfileToken open, ImmutableArray<DockerfileToken> elements, DockerfileToken close)
        : base(DockerfileSyntaxKind.ExecForm)
    {
        OpenBracket = open;
        Elements = elements;
        CloseBracket = close;
    }

    public DockerfileToken OpenBracket { get; }

    /// <summary>Strings and the commas between them.</summary>
    public ImmutableArray<DockerfileToken> Elements { get; }
    public DockerfileToken CloseBracket { get; }

    public IEnumerable<DockerfileToken> StringTokens => Elements.Where(e => e.Kind == DockerfileSyntaxKind.JsonStringToken);
    public IReadOnlyList<string> Values => StringTokens.Select(t => t.Value).ToList();

    internal override int SlotCount => Elements.Length + 2;

    internal override DockerfileNodeOrToken GetSlot(int index)
        => index == 0 ? OpenBracket : index <= Elements.Length ? Elements[index - 1] : CloseBracket;
}

/// <summary>A <c>key=value</c> pair of ENV, LABEL or ARG, or the legacy <c>ENV key value</c> form.</summary>
public sealed class KeyValuePairSyntax : DockerfileNode
{
    internal KeyValuePairSyntax(DockerfileToken key, DockerfileToken equals, DockerfileToken value)
        : base(DockerfileSyntaxKind.KeyValuePair)
    {
        KeyToken = key;
        EqualsToken = equals;
        ValueToken = value;
    }

    public DockerfileToken KeyToken { get; }

    /// <summary>Absent in the legacy form and for an ARG without a default.</summary>
    public DockerfileToken EqualsToken { get; }

    /// <summary>Absent for an ARG without a default.</summary>
    public DockerfileToken ValueToken { get; }

    // Key and Value are read by many rules: cut from the text once (a token is a struct and keeps nothing).
    public string Key => _key ??= KeyToken.Value;
    private string? _key;
    public bool HasValue => ValueToken.IsPresent;

    /// <summary>The value as written (quotes kept, as BuildKit's AST keeps them), or null.</summary>
    public string? Value => ValueToken.IsPresent ? _value ??= ValueToken.Value : null;
    private string? _value;

    public bool IsLegacyForm => ValueToken.IsPresent && !EqualsToken.IsPresent;

    internal override int SlotCount => 3;

    internal override DockerfileNodeOrToken GetSlot(int index) => index switch
    {
        0 => KeyToken,
        1 => EqualsToken,
        _ => ValueToken,
    };
}
