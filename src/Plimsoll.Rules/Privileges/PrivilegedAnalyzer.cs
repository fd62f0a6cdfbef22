using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2002: <c>RUN --security=insecure</c>; compose <c>privileged: true</c>.</summary>
[PlimsollAnalyzer]
public sealed class PrivilegedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage InsecureRun = new("insecureRun", "RUN --security=insecure runs this step with full host privileges (like a privileged container)");
    public static readonly RuleMessage PrivilegedService = new("privilegedService", "Service '{service}' runs privileged: it gets every capability and all host devices");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2002", name: "Privileged", title: "Privileged container or build step",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Error,
        description: "Privileged mode gives the container every capability and access to all host devices: it is root on the host in all but name.",
        securitySeverity: "9.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [InsecureRun, PrivilegedService],
        peers: [PeerRule.Kics("ae5b6871-7f45-42e0-bb4c-ab300c4d2026", "Privileged Containers Enabled"), PeerRule.ComposeLint("CL-0002")],
        fix: FixApplicability.Unsafe);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(run =>
        {
            foreach (var flag in run.Instruction.FlagsWithValue("security", "insecure"))
                run.Report(InsecureRun, flag.Span, RuleEdits.RemoveFlag(run.Text, flag.Span, "Remove --security=insecure"));
        }, DockerfileSyntaxKind.RunInstruction);
        context.RegisterComposeServiceAction(service =>
        {
            // In a stack the model has no privileged (docker stack deploy ignores it).
            if (service.Service.Privileged is not { } scalar) return;
            // Compose reads every boolean spelling it accepts (yes, on, 1), quoted or not.
            if (service.KnownValue(scalar) != null && scalar.AsBoolean() == true)
                service.Report(PrivilegedService, scalar, RuleEdits.RemoveEntryLine(scalar.Tree.Text, scalar.Span, "privileged", "Remove 'privileged: true'"), service.Service.Name);
        });
    }
}
