using Microsoft.CodeAnalysis;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Analysis.Suppression;
using Plimsoll.Diagnostics;

namespace Plimsoll.Analysis;

/// <summary>
/// What configuration and suppression comments say for one file: rule options, the severity of each rule,
/// and whether a finding is suppressed in source. The driver applies it to every finding.
/// </summary>
public sealed class FileSettings
{
    public FileSettings(AnalyzerOptions options, SuppressionIndex suppressions)
    {
        Options = options;
        Suppressions = suppressions;
    }

    public AnalyzerOptions Options { get; }
    public SuppressionIndex Suppressions { get; }

    /// <summary>Whether <paramref name="rule"/> can report under <paramref name="options"/> (the test <see cref="Apply"/> makes first).</summary>
    internal static bool IsOn(AnalyzerOptions options, RuleDescriptor rule) => IsOn(options.GetSeverity(rule.Descriptor), rule);

    // Off when set to none, or when an opt-in rule has no severity of its own.
    private static bool IsOn(ReportDiagnostic severity, RuleDescriptor rule)
        => severity != ReportDiagnostic.Suppress && !(severity == ReportDiagnostic.Default && !rule.IsEnabledByDefault);

    /// <summary>The finding as configured: null when the rule is turned off for this file.</summary>
    internal Finding? Apply(RuleDescriptor rule, Diagnostic diagnostic, CodeFix? fix)
    {
        var severity = Options.GetSeverity(rule.Descriptor);
        // A sub-rule code (ShellCheck's SC2086) set on its own beats what is set for its rule.
        string? subRule = SubRuleOf(diagnostic);
        if (subRule != null && Options.TryGetSeverity(subRule, category: null, applyBulkSettings: false, out var subSeverity, out _) && subSeverity != ReportDiagnostic.Default)
        {
            if (subSeverity == ReportDiagnostic.Suppress) return null;
            if (severity != ReportDiagnostic.Suppress) severity = subSeverity;
        }
        if (!IsOn(severity, rule)) return null;
        var effective = severity switch
        {
            ReportDiagnostic.Error => DiagnosticSeverity.Error,
            ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
            ReportDiagnostic.Info => DiagnosticSeverity.Info,
            ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
            _ => diagnostic.Severity,
        };
        if (effective != diagnostic.Severity)
        {
            diagnostic = Diagnostic.Create(diagnostic.Id, diagnostic.Descriptor.Category, diagnostic.GetMessage(), effective,
                diagnostic.DefaultSeverity, isEnabledByDefault: true, warningLevel: effective == DiagnosticSeverity.Error ? 0 : 1,
                isSuppressed: false, title: diagnostic.Descriptor.Title, description: diagnostic.Descriptor.Description,
                helpLink: diagnostic.Descriptor.HelpLinkUri, location: diagnostic.Location, customTags: diagnostic.Descriptor.CustomTags,
                properties: diagnostic.Properties);
        }

        SuppressionInfo? suppression = null;
        var lines = diagnostic.Location.GetLineSpan();
        if (Suppressions.TryGetSuppression(rule.Id, lines.StartLinePosition.Line, lines.EndLinePosition.Line, out var comment)
            || subRule != null && Suppressions.TryGetSuppression(subRule, lines.StartLinePosition.Line, lines.EndLinePosition.Line, out comment))
        {
            suppression = new SuppressionInfo(Suppression.SuppressionKind.InSource, comment.Justification);
            diagnostic = SuppressionProperties.Suppress(diagnostic, SuppressionProperties.InSource, comment.Justification);
        }
        return new Finding(diagnostic, rule, fix, suppression);
    }

    private static string? SubRuleOf(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(SubRules.PropertyKey, out string? code) && !string.IsNullOrEmpty(code) ? code : null;
}
