using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>
/// Reads a Dockerfile the way BuildKit's parser does (line scanner, directives, continuations, heredocs,
/// per-instruction argument rules), but keeps every byte in the tree and goes on after an error.
/// </summary>
internal sealed class DockerfileParser
{
    private readonly SourceText _sourceText;
    private readonly string _path;
    private readonly string _text;
    private readonly DockerfileSource _source;
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly List<ParserDirectiveSyntax> _directives = new();
    private readonly List<InstructionSyntax> _instructions = new();
    private readonly List<LogicalRange> _scratchRanges = new();
    private readonly List<(DockerfileSyntaxKind Kind, LogicalRange Range)> _scratchJson = new();
    private readonly HashSet<string> _seenDirectives = new(StringComparer.Ordinal);
    private readonly List<int> _segmentLogicalStarts = new();
    private readonly List<int> _segmentSourceStarts = new();
    private char[] _buffer = TakeBuffer();
    private int _bufferLength;

    /// <summary>The logical text of the instruction being parsed.</summary>
    private ReadOnlySpan<char> Buffer => new(_buffer, 0, _bufferLength);

    private int _pos;            // start of the next physical line
    private int _lastTokenEnd;   // where the next token's leading trivia starts
    private bool _directivesDone;

    public DockerfileParser(SourceText text, string path)
    {
        _sourceText = text;
        _path = path;
        _text = text.ToString();
        _source = new DockerfileSource(_text);
    }

    public DockerfileSyntaxTree Parse()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1; // BuildKit discards a UTF-8 BOM

        while (_pos < _text.Length)
        {
            ParseNextInstruction();
        }

