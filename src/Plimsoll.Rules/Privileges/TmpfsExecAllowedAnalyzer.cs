using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Privileges;

/// <summary>PL2014: a <c>tmpfs:</c> entry that turns back on what Docker switches off by default: <c>exec</c>, <c>suid</c> or <c>dev</c>.</summary>
[PlimsollAnalyzer]
public sealed class TmpfsExecAllowedAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage InsecureOption = new("insecureOption",
        "tmpfs '{path}' sets '{option}', undoing Docker's default '{default}': {effect}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2014", name: "TmpfsExecAllowed", title: "tmpfs mount re-enables exec, suid or dev",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Docker mounts tmpfs noexec, nosuid and nodev; turning those back on gives an intruder a writable place to run dropped programs, setuid binaries or device nodes from.",
        securitySeverity: "3.5", precision: RulePrecision.VeryHigh,
        tags: [RuleTag.Security],
        messages: [InsecureOption],
        peers: [PeerRule.ComposeLint("CL-0022")],
        fix: FixApplicability.Unsafe);

    private static readonly Dictionary<string, (string Default, string Effect)> Options = new(StringComparer.Ordinal)
    {
        ["exec"] = ("noexec", "programs written there can be run"),
        ["suid"] = ("nosuid", "setuid programs written there raise privileges"),
        ["dev"] = ("nodev", "device nodes created there give access to host devices"),
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var entries = service.Service.Get("tmpfs") switch
            {
                ProjectSequence list => list.Items.OfType<ProjectScalar>(),
                ProjectScalar single => new[] { single },
                _ => Enumerable.Empty<ProjectScalar>(),
            };
            foreach (var entry in entries)
            {
                if (service.KnownValue(entry) is not { } value) continue;
                int colon = value.IndexOf(':');
                if (colon < 0) continue;
                string path = value.Substring(0, colon);
                var options = value.Substring(colon + 1).Split(',');
                foreach (var option in options.Select(o => o.Trim()).Where(Options.ContainsKey).Distinct())
                {
                    var (secure, effect) = Options[option];
                    var location = OptionSpan(entry, option) is { } span ? entry.Tree.GetLocation(span) : entry.GetLocation();
                    service.Report(InsecureOption, location, RemoveOption(entry, option), path, option, secure, effect);
                }
            }
        });
    }

    /// <summary>Where the option is written, when the entry is written as is; otherwise null (the finding takes the whole entry).</summary>
    private static TextSpan? OptionSpan(ProjectScalar entry, string option)
    {
        if (VerbatimStart(entry) is not { } start) return null;
        string raw = entry.Raw!;
        int colon = raw.IndexOf(':');
        var options = raw.Substring(colon + 1).Split(',');
        int index = Array.FindIndex(options, o => o == option);
        if (index < 0) return null;
        return new TextSpan(start + colon + 1 + options.Take(index).Sum(o => o.Length + 1), option.Length);
    }

    private static int? VerbatimStart(ProjectScalar entry)
    {
        if (entry.Node is not YamlScalarNode node || entry.Raw is not { } raw || entry.KnownText != raw) return null;
        int quote = node.Style switch { YamlScalarStyle.Plain => 0, YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted => 1, _ => -1 };
        if (quote < 0 || node.RawText.Length != raw.Length + 2 * quote) return null;
        return node.ValueSpan.Start + quote;
    }

    /// <summary>Deletes the option (and one comma next to it) from a tmpfs entry written as is, without variables.</summary>
    private static CodeFix? RemoveOption(ProjectScalar entry, string option)
    {
        if (VerbatimStart(entry) is not { } valueStart) return null;
        string raw = entry.Raw!;
        int colon = raw.IndexOf(':');
        int start = colon + 1;
        var options = raw.Substring(start).Split(',');
        int index = Array.FindIndex(options, o => o == option);
        if (index < 0) return null;
        int at = start + options.Take(index).Sum(o => o.Length + 1);
        TextSpan span;
        if (options.Length == 1) span = new TextSpan(colon, 1 + option.Length); // "/tmp:exec" → "/tmp"
        else if (index < options.Length - 1) span = new TextSpan(at, option.Length + 1);
        else span = new TextSpan(at - 1, option.Length + 1);
        return new CodeFix($"Remove '{option}'", new TextChange(new TextSpan(valueStart + span.Start, span.Length), ""));
    }
}
