using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>How a <c>.env</c> value was written.</summary>
public enum DotEnvQuoting
{
    /// <summary><c>KEY=value</c>: runs to the end of the line or to <c>" #"</c>, trailing whitespace removed, interpolated.</summary>
    Unquoted,

    /// <summary><c>KEY='value'</c>: literal, may span lines.</summary>
    SingleQuoted,

    /// <summary><c>KEY="value"</c>: escapes (<c>\n</c>, <c>\t</c>, <c>\"</c>, <c>\\</c>, ...) then interpolation, may span lines.</summary>
    DoubleQuoted,

    /// <summary><c>KEY</c> alone on its line: the value is taken from the lookup environment, if it has one.</summary>
    Inherited,
}

/// <summary>One <c>KEY=value</c> statement of a <c>.env</c> file.</summary>
public sealed class DotEnvVariable
{
    public DotEnvVariable(string name, string? value, DotEnvQuoting quoting, int line, TextSpan span, TextSpan nameSpan, TextSpan valueSpan, InterpolatedValue? interpolation)
    {
        Name = name;
        Value = value;
        Quoting = quoting;
        Line = line;
        Span = span;
        NameSpan = nameSpan;
        ValueSpan = valueSpan;
        Interpolation = interpolation;
    }

    public string Name { get; }

    /// <summary>The final value; null for an inherited <c>KEY</c> that the lookup environment does not define (compose then leaves it unset).</summary>
    public string? Value { get; }

    public DotEnvQuoting Quoting { get; }

    /// <summary>Zero-based line of the name.</summary>
    public int Line { get; }

    /// <summary>From the name (after any <c>export</c>) to the end of the value, closing quote included.</summary>
    public TextSpan Span { get; }

    public TextSpan NameSpan { get; }

    /// <summary>The value as written, quotes included; empty at the end of the name for an inherited key.</summary>
    public TextSpan ValueSpan { get; }

    /// <summary>How the value's <c>${...}</c> references resolved; null for single-quoted and inherited values.</summary>
    public InterpolatedValue? Interpolation { get; }

    public override string ToString() => Name + "=" + (Value ?? "<unset>") + " (line " + (Line + 1) + ", " + Quoting + ")";
}
