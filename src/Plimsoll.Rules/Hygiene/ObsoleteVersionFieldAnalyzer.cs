using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Hygiene;

/// <summary>
/// PL6030: the top-level <c>version:</c> of a compose file. The Compose Specification has made it informative only:
/// Compose v2 ignores it (and warns), so it suggests a file format and feature set that no longer exist.
/// </summary>
[PlimsollAnalyzer]
public sealed class ObsoleteVersionFieldAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Obsolete = new("obsolete", "top-level 'version' is obsolete: Compose ignores it (and warns), whatever it says; remove it");

    public static readonly RuleDescriptor Rule = new(
        id: "PL6030", name: "ObsoleteVersionField", title: "Obsolete top-level version field",
        category: "Hygiene", defaultSeverity: DiagnosticSeverity.Info,
        description: "Compose v2 reads every file with the Compose Specification and ignores 'version'; keeping it misleads readers about which features apply and makes every run print a warning.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Hygiene],
        messages: [Obsolete],
        peers: [PeerRule.Dclint("no-version-field")],
        fix: FixApplicability.Safe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeProjectAction(project =>
        {
            // `docker stack deploy` still reads the version to pick its schema: a stack file keeps it.
            if (project.IsStack) return;
            if (project.Tree.Root is not YamlMappingNode root || root.FindEntry("version") is not { } entry) return;
            var text = project.Tree.Text;
            var fix = RuleEdits.RemoveEntryLine(text, entry.Value.Span, "version", "Remove 'version'");
            project.Report(Obsolete, project.Tree.GetLocation(entry.Key.Span), fix);
        });
    }
}
