using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2002: <c>RUN --security=insecure</c>; compose <c>privileged: true</c>.</summary>
[PlimsollAnalyzer]
public sealed class PrivilegedAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.Privileged);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterInstructionAction(run =>
        {
            foreach (var flag in run.Instruction.FlagsWithValue("security", "insecure"))
                run.Report(RuleCatalog.Privileged, flag.Span, "RUN --security=insecure runs this step with full host privileges (like a privileged container)");
        }, DockerfileSyntaxKind.RunInstruction);
        context.RegisterComposeServiceAction(service =>
        {
            // In a stack the model has no privileged (docker stack deploy ignores it).
            if (service.Service.Privileged is not { } scalar) return;
            if (string.Equals(service.KnownValue(scalar), "true", StringComparison.OrdinalIgnoreCase))
                service.Report(RuleCatalog.Privileged, scalar, $"Service '{service.Service.Name}' runs privileged: it gets every capability and all host devices");
        });
    }
}
