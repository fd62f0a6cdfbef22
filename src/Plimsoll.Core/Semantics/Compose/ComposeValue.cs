namespace Plimsoll.Semantics.Compose;

/// <summary>A part of a value (such as the source of a short-syntax volume) with its own span.</summary>
public sealed class ComposeValue
{
    internal ComposeValue(string value, ComposeScalar whole, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        Value = value;
        Whole = whole;
        Span = span;
    }

    public string Value { get; }

    /// <summary>The scalar the part was taken from (or the scalar itself for long syntax).</summary>
    public ComposeScalar Whole { get; }

    public Microsoft.CodeAnalysis.Text.TextSpan Span { get; }

    internal static ComposeValue? From(ComposeScalar? scalar)
        => scalar?.Value == null ? null : new ComposeValue(scalar.Value, scalar, scalar.Span);

    public override string ToString() => Value;
}
