using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Secrets;

/// <summary>PL4001: a service uses a secret or config that the project (this file merged with its override and include files) does not define.</summary>
[PlimsollAnalyzer]
public sealed class UndefinedSecretAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Undefined = new("undefined", "Service '{service}' uses {kind} '{name}', which is not defined at the top level");

    public static readonly RuleDescriptor Rule = new(
        id: "PL4001", name: "UndefinedSecret", title: "Secret or config used but not defined",
        category: "Secrets", defaultSeverity: DiagnosticSeverity.Error,
        description: "A secret or config that the project does not define makes deployment fail, or is silently provided some other way (for example as a plain environment variable).",
        securitySeverity: "4.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness, RuleTag.Security],
        messages: [Undefined]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            foreach (var reference in service.Service.Secrets)
                if (reference.Source?.Text is { } name && service.Project.GetSecret(name) == null)
                    service.Report(Undefined, reference.Source, service.Service.Name, "secret", name);
            foreach (var reference in service.Service.Configs)
                if (reference.Source?.Text is { } name && service.Project.GetConfig(name) == null)
                    service.Report(Undefined, reference.Source, service.Service.Name, "config", name);
        });
    }
}
