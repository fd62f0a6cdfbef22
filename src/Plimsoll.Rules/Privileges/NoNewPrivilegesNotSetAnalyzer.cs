using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules.Shared;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;

namespace Plimsoll.Rules.Privileges;

/// <summary>
/// PL2010: a compose service without <c>security_opt: [no-new-privileges:true]</c> (no <c>security_opt</c> at all
/// included), or with it set to false. Not in stacks: swarm ignores <c>security_opt</c>.
/// </summary>
[PlimsollAnalyzer]
public sealed class NoNewPrivilegesNotSetAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage NotSet = new("notSet",
        "Service '{service}' does not set no-new-privileges: a setuid program in the image can still raise a process's privileges");
    public static readonly RuleMessage SetFalse = new("setFalse",
        "Service '{service}' turns no-new-privileges off: a setuid program in the image can raise a process's privileges");

    public static readonly RuleDescriptor Rule = new(
        id: "PL2010", name: "NoNewPrivilegesNotSet", title: "no-new-privileges not set",
        category: "Privileges", defaultSeverity: DiagnosticSeverity.Info,
        description: "With no-new-privileges the kernel ignores setuid and setgid bits and file capabilities, so a compromised process cannot escalate through a setuid program such as su or sudo.",
        securitySeverity: "4.0", precision: RulePrecision.Medium,
        tags: [RuleTag.Security],
        messages: [NotSet, SetFalse],
        peers:
        [
            PeerRule.ComposeLint("CL-0003"),
            PeerRule.Kics("27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "No New Privileges Not Set"),
            PeerRule.Kics("610e266e-6c12-4bca-9925-1ed0cd29742b", "Security Opt Not Set"),
        ],
        fix: FixApplicability.Unsafe);

    // KICS splits the case: "Security Opt Not Set" when the service has no security_opt, "No New Privileges Not Set"
    // when it has one without the option. compose-lint's CL-0003 takes both.
    private static readonly PeerAttribution WithoutSecurityOpt = PeerAttribution.Of(
        PeerRule.ComposeLint("CL-0003"), PeerRule.Kics("610e266e-6c12-4bca-9925-1ed0cd29742b", "Security Opt Not Set"));
    private static readonly PeerAttribution InSecurityOpt = PeerAttribution.Of(
        PeerRule.ComposeLint("CL-0003"), PeerRule.Kics("27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "No New Privileges Not Set"));

    private const string Option = "no-new-privileges:true";
    private const string Title = "Set no-new-privileges:true";

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterComposeServiceAction(service =>
        {
            var s = service.Service;
            // Swarm does not apply security_opt: a stack cannot set it, so there is nothing to ask for.
            if (s.Mapping == null || service.IsStack) return;
            // privileged: true ignores it anyway; PL2002 flags that.
            if (s.Privileged?.AsBoolean() == true) return;
            foreach (var option in s.SecurityOpt)
            {
                if (service.KnownValue(option) is not { } value) return; // unknown: it may be the option
                switch (Parse(value))
                {
                    case true:
                        return;
                    case false:
                        service.Report(SetFalse, option, SetTrue(option), InSecurityOpt, s.Name);
                        return;
                }
            }
            if (s.Get("security_opt") is { } list)
            {
                bool flow = list.Node is YamlSequenceNode { Style: YamlCollectionStyle.Flow };
                service.Report(NotSet, list, ComposeEdits.AddListItem(list, flow ? "\"" + Option + "\"" : Option, Title), InSecurityOpt, s.Name);
                return;
            }
            service.Report(NotSet, s.KeyNode.Tree.GetLocation(s.KeyNode.Span),
                ComposeEdits.AddServiceEntry(s, "security_opt: [\"" + Option + "\"]", Title), WithoutSecurityOpt, s.Name);
        });
    }

    /// <summary>True for <c>no-new-privileges</c>, <c>no-new-privileges:true</c> (or <c>=true</c>); false when set false; null for other options.</summary>
    internal static bool? Parse(string option)
    {
        string text = option.Trim().Replace('=', ':');
        if (!text.StartsWith("no-new-privileges", StringComparison.OrdinalIgnoreCase)) return null;
        string rest = text.Substring("no-new-privileges".Length).Trim();
        if (rest.Length == 0) return true;
        if (!rest.StartsWith(":", StringComparison.Ordinal)) return null;
        return rest.Substring(1).Trim().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => null,
        };
    }

    /// <summary>Rewrites a plain or quoted <c>no-new-privileges:false</c> item as written.</summary>
    private static CodeFix? SetTrue(ProjectScalar option)
    {
        if (option.Node is not YamlScalarNode scalar || scalar.Style is not (YamlScalarStyle.Plain or YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted)) return null;
        int quote = scalar.Style == YamlScalarStyle.Plain ? 0 : 1;
        if (scalar.RawText.Length != scalar.Value.Length + 2 * quote) return null;
        return new CodeFix(Title, new TextChange(new TextSpan(scalar.ValueSpan.Start + quote, scalar.Value.Length), Option));
    }
}
