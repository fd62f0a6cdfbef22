using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

/// <summary>A <c># ...</c> comment: its span starts at the <c>#</c> and ends at the end of the line.</summary>
public sealed class YamlComment
{
    internal YamlComment(TextSpan span, string text)
    {
        Span = span;
        Text = text;
    }

    public TextSpan Span { get; }

    /// <summary>The comment as written, starting with <c>#</c>.</summary>
    public string Text { get; }

    /// <summary>The text after the <c>#</c>, trimmed.</summary>
    public string Content => Text.Length > 0 && Text[0] == '#' ? Text.Substring(1).Trim() : Text.Trim();

    public override string ToString() => Text;
}
