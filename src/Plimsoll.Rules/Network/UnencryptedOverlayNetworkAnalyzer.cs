using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;

namespace Plimsoll.Rules.Network;

/// <summary>PL3002: a network with <c>driver: overlay</c> and no <c>driver_opts.encrypted</c>; external networks are not judged.</summary>
[PlimsollAnalyzer]
public sealed class UnencryptedOverlayNetworkAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Unencrypted = new("unencrypted", "Overlay network '{network}' does not encrypt traffic between nodes: set driver_opts.encrypted");

    public static readonly RuleDescriptor Rule = new(
        id: "PL3002", name: "UnencryptedOverlayNetwork", title: "Overlay network without encryption",
        category: "Network", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Swarm overlay traffic between nodes is plain VXLAN unless the network is created with the 'encrypted' option.",
        securitySeverity: "5.3", precision: RulePrecision.High,
        tags: [RuleTag.Security],
        messages: [Unencrypted],
        fix: FixApplicability.Unsafe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeNetworkAction(network =>
        {
            var n = network.Network;
            if (n.IsExternal || n.Driver is not { } driver) return;
            if (!string.Equals(network.KnownValue(driver), "overlay", StringComparison.OrdinalIgnoreCase)) return;
            if (n.DriverOpts?.FindEntry("encrypted") != null) return; // docker enables encryption when the option is present
            network.Report(Unencrypted, driver, n.DriverOpts == null || n.DriverOpts.Entries.Length == 0 ? EncryptFix(driver.Tree.Text, driver.Span) : null, n.Name);
        });
    }

    /// <summary>
    /// Adds <c>driver_opts: {encrypted: "true"}</c> as block lines under the <c>driver:</c> line, indented like the file
    /// (the driver line's indentation, plus that line's step from its parent). Only for a block-style <c>driver:</c> line.
    /// </summary>
    internal static CodeFix? EncryptFix(SourceText text, TextSpan driverValue)
    {
        var line = text.Lines.GetLineFromPosition(driverValue.Start);
        if (driverValue.End > line.End) return null;
        string indent = FixText.IndentationAt(text, line.Start);
        if (!text.ToString(line.Span).Substring(indent.Length).StartsWith("driver:", StringComparison.Ordinal)) return null;
        string step = "  ";
        for (int i = line.LineNumber - 1; i >= 0; i--)
        {
            var parent = text.Lines[i];
            string content = text.ToString(parent.Span);
            if (content.Trim().Length == 0 || content.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
            string parentIndent = FixText.IndentationAt(text, parent.Start);
            if (parentIndent.Length < indent.Length)
            {
                step = indent.Substring(parentIndent.Length);
                break;
            }
        }
        string newLine = FixText.NewLineAt(text, line.Start);
        bool lastLineWithoutBreak = line.EndIncludingLineBreak == line.End;
        string insertion = (lastLineWithoutBreak ? newLine : "") + indent + "driver_opts:" + newLine + indent + step + "encrypted: \"true\"" + (lastLineWithoutBreak ? "" : newLine);
        return new CodeFix("Encrypt the overlay network", new TextChange(new TextSpan(line.EndIncludingLineBreak, 0), insertion));
    }
}
