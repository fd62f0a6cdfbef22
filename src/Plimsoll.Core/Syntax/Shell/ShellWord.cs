using System.Collections.Immutable;
using Plimsoll.Text;

namespace Plimsoll.Syntax.Shell;

/// <summary>
/// A shell word: a sequence of parts (literal text, quotes, escapes and expansions) with no
/// unquoted blank between them, e.g. `"$HOME"/bin/x'y'`.
/// </summary>
public sealed class ShellWord : ShellNode
{
    private string? _approximate;
    // Most words are one part (`apt-get`, `-y`, `"$HOME"`): it is kept alone, and the array of Parts is made only
    // when someone asks for it (one array per word was 4% of a corpus run's allocation).
    // A plain word — one unquoted literal written as is, three words in four — keeps only its text (in _approximate):
    // its ShellLiteralPart is made when someone asks for it, which rules seldom do (the parts were 5% of a corpus run's
    // allocation). Plain: no _single yet and no _parts.
    private ShellWordPart? _single;
    private ImmutableArray<ShellWordPart> _parts;

    internal ShellWord(int start, int length, ImmutableArray<ShellWordPart> parts) : base(start, length)
    {
        _parts = parts;
        if (parts.Length == 1) _single = parts[0];
        Adopt(parts);
    }

    internal ShellWord(int start, int length, ShellWordPart single) : base(start, length)
    {
        _single = single;
        Adopt(single);
    }

    /// <summary>A plain word: <paramref name="text"/> is its source text exactly (no quotes, escapes or continuations).</summary>
    internal ShellWord(int start, int length, string text) : base(start, length)
    {
        _approximate = text;
    }

    public ImmutableArray<ShellWordPart> Parts => _parts.IsDefault ? _parts = ImmutableArray.Create(PartAt(0)) : _parts;

    /// <summary>True for one unquoted literal written as is (<c>apt-get</c>, <c>-y</c>, <c>/usr/local</c>): it holds no quote, escape or expansion.</summary>
    internal bool IsPlain => _single == null
        ? _parts.IsDefault
        : _single is ShellLiteralPart literal && literal.Length == literal.Value.Length;

    // A plain word whose part has not been made: its text is all it holds.
    private bool HoldsOnlyText => _single == null && _parts.IsDefault;

    /// <summary>How many parts, without making the <see cref="Parts"/> array of a one-part word.</summary>
    internal int PartCount => _single != null || _parts.IsDefault ? 1 : _parts.Length;

    internal ShellWordPart PartAt(int index) => _single ?? (_parts.IsDefault ? PlainPart() : _parts[index]);

    // The literal part of a plain word, made once (two threads asking at once get the same one).
    private ShellWordPart PlainPart()
    {
        var part = new ShellLiteralPart(Start, Length, _approximate!);
        Adopt(part);
        return Interlocked.CompareExchange(ref _single, part, null) ?? part;
    }

    /// <summary>True when the word contains no parameter, command or arithmetic expansion.</summary>
    public bool IsLiteral
    {
        get
        {
            if (IsPlain) return true;
            for (int i = 0; i < PartCount; i++)
                if (!PartAt(i).IsLiteral) return false;
            return true;
        }
    }

    /// <summary>True when any part is quoted or escaped (so e.g. `"fi"` is not a keyword).</summary>
    public bool HasQuoting
    {
        get
        {
            if (IsPlain) return false;
            for (int i = 0; i < PartCount; i++)
                if (PartAt(i) is not ShellLiteralPart) return true;
            return false;
        }
    }

    /// <summary>
    /// The value after quote removal when the word has no expansions (`'a'"b"\c` → `abc`).
    /// Globs, braces and tildes are not expanded.
    /// </summary>
    public bool TryGetLiteralValue(out string value)
    {
        if (!IsLiteral)
        {
            value = string.Empty;
            return false;
        }
        value = ApproximateValue;
        return true;
    }

    /// <summary>The unquoted value up to the first expansion (`https://$HOST/x` → `https://`).</summary>
    public string LiteralPrefix
    {
        get
        {
            if (HoldsOnlyText) return _approximate!;
            if (PartCount == 0) return string.Empty;
            if (_single?.SingleValue is { } single) return _single.IsLiteral ? single : string.Empty;
            var sb = StringBuilderCache.Acquire();
            for (int i = 0; i < PartCount; i++)
                if (!PartAt(i).AppendLiteralPrefix(sb)) break;
            return StringBuilderCache.ToStringAndRelease(sb);
        }
    }

    /// <summary>
    /// The unquoted value with each expansion kept as its source text
    /// (`"https://${HOST}/x"` → `https://${HOST}/x`). Equal to the literal value when there are no expansions.
    /// </summary>
    public string ApproximateValue
    {
        get
        {
            if (_approximate != null) return _approximate;
            // Most words are one part: its value is the answer, no builder needed.
            if (PartCount == 0) return _approximate = string.Empty;
            if (_single?.SingleValue is { } single) return _approximate = single;
            var sb = StringBuilderCache.Acquire();
            for (int i = 0; i < PartCount; i++) PartAt(i).AppendApproximate(sb);
            return _approximate = StringBuilderCache.ToStringAndRelease(sb);
        }
    }

    /// <summary>
    /// When the word is a single unquoted literal with no escapes or line continuations, the offset
    /// in the input of <paramref name="valueIndex"/> in its value; otherwise the word's start.
    /// </summary>
    public int MapValueOffset(int valueIndex)
    {
        if (HoldsOnlyText) return valueIndex >= 0 && valueIndex <= Length ? Start + valueIndex : Start;
        if (_single is ShellLiteralPart lit && lit.Length == lit.Value.Length
            && valueIndex >= 0 && valueIndex <= lit.Value.Length)
            return lit.Start + valueIndex;
        return Start;
    }

    /// <summary>Parameter, command and arithmetic expansions directly in this word or its double quotes.</summary>
    public IEnumerable<ShellWordPart> Expansions()
    {
        if (IsPlain) yield break;
        for (int i = 0; i < PartCount; i++)
        {
            var p = PartAt(i);
            if (p is ShellDoubleQuotedPart dq)
            {
                foreach (var q in dq.Parts)
                    if (!q.IsLiteral) yield return q;
            }
            else if (!p.IsLiteral) yield return p;
        }
    }

    public override IEnumerable<ShellNode> ChildNodes() => Parts;

    internal override void PushChildren(Stack<ShellNode> stack)
    {
        if (_single != null || _parts.IsDefault) stack.Push(PartAt(0));
        else Push(stack, _parts);
    }
}
