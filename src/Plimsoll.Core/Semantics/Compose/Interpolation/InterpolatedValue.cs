using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>
/// The result of interpolating one string. An unset variable without a default yields the empty string, as compose
/// does, and makes <see cref="Origin"/> <see cref="ValueOrigin.Unknown"/> so that "unknown" stays distinct from "empty".
/// When <see cref="Error"/> is set, compose would reject the file: <see cref="Text"/> is then the input unchanged.
/// </summary>
public sealed class InterpolatedValue
{
    public InterpolatedValue(string text, ValueOrigin origin, IReadOnlyList<VariableUse> uses, string? error = null, TextSpan? errorSpan = null)
    {
        Text = text;
        Origin = origin;
        Uses = uses;
        Error = error;
        ErrorSpan = errorSpan;
    }

    public string Text { get; }

    /// <summary>
    /// <see cref="ValueOrigin.Literal"/> when no variable contributed; otherwise the least certain origin among the
    /// references that contributed, in the order Unknown, Default, Environment, EnvFile, DotEnv.
    /// </summary>
    public ValueOrigin Origin { get; }

    /// <summary>The references that contributed to <see cref="Text"/>, in order of evaluation (outer before nested).</summary>
    public IReadOnlyList<VariableUse> Uses { get; }

    /// <summary>A required-variable error (<c>:?</c>, <c>?</c>) or malformed syntax; null when the value interpolates.</summary>
    public string? Error { get; }

    /// <summary>Where in the input the problem is (offset and length); set exactly when <see cref="Error"/> is.</summary>
    public TextSpan? ErrorSpan { get; }

    public bool HasError => Error is not null;

    public bool IsUnknown => Origin == ValueOrigin.Unknown;

    public override string ToString() => Error is null ? Text + " (" + Origin + ")" : "error at " + ErrorSpan + ": " + Error;
}
