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
            foreach (var flag in run.Instruction.Flags)
            {
                if (flag.Name.Equals("security", StringComparison.OrdinalIgnoreCase) && string.Equals(flag.Value, "insecure", StringComparison.OrdinalIgnoreCase))
                    run.Report(RuleCatalog.Privileged, flag.Span, "RUN --security=insecure runs this step with full host privileges (like a privileged container)");
            }
        }, DockerfileSyntaxKind.RunInstruction);
    }
}
