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
                using var stream = Console.OpenStandardOutput();
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                writer.WriteStartArray();
                foreach (var rule in rules)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", rule.Id);
                    writer.WriteString("name", rule.Name);
                    writer.WriteString("title", rule.Title);
                    writer.WriteString("category", rule.Category);
                    writer.WriteString("defaultSeverity", Output.TextReporter.SeverityWord(rule.DefaultSeverity));
                    writer.WriteBoolean("enabledByDefault", rule.IsEnabledByDefault);
                    writer.WriteString("securitySeverity", rule.SecuritySeverity);
                    writer.WriteString("precision", rule.Precision.ToString());
                    writer.WriteString("description", rule.Descriptor.Description.ToString());
                    writer.WriteString("helpUri", rule.Descriptor.HelpLinkUri);
                    writer.WriteStartArray("tags");
                    foreach (var tag in rule.Tags) writer.WriteStringValue(RuleTags.Name(tag));
                    writer.WriteEndArray();
                    if (rule.Fix is { } fix) writer.WriteString("fix", FixApplicabilityName(fix));
                    else writer.WriteNull("fix");
                    writer.WriteStartObject("messages");
                    foreach (var message in rule.Messages) writer.WriteString(message.Id, message.Template);
                    writer.WriteEndObject();
                    // One field per peer tool, always present (an empty list says "no equivalent declared").
                    writer.WriteStartObject("peers");
                    foreach (var tool in Enum.GetValues<PeerTool>())
                    {
                        writer.WriteStartArray(PeerRule.ToolKey(tool));
                        foreach (var peer in rule.Peers.Where(p => p.Tool == tool))
                        {
                            if (peer.Title == null)
                            {
                                writer.WriteStringValue(peer.Id);
                                continue;
                            }
                            writer.WriteStartObject();
                            writer.WriteString("id", peer.Id);
                            writer.WriteString("title", peer.Title);
                            writer.WriteEndObject();
                        }
                        writer.WriteEndArray();
                    }
                    writer.WriteEndObject();
                    // Kept for tools written against the first version of this output.
                    writer.WriteStartArray("hadolint");
                    foreach (var id in rule.PeerIds(PeerTool.Hadolint)) writer.WriteStringValue(id);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.Flush();
                Console.Out.WriteLine();
                return ExitCodes.Clean;
            }
            foreach (var rule in rules)
                Console.Out.WriteLine($"{rule.Id}  {Output.TextReporter.SeverityWord(rule.DefaultSeverity),-7}  {rule.Name,-26} {rule.Title}{(rule.IsEnabledByDefault ? "" : " (off by default)")}");
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>The word used for an applicability in JSON, SARIF and the rule pages.</summary>
    internal static string FixApplicabilityName(Plimsoll.Analysis.Fixes.FixApplicability applicability) => applicability switch
    {
        Plimsoll.Analysis.Fixes.FixApplicability.Safe => "safe",
        Plimsoll.Analysis.Fixes.FixApplicability.Unsafe => "unsafe",
        _ => "display-only",
    };

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
