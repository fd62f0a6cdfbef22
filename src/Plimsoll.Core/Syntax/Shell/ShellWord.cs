using System.Collections.Immutable;
using System.Text;

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
    private readonly ShellWordPart? _single;
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

    public ImmutableArray<ShellWordPart> Parts => _parts.IsDefault ? _parts = ImmutableArray.Create(_single!) : _parts;

    /// <summary>How many parts, without making the <see cref="Parts"/> array of a one-part word.</summary>
    internal int PartCount => _single != null ? 1 : _parts.Length;

    internal ShellWordPart PartAt(int index) => _single ?? _parts[index];

    /// <summary>True when the word contains no parameter, command or arithmetic expansion.</summary>
    public bool IsLiteral
    {
        get
        {
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
            if (PartCount == 0) return string.Empty;
            if (_single?.SingleValue is { } single) return _single.IsLiteral ? single : string.Empty;
            var sb = new StringBuilder();
            for (int i = 0; i < PartCount; i++)
                if (!PartAt(i).AppendLiteralPrefix(sb)) break;
            return sb.ToString();
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
            var sb = new StringBuilder();
            for (int i = 0; i < PartCount; i++) PartAt(i).AppendApproximate(sb);
            return _approximate = sb.ToString();
        }
    }

    /// <summary>
    /// When the word is a single unquoted literal with no escapes or line continuations, the offset
    /// in the input of <paramref name="valueIndex"/> in its value; otherwise the word's start.
    /// </summary>
    public int MapValueOffset(int valueIndex)
    {
        if (_single is ShellLiteralPart lit && lit.Length == lit.Value.Length
            && valueIndex >= 0 && valueIndex <= lit.Value.Length)
            return lit.Start + valueIndex;
        return Start;
    }

    /// <summary>Parameter, command and arithmetic expansions directly in this word or its double quotes.</summary>
    public IEnumerable<ShellWordPart> Expansions()
    {
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
        if (_single != null) stack.Push(_single);
        else Push(stack, _parts);
    }
}
