using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Resources;

/// <summary>PL2015: <c>logging: driver: none</c>, which throws away everything the service writes to its output.</summary>
[PlimsollAnalyzer]
public sealed class LoggingDisabledAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage DriverNone = new("driverNone",
        "Service '{service}' uses the 'none' logging driver: its output is discarded, leaving nothing to investigate an incident with");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2015", name: "LoggingDisabled", title: "Logging driver disabled",
        category: "Resources", defaultSeverity: DiagnosticSeverity.Warning,
        description: "The 'none' logging driver discards the container's output, so errors, access logs and an intruder's traces are lost.",
        securitySeverity: "3.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [DriverNone],
        peers: [PeerRule.ComposeLint("CL-0014")],
        fix: FixApplicability.Unsafe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.Get("logging") is not ProjectMapping logging || logging.Scalar("driver") is not { } driver) return;
            if (!string.Equals(service.KnownValue(driver)?.Trim(), "none", StringComparison.OrdinalIgnoreCase)) return;
            service.Report(DriverNone, driver, RemoveDriver(logging, driver), service.Service.Name);
        });
    }

    /// <summary>Deletes the <c>driver: none</c> line, or the whole <c>logging:</c> block when the driver is all it holds.</summary>
    private static CodeFix? RemoveDriver(ProjectMapping logging, ProjectScalar driver)
    {
        const string title = "Remove 'driver: none' (use the daemon's default logging driver)";
        if (logging.Node is YamlMappingNode { Style: YamlCollectionStyle.Block, Entries.Length: 1 } block
            && block.Parent is YamlMappingNode service && service.Entries.FirstOrDefault(e => ReferenceEquals(e.Value, block)) is { } entry)
        {
            var text = block.Tree.Text;
            var keyLine = text.Lines.GetLineFromPosition(entry.Key.Span.Start);
            var lastLine = text.Lines.GetLineFromPosition(block.Span.End);
            string beforeKey = text.ToString(TextSpan.FromBounds(keyLine.Start, entry.Key.Span.Start));
            string afterValue = text.ToString(TextSpan.FromBounds(block.Span.End, lastLine.End)).Trim();
            if (beforeKey.Trim().Length == 0 && (afterValue.Length == 0 || afterValue.StartsWith("#", StringComparison.Ordinal)) && keyLine.LineNumber < lastLine.LineNumber)
                return new CodeFix(title, new TextChange(TextSpan.FromBounds(keyLine.Start, lastLine.EndIncludingLineBreak), ""));
            return null;
        }
        return RuleEdits.RemoveEntryLine(driver.Tree.Text, driver.Span, "driver", title);
    }
}
