using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Tests.Rules;

namespace Plimsoll.Tests.Analysis;

/// <summary>
/// Findings of a rule that covers several rules of one peer tool name the ones they correspond to (PL2003 over
/// compose-lint's capability tiers), as a complete list; findings without attribution correspond to every declared peer.
/// </summary>
public class PeerAttributionTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static IReadOnlyList<Finding> Lint(string compose) => RuleRunner.Run(Registry, "yaml", compose, withSchema: false);

    private const string AnyCapAdd = "kics:ce76b7d0-9e77-464d-b86f-c5c48e03e22d";

    private static string Attribution(Finding finding)
    {
        var byTool = PeerAttribution.Read(finding.Diagnostic);
        return byTool == null ? "(none)" : string.Join(" ", byTool.SelectMany(pair => pair.Value.Select(id => pair.Key + ":" + id)));
    }

    [Theory]
    [InlineData("SYS_ADMIN", "composeLint:CL-0024 composeLint:CL-0011 " + AnyCapAdd)]
    [InlineData("CAP_SYS_MODULE", "composeLint:CL-0024 composeLint:CL-0011 " + AnyCapAdd)]
    [InlineData("sys_ptrace", "composeLint:CL-0027 composeLint:CL-0011 " + AnyCapAdd)]
    [InlineData("PERFMON", "composeLint:CL-0028 composeLint:CL-0011 " + AnyCapAdd)]
    [InlineData("NET_ADMIN", "composeLint:CL-0011 " + AnyCapAdd)]
    [InlineData("SYSLOG", "composeLint:CL-0030 " + AnyCapAdd)]
    [InlineData("MAC_ADMIN", AnyCapAdd)]
    public void Each_capability_names_its_compose_lint_tier(string capability, string expected)
    {
        var finding = Assert.Single(Lint($"services:\n  app:\n    image: app:1.0\n    cap_add: [{capability}]\n"), f => f.Id == "PL2003");
        Assert.Equal(expected, Attribution(finding));
    }

    [Fact]
    public void Confinement_switched_off_is_not_a_capability_finding()
    {
        var findings = Lint("services:\n  app:\n    image: app:1.0\n    security_opt: [\"seccomp:unconfined\", \"apparmor:unconfined\"]\n").Where(f => f.Id == "PL2003").ToList();
        Assert.Equal(new[] { "composeLint:CL-0009 kics:404fde2c-bc4b-4371-9747-7054132ac953", "composeLint:CL-0009" }, findings.Select(Attribution));
    }

    [Fact]
    public void Cap_all_is_not_a_capability_docker_accepts()
        => Assert.DoesNotContain(Lint("services:\n  app:\n    image: app:1.0\n    cap_add: [CAP_ALL, cap_all]\n"), f => f.Id == "PL2003");

    [Fact]
    public void No_new_privileges_names_the_kics_query_of_its_case()
    {
        var absent = Assert.Single(Lint("services:\n  a:\n    image: a:1\n"), f => f.Id == "PL2010");
        Assert.Equal("composeLint:CL-0003 kics:610e266e-6c12-4bca-9925-1ed0cd29742b", Attribution(absent));
        var without = Assert.Single(Lint("services:\n  a:\n    image: a:1\n    security_opt: [\"apparmor:docker-default\"]\n"), f => f.Id == "PL2010");
        Assert.Equal("composeLint:CL-0003 kics:27fcc7d6-c49b-46e0-98f1-6c082a6a2750", Attribution(without));
    }

    [Theory]
    [InlineData("\"8080:80\"", "composeLint:CL-0005 dclint:no-unbound-port-interfaces kics:451d79dc-0588-476a-ad03-3c7f0320abb3")]
    [InlineData("\"80\"", "dclint:no-unbound-port-interfaces kics:451d79dc-0588-476a-ad03-3c7f0320abb3")]
    [InlineData("\"0.0.0.0:8080:80\"", "composeLint:CL-0005")]
    [InlineData("\"[::]:8080:80\"", "composeLint:CL-0005 kics:451d79dc-0588-476a-ad03-3c7f0320abb3")]
    public void An_unbound_port_names_the_peers_that_flag_its_form(string port, string expected)
    {
        var finding = Assert.Single(Lint($"services:\n  web:\n    image: a:1\n    ports:\n      - {port}\n"), f => f.Id == "PL3003");
        Assert.Equal(expected, Attribution(finding));
    }

    [Fact]
    public void A_moving_tag_is_not_compose_lints_digest_rule()
    {
        var findings = Lint("services:\n  a:\n    image: nginx:1.27\n  b:\n    image: nginx:latest\n").Where(f => f.Id == "PL1002").ToList();
        Assert.Equal(new[] { "composeLint:CL-0019", "" }, findings.Select(Attribution));
    }

    [Fact]
    public void Whole_root_and_root_equivalent_paths_are_different_compose_lint_rules()
    {
        var findings = Lint("services:\n  a:\n    image: a:1\n    volumes: [\"/:/host\", \"/etc:/host-etc\"]\n").Where(f => f.Id == "PL2006").ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains("composeLint:CL-0001", Attribution(findings[0]));
        Assert.DoesNotContain("CL-0025", Attribution(findings[0]));
        Assert.Contains("composeLint:CL-0025", Attribution(findings[1]));
    }

    [Fact]
    public void A_rule_cannot_attribute_a_finding_to_a_peer_it_does_not_declare()
    {
        var attribution = PeerAttribution.Of(PeerRule.Hadolint("DL3006"));
        var error = Assert.Throws<ArgumentException>(() => attribution.CheckDeclaredBy(Plimsoll.Rules.Privileges.DangerousCapabilitiesAnalyzer.Rule));
        Assert.Contains("DL3006", error.Message);
    }
}
