using System.Collections.Immutable;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2001: the final stage's effective USER is unset, root or 0; compose <c>user: root</c>, <c>0</c>, <c>0:0</c>.</summary>
[PlimsollAnalyzer]
public sealed class RunsAsRootAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.RunsAsRoot);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            var final = file.Model.FinalStage;
            if (final == null) return;
            var user = final.EffectiveUser;
            if (user == null)
            {
                file.Report(RuleCatalog.RunsAsRoot, final.From.Span,
                    (final.Name == null ? "The final stage" : $"The final stage '{final.Name}'") + " sets no USER, so the container runs as root: add a USER with a non-root user");
            }
            else if (user.IsRoot)
            {
                string where = user.DeclaringStage == final ? "" : $" (inherited from stage '{user.DeclaringStage.DisplayName}')";
                file.Report(RuleCatalog.RunsAsRoot, user.Instruction.Span,
                    $"USER {user.Value}{where} makes the final stage run as root: switch to a non-root user");
            }
        });
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.User is not { } scalar || service.KnownValue(scalar) is not { } user) return;
            string name = user.Split(':')[0].Trim();
            if (name == "root" || (name.Length > 0 && name.TrimStart('0').Length == 0))
                service.Report(RuleCatalog.RunsAsRoot, scalar.Span, $"Service '{service.Service.Name}' runs as root (user: {user}): use a non-root user");
        });
        // The SDK's .NET 8+ base images run as the non-root 'app' user by default: only an explicit root is a finding.
        context.RegisterContainerSettingsAction(project =>
        {
            if (project.Settings.User is not { } setting) return;
            string name = setting.Value.Split(':')[0].Trim();
            if (name == "root" || (name.Length > 0 && name.TrimStart('0').Length == 0))
                project.Report(RuleCatalog.RunsAsRoot, setting, $"ContainerUser '{setting.Value}' makes the published container run as root: remove it (the SDK's default user is non-root) or name a non-root user");
        });
    }
}
