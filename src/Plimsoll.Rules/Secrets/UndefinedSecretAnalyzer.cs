using System.Collections.Immutable;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Secrets;

/// <summary>PL4001: a service uses a secret or config that the project (this file merged with its override and include files) does not define.</summary>
[PlimsollAnalyzer]
public sealed class UndefinedSecretAnalyzer : PlimsollAnalyzer
{
    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(RuleCatalog.UndefinedSecret);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var reference in service.Service.Secrets)
                if (reference.Source?.Text is { } name && service.Project.GetSecret(name) == null)
                    service.Report(RuleCatalog.UndefinedSecret, reference.Source, service.Service.Name, "secret", name);
            foreach (var reference in service.Service.Configs)
                if (reference.Source?.Text is { } name && service.Project.GetConfig(name) == null)
                    service.Report(RuleCatalog.UndefinedSecret, reference.Source, service.Service.Name, "config", name);
        });
    }
}
