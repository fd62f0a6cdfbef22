using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Plimsoll.Diagnostics;

/// <summary>
/// The <see cref="Diagnostic.Properties"/> entries that tell the SARIF writer how a suppressed diagnostic
/// (<see cref="Diagnostic.IsSuppressed"/>) was suppressed. Both are optional.
/// </summary>
public static class SuppressionProperties
{
    /// <summary>
    /// Where the suppression is written: <see cref="InSource"/> (a comment in the linted file) or anything
    /// else, e.g. <see cref="External"/>, <see cref="Baseline"/> or <see cref="Config"/> (outside it), which SARIF
    /// calls <c>external</c>. Absent means <see cref="InSource"/>, as for a Roslyn pragma.
    /// </summary>
    public const string KindKey = "suppression";

    /// <summary>The reason a person gave for the suppression; written as SARIF <c>justification</c>.</summary>
    public const string JustificationKey = "justification";

    public const string InSource = "inSource";
    public const string External = "external";
    public const string Baseline = "baseline";
    public const string Config = "config";

    /// <summary>
    /// A suppressed copy of <paramref name="diagnostic"/> carrying <paramref name="kind"/> and <paramref name="justification"/>.
    /// Roslyn keeps its own <c>WithIsSuppressed</c> internal, so this goes through the public factory: the copy has the
    /// same id, message, severities, locations, tags and help link, and a descriptor rebuilt from them.
    /// </summary>
    public static Diagnostic Suppress(Diagnostic diagnostic, string kind = InSource, string? justification = null)
    {
        if (diagnostic is null) throw new ArgumentNullException(nameof(diagnostic));
        var properties = diagnostic.Properties.SetItem(KindKey, string.IsNullOrEmpty(kind) ? InSource : kind);
        properties = string.IsNullOrEmpty(justification) ? properties.Remove(JustificationKey) : properties.SetItem(JustificationKey, justification);
        var descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(
            diagnostic.Id,
            descriptor.Category,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            diagnostic.Severity,
            descriptor.DefaultSeverity,
            descriptor.IsEnabledByDefault,
            diagnostic.WarningLevel,
            isSuppressed: true,
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            diagnostic.Location,
            diagnostic.AdditionalLocations,
            descriptor.CustomTags,
            properties);
    }
}
