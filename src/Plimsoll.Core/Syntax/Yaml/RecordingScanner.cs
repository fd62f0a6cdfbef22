using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// Sits between YamlDotNet's <see cref="Scanner"/> and <see cref="Parser"/> and keeps every token the parser
/// consumes, with its marks: the tree's tokens and comments come from here, and it tells the builder where
/// the parser stood when it produced each event (YamlDotNet's own marks for empty nodes are unreliable).
/// </summary>
internal sealed class RecordingScanner : IScanner
{
    private readonly Scanner inner;

    public RecordingScanner(TextReader input)
    {
        inner = new Scanner(input, skipComments: false);
    }

    /// <summary>Consumed tokens, in order.</summary>
    public List<Token> Consumed { get; } = new();

    /// <summary>End of the last consumed token that is not a comment.</summary>
    public int LastContentEnd { get; private set; }

    public Mark CurrentPosition => inner.CurrentPosition;

    public Token? Current => inner.Current;

    public bool MoveNext()
    {
        if (inner.Current != null) Record(inner.Current);
        return inner.MoveNext();
    }

    public bool MoveNextWithoutConsuming() => inner.MoveNextWithoutConsuming();

    public void ConsumeCurrent()
    {
        if (inner.Current != null) Record(inner.Current);
        inner.ConsumeCurrent();
    }

    private void Record(Token token)
    {
        Consumed.Add(token);
        if (token is not Comment && token.End.Index > token.Start.Index)
        {
            LastContentEnd = (int)token.End.Index;
        }
    }
}
