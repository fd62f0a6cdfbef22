using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;

namespace Plimsoll.Rules.Compose;

/// <summary>PL5051: a <c>container_name</c> the Docker daemon refuses (its name pattern, two characters at least).</summary>
[PlimsollAnalyzer]
public sealed class InvalidContainerNameAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Invalid = new("invalid", "container_name '{name}' is not a valid container name: Docker accepts only [a-zA-Z0-9][a-zA-Z0-9_.-]+ (two characters at least), so the container cannot be created");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5051", name: "InvalidContainerName", title: "container_name that Docker refuses",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Error,
        description: "The daemon checks container names against a fixed pattern; a name outside it makes the service fail to start.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [Invalid],
        peers: [PeerRule.Dclint("service-container-name-regex")]);

    // The daemon's pattern; it also accepts one leading '/', the form the API reports names in.
    // Built when a service first sets container_name, not when the rules load.
    private static class Pattern
    {
        public static readonly Regex ValidName = new("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant);
    }

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            if (service.Service.ContainerName is not { } scalar || service.KnownValue(scalar) is not { Length: > 0 } name) return;
            if (!Pattern.ValidName.IsMatch(name))
                service.Report(Invalid, scalar, null, name);
        });
    }
}
