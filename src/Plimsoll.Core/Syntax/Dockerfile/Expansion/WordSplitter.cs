using System.Text;

namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>
/// Collects the words of <see cref="WordLexer.ProcessWords"/>: unquoted and expanded text splits on white
/// space, quoted and escaped text does not. An empty quoted string alone makes no word, as in BuildKit.
/// </summary>
internal sealed class WordSplitter
{
    private readonly StringBuilder _word = new();
    private readonly List<string> _words = new();
    private bool _inWord;

    /// <summary>An unquoted character: white space ends the current word.</summary>
    public void AddChar(char ch)
    {
        if (char.IsWhiteSpace(ch))
        {
            if (_inWord && _word.Length != 0)
            {
                _words.Add(_word.ToString());
                _word.Clear();
                _inWord = false;
            }
        }
        else
        {
            AddRawChar(ch);
        }
    }

    /// <summary>A character that never splits (escaped).</summary>
    public void AddRawChar(char ch)
    {
        _word.Append(ch);
        _inWord = true;
    }

    /// <summary>Text produced by a variable expansion: splits like unquoted text.</summary>
    public void AddExpanded(StringBuilder source, int from)
    {
        for (var i = from; i < source.Length; i++) AddChar(source[i]);
    }

    /// <summary>Text produced by a quoted string: kept whole, and marks a word as started even when empty.</summary>
    public void AddQuoted(StringBuilder source, int from)
    {
        for (var i = from; i < source.Length; i++) _word.Append(source[i]);
        _inWord = true;
    }

    public IReadOnlyList<string> Finish()
    {
        if (_word.Length > 0)
        {
            _words.Add(_word.ToString());
            _word.Clear();
            _inWord = false;
        }
        return _words;
    }
}
