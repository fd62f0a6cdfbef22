using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;
using Plimsoll.Rules.Network;
using Plimsoll.Rules.Privileges;

namespace Plimsoll.Tests.Rules.Compose;

/// <summary>
/// The compose hardening rules (PL2006–PL2019, PL3003, PL3004) and PL2003's fix and allowed capabilities, on inputs
/// the rule pages do not show: variables, stacks, anchors, CRLF, odd layouts and values of the wrong shape.
/// </summary>
public class ComposeHardeningRulesTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static IReadOnlyList<Finding> Lint(string yaml, string id, params (string Key, string Value)[] settings)
        => RuleRunner.Run(Registry, "yaml", yaml, withSchema: false, settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList())
            .Where(f => f.Id == id && !f.IsSuppressed).ToList();

    private static string Fix(string yaml, string id)
        => SourceFixer.FixUntilStable(SourceText.From(yaml), text => Lint(text.ToString(), id), FixApplicability.Unsafe).Fixed.ToString();

    [Fact]
    public void Absence_fixes_keep_CRLF_comments_and_indentation()
    {
        string yaml = "services:\r\n  api:   # the API\r\n      image: registry.example.com/api:2.4  # pinned\r\n      user: \"10001\"\r\n";
        Assert.Equal("services:\r\n  api:   # the API\r\n      image: registry.example.com/api:2.4  # pinned\r\n      cap_drop: [ALL]\r\n      user: \"10001\"\r\n", Fix(yaml, "PL2009"));
        Assert.Equal("services:\r\n  api:   # the API\r\n      image: registry.example.com/api:2.4  # pinned\r\n      read_only: true\r\n      user: \"10001\"\r\n", Fix(yaml, "PL2011"));
        Assert.Equal("services:\r\n  api:   # the API\r\n      image: registry.example.com/api:2.4  # pinned\r\n      security_opt: [\"no-new-privileges:true\"]\r\n      user: \"10001\"\r\n", Fix(yaml, "PL2010"));
    }

    [Fact]
    public void Absence_fix_goes_before_a_first_key_with_a_nested_value_and_after_a_last_line_without_a_break()
    {
        Assert.Equal("services:\n  api:\n    read_only: true\n    build:\n      context: .\n", Fix("services:\n  api:\n    build:\n      context: .\n", "PL2011"));
        Assert.Equal("services:\n  api:\n    image: a:1\n    read_only: true", Fix("services:\n  api:\n    image: a:1", "PL2011"));
    }

    [Fact]
    public void Settings_inherited_through_anchors_and_merge_keys_count()
    {
        string yaml = "x-hardened: &hardened\n  read_only: true\n  cap_drop: [ALL]\n  security_opt: [no-new-privileges:true]\nservices:\n  api:\n    <<: *hardened\n    image: a:1\n";
        Assert.Empty(Lint(yaml, "PL2009"));
        Assert.Empty(Lint(yaml, "PL2010"));
        Assert.Empty(Lint(yaml, "PL2011"));
    }

    [Fact]
    public void A_service_that_is_an_alias_is_reported_without_a_fix()
    {
        string yaml = "x-base: &base\n  image: a:1\nservices:\n  api: *base\n";
        var finding = Assert.Single(Lint(yaml, "PL2011"));
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void Unknown_values_are_not_judged()
    {
        Assert.Empty(Lint("services:\n  db:\n    image: a:1\n    ports:\n      - \"${DB_PORT}:5432\"\n      - \"${BIND}:80:80\"\n", "PL3003"));
        Assert.Empty(Lint("services:\n  db:\n    image: a:1\n    volumes:\n      - ${CONFIG}:/etc/app\n", "PL2006"));
        Assert.Empty(Lint("services:\n  db:\n    image: a:1\n    devices:\n      - ${DEVICE}:/dev/disk0\n", "PL2008"));
        Assert.Empty(Lint("services:\n  db:\n    image: a:1\n    read_only: ${RO}\n", "PL2011"));
        Assert.Empty(Lint("services:\n  db:\n    image: a:1\n    cap_drop: [\"${CAPS}\"]\n", "PL2009"));
    }

    [Fact]
    public void A_published_value_that_is_not_a_port_is_not_judged()
    {
        // The engine refuses 'published: 127.0.0.1:8080': where such an entry would listen is no question.
        foreach (var published in new[] { "127.0.0.1:8080", "127.0.0.1:8080-8090", "127.0.0.1" })
            Assert.Empty(Lint($"services:\n  web:\n    image: a:1\n    ports:\n      - target: 8000\n        published: {published}\n", "PL3003"));
        Assert.Single(Lint("services:\n  web:\n    image: a:1\n    ports:\n      - target: 8000\n        published: \"8080-8090\"\n", "PL3003"));
    }

    [Fact]
    public void Time_zone_files_are_harmless_read_only_and_sensitive_writable()
    {
        Assert.Empty(Lint("services:\n  a:\n    image: a:1\n    volumes: [\"/etc/localtime:/etc/localtime:ro\", \"/etc/timezone:/etc/timezone:ro\"]\n", "PL2007"));
        Assert.Equal(2, Lint("services:\n  a:\n    image: a:1\n    volumes: [\"/etc/localtime:/etc/localtime\", \"/etc/timezone:/etc/timezone:rw\"]\n", "PL2007").Count);
        Assert.Empty(Lint("services:\n  a:\n    image: a:1\n    volumes: [\"/etc/localtime:/etc/localtime\"]\n", "PL2006"));
    }

    [Fact]
    public void Interpolation_defaults_are_judged_and_left_unfixed_when_the_fix_would_have_to_rewrite_them()
    {
        string yaml = "services:\n  web:\n    image: a:1\n    ports:\n      - \"${LISTEN:-0.0.0.0}:443:443\"\n";
        var finding = Assert.Single(Lint(yaml, "PL3003"));
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void Stacks_are_not_asked_for_what_swarm_ignores()
    {
        string stack = "# stack file\nservices:\n  web:\n    image: a:1\n    ports:\n      - \"443:443\"\n    devices:\n      - /dev/sda\n";
        Assert.Empty(Lint(stack, "PL3003"));
        Assert.Empty(Lint(stack, "PL2010"));
        Assert.Empty(Lint(stack, "PL2008"));
        Assert.Single(Lint(stack, "PL2009")); // swarm applies cap_drop
    }

    [Theory]
    [InlineData("8080:80", null, "8080", "80")]
    [InlineData("127.0.0.1:8080:80/tcp", "127.0.0.1", "8080", "80/tcp")]
    [InlineData("127.0.0.1::80", "127.0.0.1", "", "80")]
    [InlineData("[::1]:8080:80", "::1", "8080", "80")]
    [InlineData("::1:8080:80", "::1", "8080", "80")]
    [InlineData("8000-8010:8000-8010/udp", null, "8000-8010", "8000-8010/udp")]
    [InlineData("3000", null, null, "3000")]
    public void Port_specs_parse(string spec, string? ip, string? hostPort, string containerPort)
    {
        var port = PublishedPort.Parse(spec);
        Assert.NotNull(port);
        Assert.Equal(ip, port!.HostIp);
        Assert.Equal(hostPort, port.HostPort);
        Assert.Equal(containerPort, port.ContainerPort);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http")]
    [InlineData("80:http")]
    [InlineData("[::1]8080:80")]
    [InlineData("a:b:c:d")]
    public void Non_port_specs_do_not_parse(string spec) => Assert.Null(PublishedPort.Parse(spec));

    [Fact]
    public void Port_fixes_keep_quotes_and_the_address_family()
    {
        string yaml = "services:\n  web:\n    image: a:1\n    ports:\n      - '8080:80'\n      - \"[::]:53:53/udp\"\n      - :::9000:9000\n      - 3000\n";
        Assert.Equal("services:\n  web:\n    image: a:1\n    ports:\n      - '127.0.0.1:8080:80'\n      - \"[::1]:53:53/udp\"\n      - ::1:9000:9000\n      - 127.0.0.1::3000\n", Fix(yaml, "PL3003"));
    }

    [Fact]
    public void Ports_of_a_host_network_service_and_exposed_ports_are_not_published()
    {
        Assert.Empty(Lint("services:\n  web:\n    image: a:1\n    network_mode: host\n    ports: [\"80:80\"]\n", "PL3003"));
        Assert.Empty(Lint("services:\n  web:\n    image: a:1\n    expose: [\"80\"]\n", "PL3003"));
    }

    [Theory]
    [InlineData("/etc", false, true)]
    [InlineData("/etc/", false, true)]
    [InlineData("/tmp/../etc/cron.d/", false, true)]
    [InlineData("//root//.ssh", false, true)]
    [InlineData("/etc/pihole", false, false)]
    [InlineData("/etc/hosts", false, false)]
    [InlineData("/etc", true, false)]
    public void Root_equivalence_follows_the_normalized_path_and_the_mode(string path, bool readOnly, bool rootEquivalent)
    {
        var area = HostPaths.Classify(HostPaths.Normalize(path), readOnly);
        Assert.NotNull(area);
        Assert.Equal(rootEquivalent, area!.RootWhenWritable && !readOnly);
    }

    [Theory]
    [InlineData("/etc/localtime", true)]
    [InlineData("/etc/timezone", true)]
    [InlineData("/etc/ssl/certs", true)]
    [InlineData("/usr/src", false)]
    [InlineData("/lib/modules", true)]
    [InlineData("~/src/app", false)]
    [InlineData("/home/ci/projects/app", false)]
    [InlineData("/srv/data", false)]
    public void Ordinary_host_paths_are_not_sensitive(string path, bool readOnly)
        => Assert.Null(HostPaths.Classify(HostPaths.Normalize(path), readOnly));

    [Fact]
    public void Writable_root_fix_handles_every_mode_spelling()
    {
        string yaml = "services:\n  a:\n    image: a:1\n    volumes:\n      - /etc:/e\n      - \"/root:/r:rw\"\n      - /boot:/b:z\n      - type: bind\n        source: /proc\n        target: /p\n";
        string fixedText = Fix(yaml, "PL2006");
        Assert.Equal("services:\n  a:\n    image: a:1\n    volumes:\n      - /etc:/e:ro\n      - \"/root:/r:ro\"\n      - /boot:/b:ro,z\n      - type: bind\n        source: /proc\n        target: /p\n", fixedText);
        Assert.Single(Lint(fixedText, "PL2006")); // the long syntax is left to the reader
    }

    [Fact]
    public void Devices_are_matched_by_host_side_only()
    {
        Assert.Empty(Lint("services:\n  a:\n    image: a:1\n    devices:\n      - /dev/ttyUSB0:/dev/sda\n      - nvidia.com/gpu=all\n      - /dev/dri:/dev/dri\n", "PL2008"));
        Assert.Single(Lint("services:\n  a:\n    image: a:1\n    devices:\n      - /dev/sdb1:/dev/ttyUSB0:rwm\n", "PL2008"));
    }

    [Fact]
    public void Values_of_the_wrong_shape_do_not_crash_the_rules()
    {
        string yaml = "services:\n  a:\n  b: 42\n  c:\n    image: a:1\n    ports: \"8080:80\"\n    volumes: [null, {}, 7, \"\"]\n    devices: {x: 1}\n    cap_drop: ALL\n    security_opt: \"\"\n    tmpfs: {}\n    logging: none\n    read_only: maybe\n    deploy: []\n    restart: 12\n";
        foreach (var id in new[] { "PL2006", "PL2007", "PL2008", "PL2009", "PL2010", "PL2011", "PL2012", "PL2013", "PL2014", "PL2015", "PL2016", "PL2017", "PL2018", "PL2019", "PL3003", "PL3004" })
            Lint(yaml, id);
        Assert.Single(Lint(yaml, "PL3003")); // a single string for ports is one port
        Assert.Empty(Lint(yaml, "PL2009")); // cap_drop: ALL as a scalar
    }

    [Fact]
    public void Allowed_capabilities_accept_any_case_and_the_CAP_prefix()
    {
        string yaml = "services:\n  a:\n    image: a:1\n    cap_add: [CAP_NET_ADMIN, sys_time, SYS_ADMIN]\n";
        var finding = Assert.Single(Lint(yaml, "PL2003", ("plimsoll.allowed_capabilities", " net_admin ,CAP_SYS_TIME,")));
        Assert.Contains("SYS_ADMIN", finding.Diagnostic.GetMessage());
        Assert.Equal(3, Lint(yaml, "PL2003").Count);
    }

    [Fact]
    public void Removing_every_confinement_off_entry_removes_the_key_and_keeps_the_rest()
    {
        Assert.Equal("services:\n  a:\n    image: a:1\n    user: \"1000\"\n",
            Fix("services:\n  a:\n    image: a:1\n    security_opt:\n      - seccomp:unconfined\n      # why\n      - apparmor=unconfined\n    user: \"1000\"\n", "PL2003"));
        Assert.Equal("services:\n  a:\n    image: a:1\n    security_opt: [no-new-privileges:true]\n",
            Fix("services:\n  a:\n    image: a:1\n    security_opt: [seccomp:unconfined, no-new-privileges:true]\n", "PL2003"));
        Assert.Equal("services:\n  a:\n    image: a:1\n",
            Fix("services:\n  a:\n    image: a:1\n    security_opt: [seccomp:unconfined, label:disable]  # debugging\n", "PL2003"));
    }

    [Fact]
    public void Empty_lists_are_filled_in()
    {
        Assert.Equal("services:\n  a:\n    image: a:1\n    cap_drop: [ALL]\n", Fix("services:\n  a:\n    image: a:1\n    cap_drop: []\n", "PL2009"));
        Assert.Equal("services:\n  a:\n    image: a:1\n    security_opt: [\"no-new-privileges:true\"]\n", Fix("services:\n  a:\n    image: a:1\n    security_opt: []\n", "PL2010"));
    }
}
