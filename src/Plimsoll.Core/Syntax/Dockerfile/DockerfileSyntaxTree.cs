using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>A parsed Dockerfile: the source, its lossless tree and the syntax diagnostics (PL9001).</summary>
public sealed class DockerfileSyntaxTree
{
    internal DockerfileSyntaxTree(SourceText text, string path, DockerfileSyntax root, char escapeCharacter)
    {
        Text = text;
        Path = path;
        Root = root;
        EscapeCharacter = escapeCharacter;
    }

    public SourceText Text { get; }
    public string Path { get; }
    public DockerfileSyntax Root { get; }

    /// <summary>The escape and line-continuation character: <c>\</c>, or <c>`</c> after <c># escape=`</c>.</summary>
    public char EscapeCharacter { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; private set; } = ImmutableArray<Diagnostic>.Empty;

    /// <summary>
    /// Parses any text; never throws. Problems become PL9001 diagnostics. The tree's <see cref="Text"/> counts lines
    /// as BuildKit does (only LF ends a line), so every position reported in it matches the parser's lines.
    /// </summary>
    public static DockerfileSyntaxTree Parse(SourceText text, string path = "Dockerfile")
        => new DockerfileParser(FormatSourceText.For(text, LineBreakRule.LineFeed), path).Parse();

    public static DockerfileSyntaxTree Parse(string text, string path = "Dockerfile")
        => Parse(SourceText.From(text), path);

    /// <summary>The input rebuilt from the tree's tokens and trivia: equal to the source, always.</summary>
    public string ToFullString() => Root.ToFullString();

    internal void SetDiagnostics(ImmutableArray<Diagnostic> diagnostics) => Diagnostics = diagnostics;
}
