using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Text;

namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// A YAML file (a Compose or stack file) as an immutable, lossless, position-aware tree. Parsing never throws:
/// malformed input yields PL9002 diagnostics and a tree whose unreadable part is one skipped token.
/// </summary>
public sealed class YamlSyntaxTree
{
    private YamlSyntaxTree(SourceText text, string path)
    {
        Text = text;
        Path = path;
    }

    public SourceText Text { get; }

    public string Path { get; }

    /// <summary>The documents read completely, in order. Compose uses the first.</summary>
    public ImmutableArray<YamlDocument> Documents { get; private set; }

    /// <summary>Documents and the trivia around them; together they cover the whole text.</summary>
    public ImmutableArray<YamlSyntaxElement> Elements { get; private set; }

    /// <summary>PL9002 diagnostics: syntax errors, duplicate keys, undefined or excessive aliases.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; private set; }

    /// <summary>Every comment in the file, in order.</summary>
    public ImmutableArray<YamlComment> Comments { get; private set; }

    /// <summary>The root node of the first document, or null for a file without documents.</summary>
    public YamlNode? Root => Documents.IsEmpty ? null : Documents[0].Root;

    public bool HasErrors => !Diagnostics.IsEmpty;

    public static YamlSyntaxTree Parse(SourceText text, string path)
    {
        if (text == null) throw new ArgumentNullException(nameof(text));
        // Positions count lines as YAML 1.2 does (LF, CR, CRLF), not as Roslyn does.
        var tree = new YamlSyntaxTree(FormatSourceText.For(text, LineBreakRule.Yaml), path ?? string.Empty);
        YamlTreeBuilder.Build(tree);
        return tree;
    }

    public static YamlSyntaxTree Parse(string text, string path = "") => Parse(SourceText.From(text), path);

    internal void Complete(ImmutableArray<YamlDocument> documents, ImmutableArray<YamlSyntaxElement> elements, ImmutableArray<YamlComment> comments, ImmutableArray<Diagnostic> diagnostics)
    {
        Documents = documents;
        Elements = elements;
        Comments = comments;
        Diagnostics = diagnostics;
    }

    /// <summary>A location in this file, for a diagnostic.</summary>
    public Location GetLocation(TextSpan span) => PlimsollDiagnostic.CreateLocation(Path, Text, span);

    /// <summary>Every token of the tree, in text order (trivia included).</summary>
    public IEnumerable<YamlToken> GetTokens()
    {
        // Iterative walk: pieces nest as deep as the YAML does.
        var stack = new Stack<IEnumerator<YamlSyntaxElement>>();
        stack.Push(((IEnumerable<YamlSyntaxElement>)Elements).GetEnumerator());
        while (stack.Count > 0)
        {
            var current = stack.Peek();
            if (!current.MoveNext())
            {
                stack.Pop();
                continue;
            }
            switch (current.Current)
            {
                case YamlToken token:
                    yield return token;
                    break;
                case YamlNode node:
                    stack.Push(((IEnumerable<YamlSyntaxElement>)node.ChildElements).GetEnumerator());
                    break;
                case YamlDocument document:
                    stack.Push(((IEnumerable<YamlSyntaxElement>)document.ChildElements).GetEnumerator());
                    break;
            }
        }
    }

    /// <summary>The text rebuilt from the tree's tokens: equal to the input, character for character.</summary>
    public string ToFullString()
    {
        var builder = new StringBuilder(Text.Length);
        foreach (var token in GetTokens())
        {
            builder.Append(Text.ToString(token.Span));
        }
        return builder.ToString();
    }
}
