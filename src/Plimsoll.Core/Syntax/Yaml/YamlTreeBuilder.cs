using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Tokens = YamlDotNet.Core.Tokens;

namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// Turns YamlDotNet's event stream into nodes with spans, then cuts the whole text into pieces (nodes,
/// recorded tokens, and lexed trivia in the gaps) so that the tree is lossless whatever the input.
/// </summary>
internal sealed class YamlTreeBuilder
{
    /// <summary>Deeper nesting than this is reported and the rest of the file is skipped, so no walker can overflow the stack.</summary>
    internal const int MaxDepth = 256;

    private readonly YamlSyntaxTree tree;
    private readonly SourceText text;
    private readonly RecordingScanner scanner;
    private readonly List<YamlDocument> documents = new();
    private readonly List<Diagnostic> diagnostics = new();
    private readonly Stack<Frame> frames = new();
    private Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);
    private YamlDocument? currentDocument;
    private int streamFloor;
    private int tokensSeen;

    /// <summary>An open container (document, mapping, sequence) and what has been read into it so far.</summary>
    private sealed class Frame
    {
        public YamlDocument? Document;
        public YamlNode? Node;
        public int Floor;
        public bool DeferredStart;
        public readonly List<YamlNode> Children = new();
    }

    private YamlTreeBuilder(YamlSyntaxTree tree)
    {
        this.tree = tree;
        text = tree.Text;
        // YamlDotNet reads a byte order mark as part of the first key ("\uFEFFservices"). It is trivia (a
        // ByteOrderMark token): the scanner gets a line break in its place, which keeps every index and column right.
        string source = text.ToString();
        bool byteOrderMark = source.Length > 0 && source[0] == '\uFEFF';
        scanner = new RecordingScanner(new StringReader(byteOrderMark ? "\n" + source.Substring(1) : source));
        streamFloor = byteOrderMark ? 1 : 0;
    }

    public static void Build(YamlSyntaxTree tree)
    {
        var builder = new YamlTreeBuilder(tree);
        builder.Run();
    }

    private void Run()
    {
        int? errorPosition = null;
        try
        {
            var parser = new Parser(scanner);
            while (parser.MoveNext())
            {
                if (parser.Current is { } evt) OnEvent(evt);
            }

            // YamlDotNet takes U+0000 for the end of the input and silently ignores the rest.
            int nul = text.ToString().IndexOf('\0');
            if (nul >= 0)
            {
                errorPosition = nul;
                Report(new TextSpan(nul, 1), "YAML syntax error: a YAML file cannot contain the character U+0000; the rest of the file is not read.");
            }
        }
        catch (YamlException ex)
        {
            errorPosition = Clamp(ex.Start.Index);
            var span = TextSpan.FromBounds(errorPosition.Value, Math.Max(errorPosition.Value, Clamp(ex.End.Index)));
            Report(span, "YAML syntax error: " + CleanMessage(ex.Message));
        }
        catch (TooDeepException ex)
        {
            errorPosition = ex.Position;
            Report(new TextSpan(ex.Position, 0), "YAML nesting is deeper than " + MaxDepth + " levels.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // YamlDotNet should only throw YamlException; anything else is still the input's fault, not the caller's.
            errorPosition = Clamp(scanner.CurrentPosition.Index);
            Report(new TextSpan(errorPosition.Value, 0), "YAML syntax error: the parser could not read the file from here on.");
        }

        foreach (var document in documents)
        {
            YamlDocumentChecks.Check(document, diagnostics);
        }

        YamlLosslessAssembler.Assemble(tree, documents, scanner.Consumed, errorPosition, out var elements, out var comments);
        tree.Complete(documents.ToImmutableArray(), elements, comments, SortDiagnostics(diagnostics));
    }

    private static ImmutableArray<Diagnostic> SortDiagnostics(List<Diagnostic> list)
        => list.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.GetMessage(), StringComparer.Ordinal).ToImmutableArray();

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the diagnostic location already says that.
        int marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0) return message.Substring(marker + 3);
        return message;
    }

    private void Report(TextSpan span, string message)
        => diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, tree.Path, text, span, message));

    private int Clamp(long index) => (int)Math.Min(Math.Max(index, 0), text.Length);

    private sealed class TooDeepException : Exception
    {
        public TooDeepException(int position) { Position = position; }
        public int Position { get; }
    }

    private void OnEvent(ParsingEvent evt)
    {
        switch (evt)
        {
            case Comment:
            case StreamStart:
            case StreamEnd:
                return;
            case DocumentStart start:
                OnDocumentStart(start);
                break;
            case DocumentEnd end:
                OnDocumentEnd(end);
                break;
            case Scalar scalar:
                OnScalar(scalar);
                break;
            case AnchorAlias alias:
                OnAlias(alias);
                break;
            case SequenceStart seq:
                OnCollectionStart(seq, seq.Anchor, seq.Tag, seq.Style == SequenceStyle.Flow ? YamlCollectionStyle.Flow : YamlCollectionStyle.Block, isMapping: false);
                break;
            case MappingStart map:
                OnCollectionStart(map, map.Anchor, map.Tag, map.Style == MappingStyle.Flow ? YamlCollectionStyle.Flow : YamlCollectionStyle.Block, isMapping: true);
                break;
            case SequenceEnd:
            case MappingEnd:
                OnCollectionEnd(evt);
                break;
        }
        ReportDroppedScalars(claimed: evt is Scalar);
        tokensSeen = scanner.Consumed.Count;
    }

    private Frame Top => frames.Peek();

    private void OnDocumentStart(DocumentStart evt)
    {
        int start = Math.Max(Clamp(evt.Start.Index), streamFloor);
        var document = new YamlDocument(tree, documents.Count, new TextSpan(start, 0))
        {
            HasExplicitStart = !evt.IsImplicit,
        };
        currentDocument = document;
        anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        frames.Clear();
        frames.Push(new Frame { Document = document, Floor = evt.IsImplicit ? start : Math.Max(start, Clamp(evt.End.Index)) });
    }

    private void OnDocumentEnd(DocumentEnd evt)
    {
        if (frames.Count != 1 || Top.Document is not { } document) return;
        var frame = frames.Pop();
        int end = frame.Floor;
        if (!evt.IsImplicit)
        {
            int marker = Clamp(evt.End.Index);
            end = Math.Max(end, YamlLosslessAssembler.EndIf(text, marker, "..."));
            document.HasExplicitEnd = true;
        }
        document.Span = TextSpan.FromBounds(document.Span.Start, Math.Max(end, document.Span.Start));
        document.Root = frame.Children.Count > 0
            ? frame.Children[0]
            : new YamlScalarNode(tree, document, null, new TextSpan(frame.Floor, 0), string.Empty, YamlScalarStyle.Plain) { ValueSpan = new TextSpan(frame.Floor, 0) };
        documents.Add(document);
        streamFloor = document.Span.End;
        currentDocument = null;
    }

    private YamlNode? ParentNode => frames.Count > 0 ? Top.Node : null;

    private void OnScalar(Scalar evt)
    {
        if (currentDocument == null || frames.Count == 0) return;
        var frame = Top;
        var (anchorSpan, tagSpan, scalarToken) = NewTokens();
        bool hasProperties = anchorSpan != null || tagSpan != null;
        int end = Math.Max(scanner.LastContentEnd, frame.Floor);
        int start = evt.Start.Index == evt.End.Index && !hasProperties ? end : Math.Max(Clamp(evt.Start.Index), frame.Floor);
        if (start > end) start = end;

        TextSpan valueSpan;
        if (scalarToken != null)
        {
            int valueStart = Math.Min(Math.Max(Clamp(scalarToken.Start.Index), start), end);
            int valueEnd = end;
            var style = ToStyle(evt.Style);
            if (style is YamlScalarStyle.Literal or YamlScalarStyle.Folded)
            {
                // The scanner ends a block scalar after its trailing blank lines; those are layout, not the node.
                while (valueEnd > valueStart && IsWhiteOrBreak(text[valueEnd - 1])) valueEnd--;
                end = valueEnd;
            }
            valueSpan = TextSpan.FromBounds(valueStart, valueEnd);
        }
        else
        {
            valueSpan = new TextSpan(end, 0);
        }

        var node = new YamlScalarNode(tree, currentDocument, ParentNode, TextSpan.FromBounds(start, end), evt.Value, ToStyle(evt.Style))
        {
            ValueSpan = valueSpan,
        };
        SetProperties(node, evt.Anchor, evt.Tag, anchorSpan, tagSpan);
        Add(node);
    }

    private static bool IsWhiteOrBreak(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

    private void OnAlias(AnchorAlias evt)
    {
        if (currentDocument == null || frames.Count == 0) return;
        var frame = Top;
        int start = Math.Max(Clamp(evt.Start.Index), frame.Floor);
        int end = Math.Max(Clamp(evt.End.Index), start);
        var node = new YamlAliasNode(tree, currentDocument, ParentNode, TextSpan.FromBounds(start, end), evt.Value.Value);
        currentDocument.HasAliases = true;
        if (anchors.TryGetValue(node.Name, out var target))
        {
            node.Target = target;
        }
        else
        {
            Report(node.Span, "Alias '*" + node.Name + "' refers to no anchor defined before it.");
        }
        Add(node);
    }

    private void OnCollectionStart(NodeEvent evt, AnchorName anchor, TagName tag, YamlCollectionStyle style, bool isMapping)
    {
        if (currentDocument == null || frames.Count == 0) return;
        var parentFrame = Top;
        if (frames.Count > MaxDepth) throw new TooDeepException(Clamp(evt.Start.Index));
        var (anchorSpan, tagSpan, _) = NewTokens();
        int rawStart = Clamp(evt.Start.Index);
        bool deferred = rawStart < parentFrame.Floor || (evt.Start.Index == 0 && evt.End.Index == 0 && parentFrame.Floor > 0);
        int start = Math.Max(rawStart, parentFrame.Floor);
        YamlNode node = isMapping
            ? new YamlMappingNode(tree, currentDocument, ParentNode, new TextSpan(start, 0), style)
            : new YamlSequenceNode(tree, currentDocument, ParentNode, new TextSpan(start, 0), style);
        SetProperties(node, anchor, tag, anchorSpan, tagSpan);
        int floor = start;
        if (style == YamlCollectionStyle.Flow && !deferred)
        {
            int open = Clamp(evt.End.Index);
            if (open < text.Length && (text[open] == '[' || text[open] == '{')) open++;
            floor = Math.Max(start, open);
        }
        frames.Push(new Frame { Node = node, Floor = floor, DeferredStart = deferred });
    }

    private void OnCollectionEnd(ParsingEvent evt)
    {
        if (frames.Count < 2 || Top.Node is not { } node) return;
        var frame = frames.Pop();
        int start = node.Span.Start;
        if (frame.DeferredStart) start = frame.Children.Count > 0 ? frame.Children[0].Span.Start : frame.Floor;
        int end = frame.Floor;
        bool isFlow = node is YamlMappingNode { Style: YamlCollectionStyle.Flow } || node is YamlSequenceNode { Style: YamlCollectionStyle.Flow };
        if (isFlow && !frame.DeferredStart)
        {
            // The closing bracket's mark is zero-width at the bracket; the node includes it.
            int close = Clamp(evt.End.Index);
            if (close < text.Length && (text[close] == ']' || text[close] == '}') && evt.Start.Index == evt.End.Index) close++;
            end = Math.Max(end, close);
        }
        node.Span = TextSpan.FromBounds(start, Math.Max(end, start));

        if (node is YamlMappingNode mapping)
        {
            if (frame.Children.Count % 2 == 1)
            {
                // A key whose value YamlDotNet dropped (reported above): give it an empty value so entries stay paired.
                frame.Children.Add(new YamlScalarNode(tree, currentDocument!, mapping, new TextSpan(node.Span.End, 0), string.Empty, YamlScalarStyle.Plain)
                {
                    ValueSpan = new TextSpan(node.Span.End, 0),
                });
            }
            var entries = ImmutableArray.CreateBuilder<YamlMappingEntry>(frame.Children.Count / 2);
            for (int i = 0; i + 1 < frame.Children.Count; i += 2)
            {
                entries.Add(new YamlMappingEntry(frame.Children[i], frame.Children[i + 1]));
            }
            mapping.Entries = entries.MoveToImmutable();
        }
        else if (node is YamlSequenceNode sequence)
        {
            sequence.Items = frame.Children.ToImmutableArray();
        }
        Add(node);
    }

    private void Add(YamlNode node)
    {
        var frame = Top;
        frame.Children.Add(node);
        frame.Floor = Math.Max(frame.Floor, node.Span.End);
    }

    private void SetProperties(YamlNode node, AnchorName anchor, TagName tag, TextSpan? anchorSpan, TextSpan? tagSpan)
    {
        if (!anchor.IsEmpty)
        {
            node.Anchor = anchor.Value;
            node.AnchorSpan = anchorSpan;
            anchors[anchor.Value] = node;
        }
        if (!tag.IsEmpty && !tag.IsNonSpecific)
        {
            node.Tag = tag.Value;
            node.TagSpan = tagSpan;
        }
    }

    /// <summary>
    /// YamlDotNet's parser silently drops some scalars it has scanned (the value of a block mapping entry with
    /// no key, <c>- : a</c>): each scalar token not claimed by a scalar event is reported, not lost quietly.
    /// </summary>
    private void ReportDroppedScalars(bool claimed)
    {
        int last = -1;
        for (int i = tokensSeen; i < scanner.Consumed.Count; i++)
        {
            if (scanner.Consumed[i] is Tokens.Scalar) last = i;
        }
        for (int i = tokensSeen; i < scanner.Consumed.Count; i++)
        {
            if (scanner.Consumed[i] is not Tokens.Scalar token || (claimed && i == last)) continue;
            var start = Clamp(token.Start.Index);
            Report(TextSpan.FromBounds(start, Math.Max(start, Clamp(token.End.Index))),
                "YAML syntax error: YamlDotNet drops this value, so it cannot be checked (a mapping entry without a key?).");
        }
    }

    /// <summary>Property and scalar tokens consumed since the previous structural event: they belong to the node being read.</summary>
    private (TextSpan? Anchor, TextSpan? Tag, Tokens.Scalar? Scalar) NewTokens()
    {
        TextSpan? anchor = null, tag = null;
        Tokens.Scalar? scalar = null;
        for (int i = tokensSeen; i < scanner.Consumed.Count; i++)
        {
            var token = scanner.Consumed[i];
            var span = TextSpan.FromBounds(Clamp(token.Start.Index), Math.Max(Clamp(token.Start.Index), Clamp(token.End.Index)));
            switch (token)
            {
                case Tokens.Anchor: anchor = span; break;
                case Tokens.Tag: tag = span; break;
                case Tokens.Scalar s: scalar = s; break;
            }
        }
        return (anchor, tag, scalar);
    }

    private static YamlScalarStyle ToStyle(ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
        ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
        ScalarStyle.Literal => YamlScalarStyle.Literal,
        ScalarStyle.Folded => YamlScalarStyle.Folded,
        _ => YamlScalarStyle.Plain,
    };
}
