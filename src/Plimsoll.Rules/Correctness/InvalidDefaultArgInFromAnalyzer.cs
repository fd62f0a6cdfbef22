using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// PL5014: with the defaults of the global ARGs (an ARG without default is empty), a FROM's image name is empty or not
/// a valid reference, so a build without <c>--build-arg</c> fails.
/// </summary>
[PlimsollAnalyzer]
public sealed class InvalidDefaultArgInFromAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Empty = new("empty", "With the ARG defaults, FROM {image} names no image at all: a build without --build-arg fails; give the ARG a default");
    public static readonly RuleMessage Invalid = new("invalid", "With the ARG defaults, FROM {image} names '{value}', which is not a valid image reference: a build without --build-arg fails; give the ARG a default");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5014", name: "InvalidDefaultArgInFrom", title: "Global ARG default makes the FROM image empty or invalid",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "An image name built from ARGs must also be valid with their defaults; otherwise every build has to pass --build-arg, and tools that read the file without them fail.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Empty, Invalid],
        peers:
        [
            PeerRule.BuildKit("InvalidDefaultArgInFrom"),
        ]);

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            // Most files name their base images without a variable: then there is no default to expand.
            if (!AnyImageUsesVariables(file.Model)) return;
            var defaults = DefaultScope(file);
            if (defaults == null) return;
            var lexer = new WordLexer(file.Tree.EscapeCharacter) { MaxLength = DockerfileSemanticModel.MaxExpandedLength };
            foreach (var stage in file.Model.Stages)
            {
                if (stage.From.Image is not { } image || image.Value.IndexOf('$') < 0) continue;
                var expansion = lexer.ProcessWord(image.Value, name => defaults.TryGetValue(name, out var v) ? v : null);
                if (!expansion.Succeeded || expansion.Result == null) continue;
                string value = expansion.Result;
                if (value.Length == 0) file.Report(Empty, image.Token.Span, image.Value);
                else if (!IsValidReference(value) && file.Model.FindStage(value) == null) file.Report(Invalid, image.Token.Span, image.Value, value);
            }
        });
    }

    private static bool AnyImageUsesVariables(DockerfileSemanticModel model)
    {
        foreach (var stage in model.Stages)
            if (stage.From.Image is { } image && image.Value.IndexOf('$') >= 0) return true;
        return false;
    }

    // The global ARGs with their defaults, expanded in order; an ARG without a default is empty, as in BuildKit.
    private static Dictionary<string, string?>? DefaultScope(DockerfileAnalysisContext file)
    {
        var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var platformArg in BuildArgs.Platform) scope[platformArg.Key] = platformArg.Value;
        var lexer = new WordLexer(file.Tree.EscapeCharacter) { MaxLength = DockerfileSemanticModel.MaxExpandedLength };
        foreach (var arg in file.Model.GlobalArgs)
        {
            if (arg.Value == null)
            {
                if (!scope.ContainsKey(arg.Key)) scope[arg.Key] = "";
                continue;
            }
            var expansion = lexer.ProcessWord(arg.Value, name => scope.TryGetValue(name, out var v) ? v : null);
            // A value too long or malformed to expand: nothing below can be judged.
            if (!expansion.Succeeded || expansion.Result == null) return null;
            scope[arg.Key] = expansion.Result;
        }
        return scope;
    }

    // The shape BuildKit's reference parser accepts: lower-case path components, optional registry, tag and digest.
    private static bool IsValidReference(string value)
    {
        var reference = ImageReference.TryParse(value);
        if (reference == null) return false;
        foreach (var component in reference.Path.Split('/'))
        {
            if (component.Length == 0 || !IsAlphanumeric(component[0]) || !IsAlphanumeric(component[component.Length - 1])) return false;
            foreach (char c in component)
                if (!(IsAlphanumeric(c) || c == '.' || c == '_' || c == '-')) return false;
        }
        if (reference.Tag != null)
        {
            // A tag starts with a letter, digit or underscore.
            if (!(IsAlphanumeric(char.ToLowerInvariant(reference.Tag[0])) || reference.Tag[0] == '_')) return false;
            foreach (char c in reference.Tag)
                if (!(char.IsLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-')) return false;
        }
        return true;
    }

    private static bool IsAlphanumeric(char c) => c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
}
