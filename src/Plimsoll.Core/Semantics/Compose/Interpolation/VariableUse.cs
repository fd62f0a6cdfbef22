using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>One variable reference in an interpolated string and how it resolved.</summary>
public sealed class VariableUse
{
    public VariableUse(string name, TextSpan span, InterpolationOperator @operator, ValueOrigin origin, VariableDefinition? definition)
    {
        Name = name;
        Span = span;
        Operator = @operator;
        Origin = origin;
        Definition = definition;
    }

    /// <summary>The name looked up (in the stack dialect this can be an odd name such as <c>A:?x</c>, as docker looks it up).</summary>
    public string Name { get; }

    /// <summary>The reference (<c>$A</c>, <c>${A:-x}</c>) within the interpolated input string.</summary>
    public TextSpan Span { get; }

    public InterpolationOperator Operator { get; }

    /// <summary>
    /// Where the text this reference produced came from: the variable's source, <see cref="ValueOrigin.Default"/> when
    /// the default or alternate operand was used, <see cref="ValueOrigin.Unknown"/> when unset without a default.
    /// </summary>
    public ValueOrigin Origin { get; }

    /// <summary>The variable's definition; null when it is unset.</summary>
    public VariableDefinition? Definition { get; }

    /// <summary>The variable's own value; null when it is unset.</summary>
    public string? Value => Definition?.Value;

    public bool IsSet => Definition is not null;

    public override string ToString() => Name + "@" + Span + " -> " + Origin + (Value is null ? "" : " '" + Value + "'");
}
