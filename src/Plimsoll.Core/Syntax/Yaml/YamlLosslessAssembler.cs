using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Tokens = YamlDotNet.Core.Tokens;

namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// Cuts the text into pieces: documents and nodes (whose spans the builder computed), the tokens the scanner
/// recorded, and, in whatever gaps remain, trivia lexed here. Every character lands in exactly one piece, so
/// <see cref="YamlSyntaxTree.ToFullString"/> gives the input back even when spans or tokens are odd.
/// </summary>
internal sealed class YamlLosslessAssembler
{
    private readonly YamlSyntaxTree tree;
    private readonly SourceText text;
    private readonly List<(YamlTokenKind Kind, TextSpan Span)> tokens;
    private int next;

    private YamlLosslessAssembler(YamlSyntaxTree tree, List<(YamlTokenKind, TextSpan)> tokens)
    {
        this.tree = tree;
        text = tree.Text;
        this.tokens = tokens;
    }

    public static void Assemble(
        YamlSyntaxTree tree,
        IReadOnlyList<YamlDocument> documents,
        IReadOnlyList<Tokens.Token> consumed,
        int? errorPosition,
        out ImmutableArray<YamlSyntaxElement> elements,
        out ImmutableArray<YamlComment> comments)
    {
        int length = tree.Text.Length;
        var prepared = new List<(YamlTokenKind Kind, TextSpan Span)>(consumed.Count);
        foreach (var token in consumed)
        {
            var kind = KindOf(token);
            if (kind == null) continue;
            int start = (int)Math.Min(Math.Max(token.Start.Index, 0), length);
            int end = (int)Math.Min(Math.Max(token.End.Index, start), length);
            if (end == start) end = IndicatorEnd(tree.Text, token, start);
            if (end > start) prepared.Add((kind.Value, TextSpan.FromBounds(start, end)));
        }
        // Stable sort by position: the scanner may queue a token behind one that starts later (rarely: most files come
        // in order, and are not sorted again).
        var ordered = InPositionOrder(prepared)
            ? prepared
            : prepared.Select((t, i) => (t, i)).OrderBy(x => x.t.Span.Start).ThenBy(x => x.i).Select(x => x.t).ToList();

        var assembler = new YamlLosslessAssembler(tree, ordered);
        var output = new List<YamlSyntaxElement>();
        int cursor = 0;
        foreach (var document in documents)
        {
            assembler.EmitRange(output, cursor, document.Span.Start);
            assembler.EmitDocument(document);
            output.Add(document);
            cursor = document.Span.End;
        }

        int skippedStart = length;
        if (errorPosition != null)
        {
            // Keep the comments and blank lines before the unreadable document as trivia; skip the rest.
            skippedStart = Math.Max(cursor, Math.Min(errorPosition.Value, length));
            foreach (var token in consumed)
            {
                if (token is Tokens.Comment || token.End.Index <= token.Start.Index) continue;
                if (token.Start.Index >= cursor)
                {
                    skippedStart = Math.Max(cursor, Math.Min(skippedStart, (int)token.Start.Index));
                    break;
                }
            }
        }
        assembler.EmitRange(output, cursor, skippedStart);
        if (skippedStart < length)
        {
            output.Add(new YamlToken(tree, YamlTokenKind.Skipped, TextSpan.FromBounds(skippedStart, length)));
        }
        elements = output.ToImmutableArray();

        var found = new List<YamlComment>();
        CollectComments(tree, elements, found);
        foreach (var token in consumed)
        {
            // Comments the scanner read before it failed: still comments, even though their text is skipped.
            if (token is Tokens.Comment && token.Start.Index >= skippedStart && token.End.Index <= length && token.End.Index > token.Start.Index)
            {
                var span = TextSpan.FromBounds((int)token.Start.Index, (int)token.End.Index);
                found.Add(new YamlComment(span, tree.Text.ToString(span)));
            }
        }
        comments = found.OrderBy(c => c.Span.Start).ToImmutableArray();
    }

