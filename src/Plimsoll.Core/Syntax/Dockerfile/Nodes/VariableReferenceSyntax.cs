using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>A <c>$VAR</c> or <c>${VAR…}</c> inside a word of an instruction, with source spans (through continuations).</summary>
public sealed record VariableReferenceSyntax(string Name, VariableOperator Operator, bool IsBraced, TextSpan Span, TextSpan NameSpan, TextSpan? OperandSpan);

public static class VariableReferences
{
    /// <summary>
    /// The variable references of a token as BuildKit's word lexer sees them (single-quoted text and escaped
    /// <c>$</c> are not references). Found on demand; the parser does not pay for them.
    /// </summary>
    public static IReadOnlyList<VariableReferenceSyntax> GetVariableReferences(this DockerfileToken token, char escapeCharacter = '\\')
    {
        if (!token.IsPresent) return Array.Empty<VariableReferenceSyntax>();
        string text = token.LogicalText;
        if (text.IndexOf('$') < 0) return Array.Empty<VariableReferenceSyntax>();
        var result = new List<VariableReferenceSyntax>();
        foreach (var reference in VariableReferenceScanner.Scan(text, escapeCharacter))
        {
            TextSpan? operand = reference.OperandSpan is { } o ? token.MapLogicalSpan(o.Start, o.Length) : null;
            result.Add(new VariableReferenceSyntax(reference.Name, reference.Operator, reference.IsBraced,
                token.MapLogicalSpan(reference.Start, reference.Length), token.MapLogicalSpan(reference.NameStart, reference.Name.Length), operand));
        }
        return result;
    }
}
