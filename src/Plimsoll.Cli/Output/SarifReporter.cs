using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Cli.Linting;
using Plimsoll.Reporting.Sarif;
using Plimsoll.Rules;

namespace Plimsoll.Cli.Output;

/// <summary>SARIF 2.1.0 through the shared writer, with every rule's metadata and its page as help.</summary>
internal static class SarifReporter
{
    public static void Write(LintRun run, Stream output) => SarifLogWriter.Write(output, CreateInput(run, DisplayPaths.RepositoryRoot()));

    /// <summary>What the log is written from: every finding with its text, fix and suppression, and every rule that ran.</summary>
    internal static SarifRunInput CreateInput(LintRun run, string? repositoryRoot, SarifVersionControl? versionControl = null)
    {
        var texts = run.Files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        var fixes = new Dictionary<Diagnostic, CodeFix>();
        foreach (var finding in run.Findings)
            if (finding.Fix != null) fixes[finding.Diagnostic] = finding.Fix;

        var input = new SarifRunInput(Program.Version)
        {
            Rules = run.Registry.Rules.Select(ToMetadata).Concat(SyntaxRules()).ToList(),
            Diagnostics = run.Findings.Select(f => f.Diagnostic).ToList(),
            ReadText = path => texts.TryGetValue(path, out var text) ? text : null,
            RepositoryRoot = repositoryRoot,
            VersionControl = versionControl,
            Notifications = run.AllNotifications.ToList(),
            Fixes = diagnostic => fixes.TryGetValue(diagnostic, out var fix)
                ? new[] { new SarifFix(fix.Title, fix.Changes.Select(c => new SarifReplacement(diagnostic.Location.GetLineSpan().Path, c.Span, c.NewText ?? "")).ToList()) }
                : null,
        };
        return input;
    }

    internal static RuleMetadata ToMetadata(RuleDescriptor rule) => new(rule.Descriptor)
    {
        Name = rule.Name,
        HelpMarkdown = BuiltInRules.GetRulePage(rule.Id),
        HelpText = rule.Descriptor.Description.ToString() + " See " + rule.Descriptor.HelpLinkUri,
        SecuritySeverity = rule.SecuritySeverity,
        Precision = rule.Precision switch
        {
            RulePrecision.VeryHigh => "very-high",
            RulePrecision.High => "high",
            RulePrecision.Medium => "medium",
            _ => "low",
        },
        ProblemSeverity = rule.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "recommendation",
        },
        FixApplicability = rule.Fix is { } fix ? Commands.RulesCommand.FixApplicabilityName(fix) : null,
        Peers = rule.Peers.GroupBy(p => p.Tool)
            .Select(g => new KeyValuePair<string, IReadOnlyList<string>>(PeerRule.ToolKey(g.Key), g.Select(p => p.Id).ToList()))
            .ToList(),
    };

    private static IEnumerable<RuleMetadata> SyntaxRules()
    {
        foreach (var (descriptor, name) in new[]
                 {
                     (Plimsoll.Diagnostics.SyntaxDiagnostics.DockerfileSyntax, "DockerfileSyntax"),
                     (Plimsoll.Diagnostics.SyntaxDiagnostics.ComposeSyntax, "ComposeSyntax"),
                     (Plimsoll.Diagnostics.SyntaxDiagnostics.NotAnalysed, "NotAnalysed"),
                 })
        {
            yield return new RuleMetadata(descriptor)
            {
                Name = name,
                HelpMarkdown = BuiltInRules.GetRulePage(descriptor.Id),
                HelpText = descriptor.Description.ToString(),
                Precision = "very-high",
                ProblemSeverity = descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error ? "error" : "recommendation",
            };
        }
    }
}
