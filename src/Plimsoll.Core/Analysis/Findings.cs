using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis;

/// <summary>A fix a rule offers: text changes in the file the diagnostic is in.</summary>
public sealed record CodeFix(string Title, ImmutableArray<TextChange> Changes);

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
