using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Yaml;

/// <summary>What a <see cref="YamlToken"/> is.</summary>
public enum YamlTokenKind
{
    // Trivia: carries no content.
    Whitespace,
    EndOfLine,
    ByteOrderMark,
    Comment,
    /// <summary>Text the parser could not read (after a syntax error); kept so the tree stays lossless.</summary>
    Skipped,

    // Structure.
    Directive,
    DocumentStartMarker,
    DocumentEndMarker,
    BlockEntryIndicator,
    KeyIndicator,
    ValueIndicator,
    FlowEntryIndicator,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,

    // Node content and properties.
    Anchor,
    Tag,
    Alias,
    ScalarText,
}

/// <summary>A run of input characters that is not a node: an indicator, a property, scalar text or trivia.</summary>
public sealed class YamlToken : YamlSyntaxElement
{
    internal YamlToken(YamlSyntaxTree tree, YamlTokenKind kind, TextSpan span)
        : base(tree, span)
    {
        Kind = kind;
    }

    public YamlTokenKind Kind { get; }

    /// <summary>True for whitespace, line breaks, comments and skipped text.</summary>
    public bool IsTrivia => Kind <= YamlTokenKind.Skipped;

    public string Text => Tree.Text.ToString(Span);
}
