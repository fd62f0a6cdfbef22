using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Cli.LanguageServer.Protocol;
using LspDiagnostic = Plimsoll.Cli.LanguageServer.Protocol.Diagnostic;
using Range = Plimsoll.Cli.LanguageServer.Protocol.Range;
using Location = Plimsoll.Cli.LanguageServer.Protocol.Location;

namespace Plimsoll.Cli.LanguageServer;

/// <summary>Findings as LSP diagnostics: rule id and page, effective severity, tags, related locations and the fix as data.</summary>
internal static class LspDiagnostics
{
    public const string Source = "plimsoll";

    public static LspDiagnostic[] From(OpenDocument document, IEnumerable<Finding> findings)
    {
        var items = new List<LspDiagnostic>();
        foreach (var finding in findings)
        {
            if (finding.IsSuppressed) continue;
            var diagnostic = finding.Diagnostic;
            if (diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden) continue;
            var span = diagnostic.Location.SourceSpan;
            var range = DocumentStore.ToRange(document.Text, ClampToText(span, document.Text.Length));
            var href = diagnostic.Descriptor.HelpLinkUri;
            items.Add(new LspDiagnostic(
                range,
                SeverityOf(diagnostic.Severity),
                diagnostic.Id,
                string.IsNullOrEmpty(href) ? null : new CodeDescription(href),
                Source,
                diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                TagsOf(diagnostic),
                RelatedOf(finding),
                DataOf(document, finding.Fix)));
        }
        return items.ToArray();
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan ClampToText(Microsoft.CodeAnalysis.Text.TextSpan span, int length)
        => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(Math.Min(span.Start, length), Math.Min(span.End, length));

    private static int SeverityOf(Microsoft.CodeAnalysis.DiagnosticSeverity severity) => severity switch
    {
        Microsoft.CodeAnalysis.DiagnosticSeverity.Error => Protocol.DiagnosticSeverity.Error,
        Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => Protocol.DiagnosticSeverity.Warning,
        Microsoft.CodeAnalysis.DiagnosticSeverity.Info => Protocol.DiagnosticSeverity.Information,
        _ => Protocol.DiagnosticSeverity.Hint,
    };

    // Rules mark findings about dead or obsolete code with Roslyn's custom tags; editors fade or strike them through.
    private static int[]? TagsOf(Microsoft.CodeAnalysis.Diagnostic diagnostic)
    {
        var tags = new List<int>();
        foreach (var tag in diagnostic.Descriptor.CustomTags)
        {
            if (tag.Equals(WellKnownDiagnosticTags.Unnecessary, StringComparison.OrdinalIgnoreCase)) tags.Add(DiagnosticTag.Unnecessary);
            else if (tag.Equals("Deprecated", StringComparison.OrdinalIgnoreCase)) tags.Add(DiagnosticTag.Deprecated);
        }
        return tags.Count == 0 ? null : tags.Distinct().ToArray();
    }

    // Additional locations: where something is defined or inherited from, possibly in another file of the project.
    private static DiagnosticRelatedInformation[]? RelatedOf(Finding finding)
    {
        var related = new List<DiagnosticRelatedInformation>();
        foreach (var location in finding.Diagnostic.AdditionalLocations)
        {
            var span = location.GetLineSpan();
            if (!span.IsValid || string.IsNullOrEmpty(span.Path)) continue;
            var range = new Range(new Position(span.StartLinePosition.Line, span.StartLinePosition.Character), new Position(span.EndLinePosition.Line, span.EndLinePosition.Character));
            string uri;
            try
            {
                uri = DocumentUris.FromPath(span.Path);
            }
            catch (Exception e) when (e is ArgumentException || e is UriFormatException || e is NotSupportedException)
            {
                continue;
            }
            related.Add(new DiagnosticRelatedInformation(new Location(uri, range), $"{finding.Id}: related location"));
        }
        return related.Count == 0 ? null : related.ToArray();
    }

    private static DiagnosticData? DataOf(OpenDocument document, CodeFix? fix)
    {
        if (fix == null || fix.Changes.IsDefaultOrEmpty || WireApplicability.Of(fix) == WireApplicability.DisplayOnly) return null;
        var edits = fix.Changes
            .Where(c => c.Span.End <= document.Text.Length)
            .Select(c => new TextEdit(DocumentStore.ToRange(document.Text, c.Span), c.NewText ?? ""))
            .ToArray();
        return edits.Length == 0 ? null : new DiagnosticData(fix.Title, edits, WireApplicability.Of(fix));
    }
}

/// <summary>
/// How far a rule's fix can be trusted, on the wire: "safe" (fix all, fix on save), "unsafe" (offered, labelled), or
/// "displayOnly" (not offered) — the fix's own applicability, else the one its rule declares.
/// </summary>
internal static class WireApplicability
{
    public const string Safe = "safe", Unsafe = "unsafe", DisplayOnly = "displayOnly";

    public static string Of(CodeFix fix) => fix.EffectiveApplicability switch
    {
        Plimsoll.Analysis.Fixes.FixApplicability.Safe => Safe,
        Plimsoll.Analysis.Fixes.FixApplicability.DisplayOnly => DisplayOnly,
        _ => Unsafe,
    };
}
