using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>A builder flag: <c>--name</c> or <c>--name=value</c>; <c>--mount</c> and similar carry comma-separated options.</summary>
public sealed class FlagSyntax : DockerfileNode
{
    internal FlagSyntax(DockerfileToken token) : base(DockerfileSyntaxKind.Flag) => Token = token;

    public DockerfileToken Token { get; }

    // Read once (rules look flags up by name for every COPY and RUN: the text was cooked and cut again each time).
    private string? _text, _name;

    /// <summary>The flag as BuildKit reads it (quotes and escapes processed), e.g. <c>--platform=linux/amd64</c>.</summary>
    public string Text => _text ??= Token.Value;

    /// <summary>The name without dashes, e.g. <c>platform</c>.</summary>
    public string Name => _name ??= ReadName(Text);

    private static string ReadName(string text)
    {
        int equals = text.IndexOf('=');
        string name = equals < 0 ? text : text.Substring(0, equals);
        return name.StartsWith("--", StringComparison.Ordinal) ? name.Substring(2) : name;
    }

    /// <summary>The value after <c>=</c>, or null for a bare flag.</summary>
    public string? Value
    {
        get
        {
            string text = Text;
            int equals = text.IndexOf('=');
            return equals < 0 ? null : text.Substring(equals + 1);
        }
    }

    /// <summary>The source span of the name (dashes included).</summary>
    public TextSpan NameSpan
    {
        get
        {
            var line = Token.Line;
            if (line == null) return Token.Span;
            int equals = line.Text.IndexOf('=', Token.LogicalStart, Token.LogicalEnd - Token.LogicalStart);
            return equals < 0 ? Token.Span : line.ToSourceSpan(Token.LogicalStart, equals);
        }
    }

    /// <summary>The source span of the value, or an empty span at the end of the flag when there is none.</summary>
    public TextSpan ValueSpan
    {
        get
        {
            var line = Token.Line;
            if (line == null) return new TextSpan(Token.End, 0);
            int equals = line.Text.IndexOf('=', Token.LogicalStart, Token.LogicalEnd - Token.LogicalStart);
            return equals < 0 ? new TextSpan(Token.End, 0) : line.ToSourceSpan(equals + 1, Token.LogicalEnd);
        }
    }

    /// <summary>
    /// The comma-separated <c>key=value</c> options of the value (as in <c>--mount=type=cache,target=/x</c>),
    /// each with its source span. Fields are split like BuildKit's CSV reader; quotes are removed.
    /// </summary>
    public IReadOnlyList<FlagOption> Options
    {
        get
        {
            var line = Token.Line;
            var result = new List<FlagOption>();
            if (line == null) return result;
            int equals = line.Text.IndexOf('=', Token.LogicalStart, Token.LogicalEnd - Token.LogicalStart);
            if (equals < 0) return result;
            string text = line.Text;
            int i = equals + 1, end = Token.LogicalEnd;
            while (i <= end)
            {
                int fieldStart = i;
                bool quoted = false;
                while (i < end && (quoted || text[i] != ','))
                {
                    if (text[i] == '"') quoted = !quoted;
                    i++;
                }
                if (i > fieldStart)
                {
                    string option = text.Substring(fieldStart, i - fieldStart).Replace("\"", "");
                    int eq = option.IndexOf('=');
                    string key = eq < 0 ? option : option.Substring(0, eq);
                    string? value = eq < 0 ? null : option.Substring(eq + 1);
                    result.Add(new FlagOption(key.Trim(), value, line.ToSourceSpan(fieldStart, i)));
                }
                i++;
            }
            return result;
        }
    }

    internal override int SlotCount => 1;
    internal override DockerfileNodeOrToken GetSlot(int index) => Token;
}

/// <summary>One <c>key=value</c> part of a flag value such as <c>--mount=type=secret,id=npmrc</c>.</summary>
public sealed record FlagOption(string Key, string? Value, TextSpan Span);
