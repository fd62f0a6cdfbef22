using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile.Expansion;

/// <summary>
/// One <c>$VAR</c> or <c>${VAR…}</c> in a Dockerfile word, located by offsets into the scanned text.
/// </summary>
/// <param name="Start">Offset of the <c>$</c>.</param>
/// <param name="Length">Through the name (unbraced), through the closing <c>}</c>, or to the end of the
/// scanned range when the brace is missing.</param>
/// <param name="Name">The variable name as written (may be a special parameter such as <c>@</c> or <c>1</c>;
/// empty for BuildKit-accepted oddities such as <c>${+x}</c>).</param>
/// <param name="NameStart">Offset of the first character of the name.</param>
/// <param name="Operator">The modifier.</param>
/// <param name="OperandStart">Offset of the operand (after the operator token, e.g. after <c>:-</c> or <c>##</c>);
/// -1 when there is no operand.</param>
/// <param name="OperandLength">Length of the operand up to the closing <c>}</c>; -1 when there is none. For
/// the replace operators it spans <c>pattern/replacement</c>.</param>
/// <param name="IsBraced">Whether the reference is written <c>${…}</c>.</param>
/// <param name="IsTerminated">False when a braced reference runs to the end of the range without its closing
/// brace (BuildKit rejects such a word; the reference is reported so that tools can still point at it).</param>
/// <param name="ReplacementStart">For <see cref="VariableOperator.ReplaceFirst"/> and
/// <see cref="VariableOperator.ReplaceAll"/>: offset of the replacement (after the separating <c>/</c>);
/// -1 otherwise or when the separator is missing.</param>
public readonly record struct VariableReference(
    int Start,
    int Length,
    string Name,
    int NameStart,
    VariableOperator Operator,
    int OperandStart,
    int OperandLength,
    bool IsBraced,
    bool IsTerminated,
    int ReplacementStart = -1)
{
    /// <summary>Offset just past the reference.</summary>
    public int End => Start + Length;

    /// <summary>The whole reference.</summary>
    public TextSpan Span => new(Start, Length);

    /// <summary>The name.</summary>
    public TextSpan NameSpan => new(NameStart, Name.Length);

    /// <summary>The operand, or null when there is none.</summary>
    public TextSpan? OperandSpan => OperandLength < 0 ? null : new TextSpan(OperandStart, OperandLength);
}
