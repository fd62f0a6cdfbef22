using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis;

/// <summary>
/// A fix a rule offers: text changes in the file the diagnostic is in, and how far they can be trusted
/// (<see cref="Fixes.FixApplicability"/>; by default what the rule declares).
/// </summary>
public sealed record CodeFix(string Title, ImmutableArray<TextChange> Changes, Fixes.FixApplicability? Applicability = null)
{
    /// <summary>A fix with the applicability its rule declares.</summary>
    public CodeFix(string title, params TextChange[] changes)
        : this(title, changes.ToImmutableArray())
    {
    }

    /// <summary>The applicability in force: the fix's own, else display-only (a fix nobody vouched for is never applied).</summary>
    public Fixes.FixApplicability EffectiveApplicability => Applicability ?? Fixes.FixApplicability.DisplayOnly;
}

/// <summary>A diagnostic as the driver reports it: with its rule, effective severity, suppression and fix.</summary>
public sealed record Finding(Diagnostic Diagnostic, RuleDescriptor? Rule, CodeFix? Fix, SuppressionInfo? Suppression)
{
    public bool IsSuppressed => Suppression != null;
    public string Id => Diagnostic.Id;
    public DiagnosticSeverity Severity => Diagnostic.Severity;
    public FileLinePositionSpan LineSpan => Diagnostic.Location.GetLineSpan();
}

/// <summary>Why a finding is suppressed: an in-source comment (with its justification) or a baseline.</summary>
public sealed record SuppressionInfo(Suppression.SuppressionKind Kind, string Justification);
