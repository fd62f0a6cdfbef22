using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Syntax.Yaml;
#if NET
using System.Text.Json;
using Json.Schema;
#endif

namespace Plimsoll.Syntax.Compose;

/// <summary>
/// Checks a Compose file against a JSON schema (by default the Compose Specification's, see
/// <see cref="ComposeSchema.Default"/>) with JsonSchema.Net, and reports PL9002 at the offending key.
/// </summary>
/// <remarks>
/// The YAML is converted to JSON with the span of every value (<see cref="ComposeSchemaInstance"/>); JsonSchema.Net
/// evaluates it; <see cref="ComposeSchemaMessages"/> turns its hierarchical results into one sentence per problem,
/// choosing among <c>oneOf</c>/<c>anyOf</c> alternatives the one the value was meant to be.
/// </remarks>
public static class ComposeSchemaValidator
{
#if NET
    private static readonly EvaluationOptions FlagOnly = new() { OutputFormat = OutputFormat.Flag };
#endif

    /// <summary>Problems of the first document (the one Compose reads); empty when it matches the schema.</summary>
    public static ImmutableArray<Diagnostic> Validate(YamlSyntaxTree tree, ComposeSchema schema, YamlAliasBudget? budget = null)
    {
        if (tree == null) throw new ArgumentNullException(nameof(tree));
        if (schema == null) throw new ArgumentNullException(nameof(schema));
        var root = tree.Root;
        // An empty file: Compose says so itself; nothing for the schema to check.
        if (root == null || root is YamlScalarNode { IsNull: true }) return ImmutableArray<Diagnostic>.Empty;

        var problems = new List<(TextSpan Span, string Message)>();
        if (root is YamlMappingNode rootMapping && ComposeFileFormat.IsLegacyV1(rootMapping))
        {
            // Against today's schema every service would be an "unknown key"; one clear message instead.
            problems.Add((rootMapping.Entries[0].Key.Span,
                "Legacy Compose file format (version 1): services are defined at the top level; Compose now reads them only under 'services:'."));
        }
        else
        {
#if NET
            budget ??= new YamlAliasBudget();
            var instance = ComposeSchemaInstance.Convert(root, budget);
            if (instance.BudgetExceeded)
            {
                problems.Add((new TextSpan(root.Span.Start, 0), "Schema validation stopped after " + budget.Limit + " nodes: the file, with its aliases expanded, is too large to check against the schema."));
            }
            else
            {
                try
                {
                    // Most files are valid: a pass/fail evaluation first, the full hierarchy only to explain a failure.
                    if (!schema.Schema.Evaluate(instance.Root, FlagOnly).IsValid)
                    {
                        var results = schema.Schema.Evaluate(instance.Root, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
                        new ComposeSchemaMessages(schema, instance, problems).Collect(results);
                    }
                }
                catch (Exception e) when (e is RefResolutionException || e is JsonSchemaException)
                {
                    // A schema fault that shows only when a value reaches it (an unresolvable $ref).
                    problems.Add((new TextSpan(root.Span.Start, 0), "Schema validation stopped: the schema cannot be used: " + e.Message));
                }
                catch (SchemaPatternTimeoutException e)
                {
                    var at = instance.SpanOf(e.InstanceLocation);
                    problems.Add((at, $"Schema validation stopped: the schema's pattern '{e.Pattern}' took longer than {ComposeSchema.RegexTimeout.TotalMilliseconds:0} ms on the value at {ComposeSchemaMessages.DisplayPath(instance, e.InstanceLocation)}."));
                }
            }
#endif
        }

        var seen = new HashSet<(int, int, string)>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var (span, message) in problems.OrderBy(p => p.Span.Start))
        {
            if (!seen.Add((span.Start, span.Length, message))) continue; // same node reached through two aliases
            diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, tree.Path, tree.Text, span, message));
        }
        return diagnostics.ToImmutable();
    }
}
