using Plimsoll.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Reporting.Sarif;

/// <summary>Everything one SARIF run is written from. Only <see cref="ToolVersion"/> is required.</summary>
public sealed class SarifRunInput
{
    public SarifRunInput(string toolVersion)
    {
        ToolVersion = toolVersion ?? throw new ArgumentNullException(nameof(toolVersion));
    }

    /// <summary>Semantic version of Plimsoll, e.g. "0.1.0".</summary>
    public string ToolVersion { get; }

    /// <summary>Where people learn about the tool (SARIF <c>tool.driver.informationUri</c>).</summary>
    public string InformationUri { get; init; } = "https://github.com/plimsoll-lint/plimsoll";

    /// <summary>The rules that ran, in the order to list them. A diagnostic whose rule is missing here gets an entry from its own descriptor.</summary>
    public IReadOnlyList<RuleMetadata> Rules { get; init; } = Array.Empty<RuleMetadata>();

    /// <summary>Findings with external-file locations (<c>Location.GetLineSpan()</c> path and span).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = Array.Empty<Diagnostic>();

    /// <summary>Fixes for a diagnostic, or null/empty for none.</summary>
    public Func<Diagnostic, IReadOnlyList<SarifFix>?>? Fixes { get; init; }

    /// <summary>
    /// The text of a file by the path its diagnostics use, or null when it cannot be read. Used for snippets,
    /// fix regions and fingerprints; without it results still carry lines, columns and offsets.
    /// </summary>
    public Func<string, SourceText?>? ReadText { get; init; }

    /// <summary>
    /// The repository's root folder. Files inside it are written relative to <c>%SRCROOT%</c>, which GitHub
    /// resolves against the checkout; files outside stay absolute <c>file:</c> URIs. Null: all absolute.
    /// Relative diagnostic paths are taken relative to it (else to the current folder).
    /// </summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>The commit that was linted, or null.</summary>
    public SarifVersionControl? VersionControl { get; init; }

    /// <summary>Problems while running, e.g. files that could not be read or parsed.</summary>
    public IReadOnlyList<ToolNotification> Notifications { get; init; } = Array.Empty<ToolNotification>();

    /// <summary>SARIF <c>executionSuccessful</c>; null means "no notification of level error".</summary>
    public bool? ExecutionSuccessful { get; init; }
}
