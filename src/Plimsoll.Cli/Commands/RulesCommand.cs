using System.CommandLine;
using System.Text.Json;
using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Cli.Commands;

/// <summary><c>plimsoll rules</c> lists every rule; <c>plimsoll explain ID</c> prints its page.</summary>
internal static class RulesCommand
{
    public static Command CreateRules()
    {
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("rules", "List every rule with its metadata.") { format };
        command.SetAction(parseResult =>
        {
            var rules = new AnalyzerRegistry(BuiltInRules.CreateAnalyzers()).Rules;
            if (parseResult.GetValue(format) == "json")
            {
                var list = rules.Select(rule => new Output.RuleJson(
                    rule.Id, rule.Name, rule.Title, rule.Category, Output.TextReporter.SeverityWord(rule.DefaultSeverity), rule.SecuritySeverity,
                    rule.Precision.ToString(), rule.Descriptor.Description.ToString(), rule.Descriptor.HelpLinkUri, rule.Peers.Hadolint.ToList())).ToList();
                using var stream = Console.OpenStandardOutput();
                JsonSerializer.Serialize(stream, list, Output.ReportJsonContext.Default.IReadOnlyListRuleJson);
                Console.Out.WriteLine();
                return ExitCodes.Clean;
            }
            foreach (var rule in rules)
                Console.Out.WriteLine($"{rule.Id}  {Output.TextReporter.SeverityWord(rule.DefaultSeverity),-7}  {rule.Name,-26} {rule.Title}");
            return ExitCodes.Clean;
        });
        return command;
    }

    public static Command CreateExplain()
    {
        var id = new Argument<string>("rule") { Description = "A rule id such as PL1001." };
        var command = new Command("explain", "Print a rule's documentation page.") { id };
        command.SetAction(parseResult =>
        {
            string ruleId = parseResult.GetValue(id) ?? "";
            var page = BuiltInRules.GetRulePage(ruleId);
            if (page == null)
            {
                Console.Error.WriteLine($"plimsoll explain: unknown rule '{ruleId}'. Run 'plimsoll rules' for the list.");
                return ExitCodes.UsageOrToolError;
            }
            Console.Out.Write(page);
            return ExitCodes.Clean;
        });
        return command;
    }
}
