using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Compose;

/// <summary>
/// PL5053: an unquoted <c>ports</c> or <c>expose</c> entry such as <c>22:22</c> that YAML 1.1 reads as a base-60 number
/// (22×60+22 = 1342). Compose v2 reads YAML 1.2 and gets the string, but docker-compose v1 and other YAML 1.1 tools
/// (PyYAML, many CI linters and deployers) get the number.
/// </summary>
[PlimsollAnalyzer]
public sealed class UnquotedBase60PortAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Base60 = new("base60", "unquoted '{value}' is the number {number} to a YAML 1.1 reader (base 60): quote it");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5053", name: "UnquotedBase60Port", title: "Unquoted port mapping read as a base-60 number",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "YAML 1.1 reads plain scalars like 22:22 as sexagesimal integers; tools that read the file with a YAML 1.1 parser see a port number nobody meant.",
        securitySeverity: "0.0", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Correctness],
        messages: [Base60],
        peers: [PeerRule.Dclint("require-quotes-in-ports")],
        fix: FixApplicability.Safe);

    // YAML 1.1's sexagesimal integer: the first part has no leading zero, the others are 0-59.
    private static readonly Regex Sexagesimal = new("^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$", RegexOptions.CultureInvariant);

    private static readonly string[] PortKeys = { "ports", "expose" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        // The file as written: quoting is a property of the text, not of the merged project.
        context.RegisterComposeProjectAction(project =>
        {
            if (project.Tree.Root is not YamlMappingNode root || root.FindEntry("services")?.Value is not YamlMappingNode services) return;
            foreach (var entry in services.Entries)
            {
                if (entry.Value is not YamlMappingNode service) continue;
                foreach (string key in PortKeys)
                {
                    if (service.FindEntry(key)?.Value is not YamlSequenceNode sequence) continue;
                    foreach (var item in sequence.Items)
                        if (item is YamlScalarNode { Style: YamlScalarStyle.Plain, Tag: null } scalar && Sexagesimal.IsMatch(scalar.Value))
                        {
                            // Quoting keeps the string every reader should see; Compose v2 already reads it so: safe.
                            var fix = new CodeFix($"Quote '{scalar.Value}'", new TextChange(scalar.ValueSpan, "\"" + scalar.RawText + "\""));
                            project.Report(Base60, scalar.Tree.GetLocation(scalar.ValueSpan), fix, scalar.Value, Base60Value(scalar.Value));
                        }
                }
            }
        });
    }

    private static string Base60Value(string text)
    {
        long value = 0;
        foreach (string part in text.TrimStart('+', '-').Replace("_", "").Split(':'))
            value = value * 60 + long.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
        return (text.StartsWith("-", System.StringComparison.Ordinal) ? -value : value).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
