using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2011: a compose or stack service whose root filesystem stays writable (no <c>read_only: true</c>).</summary>
[PlimsollAnalyzer]
public sealed class WritableRootFilesystemAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NotReadOnly = new("notReadOnly",
        "Service '{service}' has a writable root filesystem: set 'read_only: true' and give the paths it writes a tmpfs or a volume");
    public static readonly RuleMessage ReadOnlyFalse = new("readOnlyFalse",
        "Service '{service}' sets 'read_only: false': its root filesystem stays writable");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2011", name: "WritableRootFilesystem", title: "Root filesystem writable",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Info,
        description: "A read-only root filesystem stops an intruder from replacing the container's programs or leaving tools behind, and makes every path the service writes explicit.",
        securitySeverity: "3.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [NotReadOnly, ReadOnlyFalse],
        peers: [PeerRule.ComposeLint("CL-0007")],
        fix: FixApplicability.Unsafe);

    private const string Title = "Set read_only: true";

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            if (s.Mapping == null) return;
            if (s.ReadOnly is { } readOnly)
            {
                if (service.KnownValue(readOnly) == null) return;
                if (readOnly.AsBoolean() == false) service.Report(ReadOnlyFalse, readOnly, SetTrue(readOnly), s.Name);
                return;
            }
            service.Report(NotReadOnly, s.KeyNode.Tree.GetLocation(s.KeyNode.Span), ComposeEdits.AddServiceEntry(s, "read_only: true", Title), s.Name);
        });
    }

    private static CodeFix? SetTrue(ProjectScalar value)
        => value.Node is YamlScalarNode { Style: YamlScalarStyle.Plain } plain && plain.RawText == value.Raw
            ? new CodeFix(Title, new TextChange(plain.ValueSpan, "true"))
            : null;
}
