using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Rules.Correctness;

/// <summary>PL5011: a FROM line uses a variable that no ARG before the first FROM declares (nor BuildKit predefines).</summary>
[PlimsollAnalyzer]
public sealed class UndefinedArgInFromAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Undeclared = new("undeclared", "FROM uses ${name}, which no ARG before the first FROM declares: it expands to an empty string");
    public static readonly RuleMessage UndeclaredDidYouMean = new("undeclaredDidYouMean", "FROM uses ${name}, which no ARG before the first FROM declares (did you mean ${suggestion}?): it expands to an empty string");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5011", name: "UndefinedArgInFrom", title: "FROM uses an ARG that was never declared",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Only ARGs declared before the first FROM (and the platform arguments BuildKit defines) reach FROM lines; any other variable is empty there, usually because of a typo or an ARG declared inside a stage.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [Undeclared, UndeclaredDidYouMean],
        peers:
        [
            PeerRule.BuildKit("UndefinedArgInFrom"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            var declared = new HashSet<string>(file.Model.GlobalArgs.Select(a => a.Key), StringComparer.Ordinal);
            TypoSuggester? known = null; // made for the first name not declared (most files have none)
            foreach (var stage in file.Model.Stages)
            {
                var from = stage.From;
                if (from.Image is { } image) Check(file, image.Token, declared, ref known);
                if (from.GetFlag("platform") is { } platform) Check(file, platform.Token, declared, ref known);
            }
        });
    }

    private static TypoSuggester Suggester(HashSet<string> declared)
    {
        var known = new TypoSuggester();
        foreach (var name in declared.Concat(BuildArgs.Platform.Keys)) known.Add(name);
        return known;
    }

    private static void Check(DockerfileAnalysisContext file, DockerfileToken token, HashSet<string> declared, ref TypoSuggester? known)
    {
        string text = token.LogicalText;
        if (text.IndexOf('$') < 0) return;
        foreach (var reference in VariableReferenceScanner.Scan(text, file.Tree.EscapeCharacter))
        {
            // ${X:-default} and friends say on their own what happens when X is unset.
            if (reference.Operator != VariableOperator.None || reference.Name.Length == 0) continue;
            if (declared.Contains(reference.Name) || BuildArgs.Platform.ContainsKey(reference.Name)) continue;
            var span = token.MapLogicalSpan(reference.Start, reference.Length);
            var suggestion = (known ??= Suggester(declared)).Suggest(reference.Name);
            if (suggestion != null) file.Report(UndeclaredDidYouMean, span, reference.Name, suggestion);
            else file.Report(Undeclared, span, reference.Name);
        }
    }
}