        var endOfFile = new DockerfileToken(_source, DockerfileSyntaxKind.EndOfFileToken, _lastTokenEnd, new TextSpan(_text.Length, 0));
        var root = new DockerfileSyntax(_directives.ToImmutableArray(), _instructions.ToImmutableArray(), endOfFile);
        var tree = new DockerfileSyntaxTree(_sourceText, _path, root, _source.EscapeCharacter);
        root.Tree = tree;
        DockerfileInstructionChecks.Run(tree, root, _diagnostics);
        tree.SetDiagnostics(_diagnostics.ToImmutableArray());
        GiveBackBuffer(_buffer);
        return tree;
    }

    // The instruction buffer outlives a parse: one per thread, taken while a parse runs (a CLI run parses thousands of files).
    [ThreadStatic] private static char[]? t_buffer;

    private static char[] TakeBuffer()
    {
        var buffer = t_buffer ?? new char[256];
        t_buffer = null;
        return buffer;
    }

    // A huge instruction's buffer is not kept.
    private static void GiveBackBuffer(char[] buffer)
    {
        if (buffer.Length <= 64 * 1024) t_buffer = buffer;
    }

    // ---- physical lines -------------------------------------------------------------------------

    /// <summary>One physical line: [Start, ContentEnd) without the trailing CR/LF run, [Start, End) with it.</summary>
    private readonly record struct PhysicalLine(int Start, int ContentEnd, int End);

    private PhysicalLine ReadLine()
    {
        int start = _pos;
        int newline = _text.IndexOf('\n', start);
        int end = newline < 0 ? _text.Length : newline + 1;
        int contentEnd = end;
        while (contentEnd > start && (_text[contentEnd - 1] == '\n' || _text[contentEnd - 1] == '\r')) contentEnd--;
        _pos = end;
        return new PhysicalLine(start, contentEnd, end);
    }

    private bool IsCommentLine(int start, int contentEnd)
    {
        int i = SkipSpace(start, contentEnd);
        return i < contentEnd && _text[i] == '#';
    }

    private int SkipSpace(int i, int end)
    {
        while (i < end && ArgumentSplitting.IsSpace(_text[i])) i++;
        return i;
    }

    /// <summary>
    /// BuildKit's continuation rule: the escape character, then only blanks, at the end of the line, either
    /// at its start or after a character that is not the escape character. Returns where the kept text ends.
    /// </summary>
    private bool EndsWithContinuation(int start, int end, out int keptEnd)
    {
        char escape = _source.EscapeCharacter;
        int i = end;
        while (i > start && (_text[i - 1] == ' ' || _text[i - 1] == '\t')) i--;
        if (i > start && _text[i - 1] == escape && (i - 1 == start || _text[i - 2] != escape))
        {
            keptEnd = i - 1;
            return true;
        }
        keptEnd = end;
        return false;
    }

    // ---- instructions ---------------------------------------------------------------------------

    private void ParseNextInstruction()
    {
        var first = ReadLine();
        if (!_directivesDone && TryParseDirective(first)) return;
        _directivesDone = true;

        int contentStart = SkipSpace(first.Start, first.ContentEnd);
        if (contentStart < first.ContentEnd && _text[contentStart] == '#') return; // comment line: trivia

        bool continued = EndsWithContinuation(contentStart, first.ContentEnd, out int keptEnd);
        if (!continued && keptEnd == contentStart) return; // blank line: trivia

        _segmentLogicalStarts.Clear();
        _segmentSourceStarts.Clear();
        int logicalLength = keptEnd - contentStart;

        while (continued && _pos < _text.Length)
        {
            var next = ReadLine();
            if (IsCommentLine(next.Start, next.ContentEnd)) continue;
            if (SkipSpace(next.Start, next.ContentEnd) == next.ContentEnd) continue; // empty continuation line
            continued = EndsWithContinuation(next.Start, next.ContentEnd, out int nextKept);
            if (_segmentLogicalStarts.Count == 0)
            {
                _segmentLogicalStarts.Add(0);
                _segmentSourceStarts.Add(contentStart);
            }
            _segmentLogicalStarts.Add(logicalLength);
            _segmentSourceStarts.Add(next.Start);
            logicalLength += nextKept - next.Start;
        }

        var line = _segmentLogicalStarts.Count == 0
            ? new LogicalLine(_source, contentStart, logicalLength)
            : new LogicalLine(_source, _segmentLogicalStarts.ToArray(), _segmentSourceStarts.ToArray(), logicalLength);
        // Parse from a reused buffer: the joined string is only built later if a value is asked for.
        if (_buffer.Length < logicalLength) _buffer = new char[Math.Max(logicalLength, _buffer.Length * 2)];
        line.CopyTo(_buffer);
        _bufferLength = logicalLength;

        var trimmed = ArgumentSplitting.TrimSpace(Buffer, 0, logicalLength);
        if (trimmed.Length == 0) return; // only continuation characters: nothing BuildKit would run

        var instruction = ParseInstruction(line, trimmed.Start, trimmed.End, out var innerForHeredoc);
        if (innerForHeredoc != null && Buffer.IndexOf("<<".AsSpan()) >= 0)
        {
            var heredocs = ParseHeredocs(line);
            if (heredocs.Length > 0) instruction = WithHeredocs(instruction, heredocs);
        }
        _instructions.Add(instruction);
    }

    private static InstructionSyntax WithHeredocs(InstructionSyntax instruction, ImmutableArray<HeredocSyntax> heredocs)
        => InstructionSyntax.Create(instruction.Kind, new InstructionParts(
            instruction.Keyword, instruction.Flags, instruction.Arguments, heredocs, instruction.Line, instruction.LogicalStart));

    /// <summary>BuildKit's newNodeFromLine on logical [start, end). <paramref name="heredocHost"/> is set when heredocs may follow.</summary>
    private InstructionSyntax ParseInstruction(LogicalLine line, int start, int end, out InstructionSyntax? heredocHost)
    {
        var text = Buffer;
        int keywordEnd = start;
        while (keywordEnd < end && !ArgumentSplitting.IsSplitSpace(text[keywordEnd])) keywordEnd++;
        var keyword = Token(DockerfileSyntaxKind.KeywordToken, line, start, keywordEnd);
        var kind = DockerfileSyntaxFacts.InstructionKind(text.Slice(start, keywordEnd - start));

        int restStart = keywordEnd;
        while (restStart < end && ArgumentSplitting.IsSplitSpace(text[restStart])) restStart++;

        var flags = ImmutableArray<FlagSyntax>.Empty;
        int argsStart = restStart;
        if (restStart < end)
        {
            _scratchRanges.Clear();
            argsStart = ArgumentSplitting.ExtractFlags(text, restStart, end, _scratchRanges);
            if (_scratchRanges.Count > 0)
            {
                var builder = ImmutableArray.CreateBuilder<FlagSyntax>(_scratchRanges.Count);
                foreach (var range in _scratchRanges)
                    builder.Add(new FlagSyntax(Token(DockerfileSyntaxKind.FlagToken, line, range.Start, range.End)));
                flags = builder.MoveToImmutable();
            }
        }
        var args = ArgumentSplitting.TrimSpace(text, argsStart, end);

        heredocHost = null;
        var arguments = ParseArguments(kind, line, args, keyword, ref heredocHost);
        var instruction = InstructionSyntax.Create(kind, new InstructionParts(keyword, flags, arguments, ImmutableArray<HeredocSyntax>.Empty, line, start));
        if (kind == DockerfileSyntaxKind.RunInstruction || kind == DockerfileSyntaxKind.CopyInstruction || kind == DockerfileSyntaxKind.AddInstruction)
        {
            if (!instruction.IsExecForm) heredocHost = instruction;
        }
        return instruction;
    }

    private ImmutableArray<DockerfileNode> ParseArguments(DockerfileSyntaxKind kind, LogicalLine line, LogicalRange args, DockerfileToken keyword, ref InstructionSyntax? heredocHost)
    {
        if (args.Length == 0) return ImmutableArray<DockerfileNode>.Empty;
        switch (kind)
        {
            case DockerfileSyntaxKind.FromInstruction:
            case DockerfileSyntaxKind.ExposeInstruction:
                return WhitespaceWords(line, args);
            case DockerfileSyntaxKind.RunInstruction:
            case DockerfileSyntaxKind.CmdInstruction:
            case DockerfileSyntaxKind.EntrypointInstruction:
            case DockerfileSyntaxKind.ShellInstruction:
                return MaybeJson(line, args, fallbackToWords: false);
            case DockerfileSyntaxKind.CopyInstruction:
            case DockerfileSyntaxKind.AddInstruction:
            case DockerfileSyntaxKind.VolumeInstruction:
                return MaybeJson(line, args, fallbackToWords: true);
            case DockerfileSyntaxKind.EnvInstruction:
            case DockerfileSyntaxKind.LabelInstruction:
                return NameValues(line, args, keyword);
            case DockerfileSyntaxKind.ArgInstruction:
                return NamesOrNameValues(line, args);
            case DockerfileSyntaxKind.HealthcheckInstruction:
                return HealthConfig(line, args);
            case DockerfileSyntaxKind.OnbuildInstruction:
            {
                var inner = ParseInstruction(line, args.Start, args.End, out var innerHost);
                heredocHost = innerHost;
                return ImmutableArray.Create<DockerfileNode>(inner);
            }
            default:
                // USER, WORKDIR, STOPSIGNAL, MAINTAINER, and unknown instructions: one string.
                return ImmutableArray.Create<DockerfileNode>(new WordSyntax(Token(DockerfileSyntaxKind.TextToken, line, args.Start, args.End)));
        }
    }

    private ImmutableArray<DockerfileNode> WhitespaceWords(LogicalLine line, LogicalRange args)
    {
        _scratchRanges.Clear();
        ArgumentSplitting.SplitWhitespace(Buffer, args.Start, args.End, _scratchRanges);
        var builder = ImmutableArray.CreateBuilder<DockerfileNode>(_scratchRanges.Count);
        foreach (var range in _scratchRanges)
            builder.Add(new WordSyntax(Token(DockerfileSyntaxKind.WordToken, line, range.Start, range.End)));
        return builder.MoveToImmutable();
    }

    private ImmutableArray<DockerfileNode> MaybeJson(LogicalLine line, LogicalRange args, bool fallbackToWords)
    {
        var text = Buffer;
        if (text[args.Start] == '[')
        {
            var result = JsonArrayScanner.Scan(text, args.Start, args.End, _scratchJson);
            if (result == JsonArrayScanResult.StringArray) return ImmutableArray.Create<DockerfileNode>(ExecForm(line));
            if (result == JsonArrayScanResult.NotStringArray)
            {
                var exec = ExecForm(line);
                Report(exec.Span, "when using JSON array syntax, arrays must be comprised of strings only");
                return ImmutableArray.Create<DockerfileNode>(exec);
            }
        }
        if (fallbackToWords) return WhitespaceWords(line, args);
        return ImmutableArray.Create<DockerfileNode>(new ShellFormSyntax(Token(DockerfileSyntaxKind.TextToken, line, args.Start, args.End)));
    }

    private ExecFormSyntax ExecForm(LogicalLine line)
    {
        var open = Token(DockerfileSyntaxKind.OpenBracketToken, line, _scratchJson[0].Range.Start, _scratchJson[0].Range.End);
        var elements = ImmutableArray.CreateBuilder<DockerfileToken>(Math.Max(0, _scratchJson.Count - 2));
        for (int i = 1; i < _scratchJson.Count - 1; i++)
            elements.Add(Token(_scratchJson[i].Kind, line, _scratchJson[i].Range.Start, _scratchJson[i].Range.End));
        var last = _scratchJson[_scratchJson.Count - 1];
        var close = Token(DockerfileSyntaxKind.CloseBracketToken, line, last.Range.Start, last.Range.End);
        return new ExecFormSyntax(open, elements.MoveToImmutable(), close);
    }

    /// <summary>BuildKit's parseNameVal for ENV and LABEL: <c>key=value …</c>, or the legacy <c>key value</c>.</summary>
    private ImmutableArray<DockerfileNode> NameValues(LogicalLine line, LogicalRange args, DockerfileToken keyword)
    {
        var words = new List<LogicalRange>();
        ArgumentSplitting.ParseWords(Buffer, args.Start, args.End, _source.EscapeCharacter, words);
        if (words.Count == 0) return ImmutableArray<DockerfileNode>.Empty;

        if (Buffer.Slice(words[0].Start, words[0].Length).IndexOf('=') < 0)
        {
            // Legacy form: the first whitespace-separated field is the key, the rest is the value.
            int keyEnd = args.Start;
            while (keyEnd < args.End && !ArgumentSplitting.IsSplitSpace(Buffer[keyEnd])) keyEnd++;
            int valueStart = keyEnd;
            while (valueStart < args.End && ArgumentSplitting.IsSplitSpace(Buffer[valueStart])) valueStart++;
            var key = Token(DockerfileSyntaxKind.KeyToken, line, args.Start, keyEnd);
            if (valueStart >= args.End)
            {
                var lonePair = new KeyValuePairSyntax(key, default, default);
                Report(lonePair.Span, keyword.Text.ToUpperInvariant() + " must have two arguments");
                return ImmutableArray.Create<DockerfileNode>(lonePair);
            }
            var value = Token(DockerfileSyntaxKind.ValueToken, line, valueStart, args.End);
            return ImmutableArray.Create<DockerfileNode>(new KeyValuePairSyntax(key, default, value));
        }

        var builder = ImmutableArray.CreateBuilder<DockerfileNode>(words.Count);
        foreach (var word in words)
        {
            int equals = IndexOfEquals(word);
            if (equals < 0)
            {
                var bare = new KeyValuePairSyntax(Token(DockerfileSyntaxKind.KeyToken, line, word.Start, word.End), default, default);
                Report(bare.Span, "Syntax error - can't find = in \"" + Buffer.Slice(word.Start, word.Length).ToString() + "\". Must be of the form: name=value");
                builder.Add(bare);
                continue;
            }
            builder.Add(Pair(line, word, equals));
        }
        return builder.MoveToImmutable();
    }

    /// <summary>BuildKit's parseNameOrNameVal for ARG: each word is <c>name</c> or <c>name=default</c>.</summary>
    private ImmutableArray<DockerfileNode> NamesOrNameValues(LogicalLine line, LogicalRange args)
    {
        var words = new List<LogicalRange>();
        ArgumentSplitting.ParseWords(Buffer, args.Start, args.End, _source.EscapeCharacter, words);
        var builder = ImmutableArray.CreateBuilder<DockerfileNode>(words.Count);
        foreach (var word in words)
        {
            int equals = IndexOfEquals(word);
            builder.Add(equals < 0
                ? new KeyValuePairSyntax(Token(DockerfileSyntaxKind.KeyToken, line, word.Start, word.End), default, default)
                : Pair(line, word, equals));
        }
        return builder.MoveToImmutable();
    }

    private int IndexOfEquals(LogicalRange word)
    {
        int at = Buffer.Slice(word.Start, word.Length).IndexOf('=');
        return at < 0 ? -1 : word.Start + at;
    }

    private KeyValuePairSyntax Pair(LogicalLine line, LogicalRange word, int equals)
    {
        var key = Token(DockerfileSyntaxKind.KeyToken, line, word.Start, equals);
        var eq = Token(DockerfileSyntaxKind.EqualsToken, line, equals, equals + 1);
        var value = Token(DockerfileSyntaxKind.ValueToken, line, equals + 1, word.End);
        return new KeyValuePairSyntax(key, eq, value);
    }

    /// <summary>BuildKit's parseHealthConfig: a type word (CMD, NONE) then a command in either form.</summary>
    private ImmutableArray<DockerfileNode> HealthConfig(LogicalLine line, LogicalRange args)
    {
        var text = Buffer;
        int sep = args.Start;
        while (sep < args.End && !ArgumentSplitting.IsSpace(text[sep])) sep++;
        int next = ArgumentSplitting.SkipSpace(text, sep, args.End);
        var type = new WordSyntax(Token(DockerfileSyntaxKind.WordToken, line, args.Start, sep));
        if (next >= args.End) return ImmutableArray.Create<DockerfileNode>(type);
        var command = MaybeJson(line, new LogicalRange(next, args.End), fallbackToWords: false);
        return ImmutableArray.Create<DockerfileNode>(type).AddRange(command);
    }

    // ---- heredocs -------------------------------------------------------------------------------

    private ImmutableArray<HeredocSyntax> ParseHeredocs(LogicalLine line)
    {
        var markers = HeredocMarkers.Find(line.Text);
        if (markers.Count == 0) return ImmutableArray<HeredocSyntax>.Empty;
        var builder = ImmutableArray.CreateBuilder<HeredocSyntax>(markers.Count);
        foreach (var marker in markers)
        {
            var markerSpan = line.ToSourceSpan(marker.Range.Start, marker.Range.End);
            int bodyStart = _pos;
            int terminatorStart = -1, terminatorEnd = -1;
            while (_pos < _text.Length)
            {
                var candidate = ReadLine();
                int contentStart = candidate.Start;
                if (marker.Chomp)
                    while (contentStart < candidate.ContentEnd && _text[contentStart] == '\t') contentStart++;
                if (candidate.ContentEnd - contentStart == marker.Name.Length
                    && string.CompareOrdinal(_text, contentStart, marker.Name, 0, marker.Name.Length) == 0)
                {
                    terminatorStart = candidate.Start;
                    terminatorEnd = candidate.ContentEnd;
                    break;
                }
            }
            int bodyEnd = terminatorStart >= 0 ? terminatorStart : _text.Length;
            var body = Token(DockerfileSyntaxKind.HeredocBodyToken, TextSpan.FromBounds(Math.Min(bodyStart, bodyEnd), bodyEnd));
            DockerfileToken terminator = default;
            if (terminatorStart >= 0)
            {
                terminator = Token(DockerfileSyntaxKind.HeredocTerminatorToken, TextSpan.FromBounds(terminatorStart, terminatorEnd));
            }
            else
            {
                Report(markerSpan, "unterminated heredoc");
            }
            builder.Add(new HeredocSyntax(marker.Name, marker.Expand, marker.Chomp, marker.FileDescriptor, markerSpan, body, terminator));
        }
        return builder.MoveToImmutable();
    }

    // ---- parser directives ----------------------------------------------------------------------

    /// <summary>BuildKit's DirectiveParser: <c>#</c> name <c>=</c> value, only in the leading run of such lines.</summary>
    private bool TryParseDirective(PhysicalLine line)
    {
        int i = SkipSpace(line.Start, line.ContentEnd);
        if (i >= line.ContentEnd || _text[i] != '#') return false;
        int hash = i;
        i++;
        while (i < line.ContentEnd && IsDirectiveBlank(_text[i])) i++;
        int nameStart = i;
        if (i >= line.ContentEnd || !IsAsciiLetter(_text[i])) return false;
        while (i < line.ContentEnd && (IsAsciiLetter(_text[i]) || (_text[i] >= '0' && _text[i] <= '9'))) i++;
        int nameEnd = i;
        while (i < line.ContentEnd && IsDirectiveBlank(_text[i])) i++;
        if (i >= line.ContentEnd || _text[i] != '=') return false;
        int equals = i;
        i++;
        while (i < line.ContentEnd && IsDirectiveBlank(_text[i])) i++;
        int valueStart = i;
        int valueEnd = line.ContentEnd;
        while (valueEnd > valueStart && IsDirectiveBlank(_text[valueEnd - 1])) valueEnd--;
        if (valueEnd <= valueStart) return false;

        string name = _text.Substring(nameStart, nameEnd - nameStart).ToLowerInvariant();
        if (name != "syntax" && name != "escape" && name != "check") return false;

        var directive = new ParserDirectiveSyntax(
            Token(DockerfileSyntaxKind.DirectiveHashToken, new TextSpan(hash, 1)),
            Token(DockerfileSyntaxKind.DirectiveNameToken, TextSpan.FromBounds(nameStart, nameEnd)),
            Token(DockerfileSyntaxKind.DirectiveEqualsToken, new TextSpan(equals, 1)),
            Token(DockerfileSyntaxKind.DirectiveValueToken, TextSpan.FromBounds(valueStart, valueEnd)));
        _directives.Add(directive);

        if (!_seenDirectives.Add(name))
        {
            Report(directive.Span, "only one " + name + " parser directive can be used");
        }
        else if (name == "escape")
        {
            string value = directive.Value;
            if (value == "`" || value == "\\") _source.EscapeCharacter = value[0];
            else Report(directive.ValueToken.Span, "invalid escape token '" + value + "' does not match ` or \\");
        }
        return true;
    }

    private static bool IsDirectiveBlank(char c) => c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\v';
    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    // ---- tokens and diagnostics -----------------------------------------------------------------

    private DockerfileToken Token(DockerfileSyntaxKind kind, LogicalLine line, int logicalStart, int logicalEnd)
    {
        var span = line.ToSourceSpan(logicalStart, logicalEnd);
        var token = new DockerfileToken(_source, kind, _lastTokenEnd, span, line, logicalStart, logicalEnd);
        _lastTokenEnd = span.End;
        return token;
    }

    private DockerfileToken Token(DockerfileSyntaxKind kind, TextSpan span)
    {
        var token = new DockerfileToken(_source, kind, _lastTokenEnd, span);
        _lastTokenEnd = span.End;
        return token;
    }

    private void Report(TextSpan span, string message)
        => _diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.DockerfileSyntax, _path, _sourceText, span, message));
}
