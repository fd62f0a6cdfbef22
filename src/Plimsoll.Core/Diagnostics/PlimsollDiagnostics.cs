using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Diagnostics;

/// <summary>
/// Creates Roslyn <see cref="Diagnostic"/>s for files that are not C# sources: the location is an
/// external-file location (path, span, line span), exactly what a Roslyn analyzer host reports too.
/// </summary>
public static class PlimsollDiagnostic
{
    /// <summary>Base address of the rule pages; a rule's help link is this plus its id.</summary>
    public const string HelpLinkBase = "https://github.com/plimsoll-lint/plimsoll/blob/main/rules/";

    public static string HelpLinkFor(string id) => HelpLinkBase + id + ".md";

    public static Location CreateLocation(string path, SourceText text, TextSpan span)
    {
        // Clamp so that a diagnostic can never point outside the text, whatever the caller computed.
        int start = Math.Min(Math.Max(span.Start, 0), text.Length);
        int end = Math.Min(Math.Max(span.End, start), text.Length);
        var clamped = TextSpan.FromBounds(start, end);
        return Location.Create(path, clamped, text.Lines.GetLinePositionSpan(clamped));
    }

    public static Diagnostic Create(DiagnosticDescriptor descriptor, string path, SourceText text, TextSpan span, params object?[] messageArgs)
        => Diagnostic.Create(descriptor, CreateLocation(path, text, span), messageArgs);
}