    private static void CollectComments(YamlSyntaxTree tree, ImmutableArray<YamlSyntaxElement> elements, List<YamlComment> found)
    {
        var stack = new Stack<ImmutableArray<YamlSyntaxElement>>();
        stack.Push(elements);
        while (stack.Count > 0)
        {
            foreach (var element in stack.Pop())
            {
                switch (element)
                {
                    case YamlToken { Kind: YamlTokenKind.Comment } token:
                        found.Add(new YamlComment(token.Span, token.Text));
                        break;
                    case YamlNode node:
                        stack.Push(node.ChildElements);
                        break;
                    case YamlDocument document:
                        stack.Push(document.ChildElements);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// YamlDotNet gives flow brackets and braces, <c>...</c> and directives zero width; the token is the
    /// indicator (or the directive line up to any comment).
    /// </summary>
    internal static int IndicatorEnd(SourceText text, Tokens.Token token, int start)
    {
        switch (token)
        {
            case Tokens.FlowSequenceStart: return EndIf(text, start, "[");
            case Tokens.FlowSequenceEnd: return EndIf(text, start, "]");
            case Tokens.FlowMappingStart: return EndIf(text, start, "{");
            case Tokens.FlowMappingEnd: return EndIf(text, start, "}");
            case Tokens.DocumentEnd: return EndIf(text, start, "...");
            case Tokens.VersionDirective:
            case Tokens.TagDirective:
                if (start >= text.Length || text[start] != '%') return start;
                int end = start;
                while (end < text.Length && !IsLineBreak(text[end]) && !(text[end] == '#' && (text[end - 1] == ' ' || text[end - 1] == '\t'))) end++;
                while (end > start + 1 && (text[end - 1] == ' ' || text[end - 1] == '\t')) end--;
                return end;
            default:
                return start;
        }
    }

    internal static int EndIf(SourceText text, int start, string indicator)
    {
        if (start + indicator.Length > text.Length) return start;
        for (int i = 0; i < indicator.Length; i++)
        {
            if (text[start + i] != indicator[i]) return start;
        }
        return start + indicator.Length;
    }

    private static YamlTokenKind? KindOf(Tokens.Token token) => token switch
    {
        Tokens.Comment => YamlTokenKind.Comment,
        Tokens.VersionDirective or Tokens.TagDirective => YamlTokenKind.Directive,
        Tokens.DocumentStart => YamlTokenKind.DocumentStartMarker,
        Tokens.DocumentEnd => YamlTokenKind.DocumentEndMarker,
        Tokens.BlockEntry => YamlTokenKind.BlockEntryIndicator,
        Tokens.Key => YamlTokenKind.KeyIndicator,
        Tokens.Value => YamlTokenKind.ValueIndicator,
        Tokens.FlowEntry => YamlTokenKind.FlowEntryIndicator,
        Tokens.FlowSequenceStart => YamlTokenKind.FlowSequenceStart,
        Tokens.FlowSequenceEnd => YamlTokenKind.FlowSequenceEnd,
        Tokens.FlowMappingStart => YamlTokenKind.FlowMappingStart,
        Tokens.FlowMappingEnd => YamlTokenKind.FlowMappingEnd,
        Tokens.Anchor => YamlTokenKind.Anchor,
        Tokens.Tag => YamlTokenKind.Tag,
        Tokens.AnchorAlias => YamlTokenKind.Alias,
        // Scalar text comes from the scalar node (its span is trimmed); stream/block markers are zero-width.
        _ => null,
    };

    private void EmitDocument(YamlDocument document)
    {
        var output = new List<YamlSyntaxElement>();
        var root = document.Root;
        EmitRange(output, document.Span.Start, root.Span.Start);
        EmitNode(root);
        output.Add(root);
        EmitRange(output, root.Span.End, document.Span.End);
        document.ChildElements = output.ToImmutableArray();
    }

    // One buffer for the whole tree: a node's elements are appended after its parent's so far, copied out into the
    // node's exact-size array and removed again (a list per node, grown and copied, was most of the assembly's memory).
    private readonly List<YamlSyntaxElement> pending = new();

    private void EmitNode(YamlNode node)
    {
        var output = pending;
        int mark = output.Count;
        int cursor = node.Span.Start;
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = scalar.ValueSpan;
                if (!value.IsEmpty && value.Start >= cursor && value.End <= node.Span.End)
                {
                    EmitRange(output, cursor, value.Start);
                    EmitScalarText(output, value);
                    cursor = value.End;
                }
                break;
            default:
                for (int i = 0; i < node.ChildCount; i++) cursor = EmitChild(node, node.ChildAt(i), cursor);
                break;
        }
        EmitRange(output, cursor, node.Span.End);
        var elements = ImmutableArray.CreateBuilder<YamlSyntaxElement>(output.Count - mark);
        for (int i = mark; i < output.Count; i++) elements.Add(output[i]);
        node.ChildElements = elements.MoveToImmutable();
        output.RemoveRange(mark, output.Count - mark);
    }

    private int EmitChild(YamlNode parent, YamlNode child, int cursor)
    {
        if (child.Span.Start < cursor || child.Span.End > parent.Span.End) return cursor; // cannot happen: the builder clamps
        EmitRange(pending, cursor, child.Span.Start);
        EmitNode(child);
        pending.Add(child);
        return child.Span.End;
    }

    private static bool InPositionOrder(List<(YamlTokenKind Kind, TextSpan Span)> tokens)
    {
        for (int i = 1; i < tokens.Count; i++)
            if (tokens[i].Span.Start < tokens[i - 1].Span.Start) return false;
        return true;
    }

    /// <summary>Scalar text, split around any comment the scanner found inside it (after a block scalar header).</summary>
    private void EmitScalarText(List<YamlSyntaxElement> output, TextSpan value)
    {
        int cursor = value.Start;
        while (next < tokens.Count && tokens[next].Span.Start < value.End)
        {
            var (kind, span) = tokens[next++];
            if (kind != YamlTokenKind.Comment || span.Start < cursor || span.End > value.End) continue;
            if (span.Start > cursor) output.Add(new YamlToken(tree, YamlTokenKind.ScalarText, TextSpan.FromBounds(cursor, span.Start)));
            output.Add(new YamlToken(tree, YamlTokenKind.Comment, span));
            cursor = span.End;
        }
        if (value.End > cursor) output.Add(new YamlToken(tree, YamlTokenKind.ScalarText, TextSpan.FromBounds(cursor, value.End)));
    }

    /// <summary>Recorded tokens that fit in [from, to), with the gaps between them lexed as trivia.</summary>
    private void EmitRange(List<YamlSyntaxElement> output, int from, int to)
    {
        if (to <= from) return;
        int cursor = from;
        while (next < tokens.Count && tokens[next].Span.Start < to)
        {
            var (kind, span) = tokens[next];
            if (span.Start < cursor)
            {
                next++; // inside a piece already emitted
                continue;
            }
            if (span.End > to) break; // belongs to (or straddles) what follows; the gap lexer covers it if need be
            LexGap(output, cursor, span.Start);
            output.Add(new YamlToken(tree, kind, span));
            cursor = span.End;
            next++;
        }
        LexGap(output, cursor, to);
    }

    private void LexGap(List<YamlSyntaxElement> output, int from, int to)
    {
        int i = from;
        while (i < to)
        {
            char c = text[i];
            int start = i;
            YamlTokenKind kind;
            if (c == ' ' || c == '\t')
            {
                while (i < to && (text[i] == ' ' || text[i] == '\t')) i++;
                kind = YamlTokenKind.Whitespace;
            }
            else if (c == '\r')
            {
                i += i + 1 < to && text[i + 1] == '\n' ? 2 : 1;
                kind = YamlTokenKind.EndOfLine;
            }
            else if (IsLineBreak(c))
            {
                i++;
                kind = YamlTokenKind.EndOfLine;
            }
            else if (c == '\uFEFF')
            {
                i++;
                kind = YamlTokenKind.ByteOrderMark;
            }
            else if (c == '#')
            {
                while (i < to && !IsLineBreak(text[i])) i++;
                kind = YamlTokenKind.Comment;
            }
            else
            {
                while (i < to && !IsLineBreak(text[i]) && text[i] != ' ' && text[i] != '\t') i++;
                kind = YamlTokenKind.Skipped;
            }
            output.Add(new YamlToken(tree, kind, TextSpan.FromBounds(start, i)));
        }
    }

    internal static bool IsLineBreak(char c) => c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
}
