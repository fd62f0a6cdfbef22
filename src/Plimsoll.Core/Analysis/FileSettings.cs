using Microsoft.CodeAnalysis;
using Plimsoll.Diagnostics;

namespace Plimsoll.Analysis;

/// <summary>
/// What configuration and suppressions say for one file: the rule options, the severity of each rule,
/// and whether a finding is suppressed in source. The driver applies it to every finding.
/// </summary>
public class FileSettings
{
    public static readonly FileSettings Default = new();

    public virtual IRuleOptions Options => EmptyRuleOptions.Instance;

    /// <summary>The configured severity of a rule (<see cref="ReportDiagnostic.Default"/> when not configured).</summary>
    public virtual ReportDiagnostic GetSeverity(RuleDescriptor rule) => ReportDiagnostic.Default;

    /// <summary>An in-source suppression covering the finding, or null.</summary>
    public virtual SuppressionInfo? FindSuppression(RuleDescriptor rule, Diagnostic diagnostic) => null;

    /// <summary>The finding as configured: null when the rule is turned off for this file.</summary>
    internal Finding? Apply(RuleDescriptor rule, Diagnostic diagnostic, CodeFix? fix)
    {
        var severity = GetSeverity(rule);
        if (severity == ReportDiagnostic.Suppress) return null;
        var effective = severity switch
        {
            ReportDiagnostic.Error => DiagnosticSeverity.Error,
            ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
            ReportDiagnostic.Info => DiagnosticSeverity.Info,
            ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
            _ => diagnostic.Severity,
        };
        var suppression = FindSuppression(rule, diagnostic);
        if (effective != diagnostic.Severity)
        {
            diagnostic = Diagnostic.Create(diagnostic.Id, diagnostic.Descriptor.Category, diagnostic.GetMessage(), effective,
                diagnostic.DefaultSeverity, isEnabledByDefault: true, warningLevel: effective == DiagnosticSeverity.Error ? 0 : 1,
                isSuppressed: false, title: diagnostic.Descriptor.Title, description: diagnostic.Descriptor.Description,
                helpLink: diagnostic.Descriptor.HelpLinkUri, location: diagnostic.Location, customTags: diagnostic.Descriptor.CustomTags,
                properties: diagnostic.Properties);
        }
        if (suppression != null)
        {
            diagnostic = SuppressionProperties.Suppress(diagnostic,
                suppression.Kind == SuppressionKind.Baseline ? SuppressionProperties.Baseline : SuppressionProperties.InSource, suppression.Justification);
        }
        return new Finding(diagnostic, rule, fix, suppression);
    }
}
