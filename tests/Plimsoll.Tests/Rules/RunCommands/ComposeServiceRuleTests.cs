using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.RunCommands;

/// <summary>Behaviour of the compose rules PL1020, PL5050-PL5053 and PL6030 on inputs their pages do not show.</summary>
public class ComposeServiceRuleTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static List<Finding> Run(string id, string yaml, params (string Key, string Value)[] settings)
        => RuleRunner.Run(Registry, "yaml", yaml, false, settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList())
            .Where(f => f.Id == id).ToList();

    private static string Fix(string id, string yaml)
        => SourceFixer.FixUntilStable(SourceText.From(yaml), text => Run(id, text.ToString()), FixApplicability.Unsafe).Fixed.ToString();

    [Theory]
    [InlineData("\"8080:80\"", "\"[::]:8080:80\"", 1)]
    [InlineData("\"[::1]:8080:80\"", "\"[::1]:8080:81\"", 1)]
    [InlineData("\"[::1]:8080:80\"", "\"127.0.0.1:8080:80\"", 0)]
    [InlineData("\"[::1]:80\"", "\"80:80\"", 0)]
    [InlineData("\"127.0.0.1::80\"", "\"127.0.0.1::80\"", 0)]
    [InlineData("\"8000-8005:8000-8005\"", "\"8005:80\"", 1)]
    [InlineData("\"8000-8005:8000-8005\"", "\"8006:80\"", 0)]
    [InlineData("\"53:53/UDP\"", "\"53:53/udp\"", 1)]
    [InlineData("\"${WEB_PORT}:80\"", "\"8080:80\"", 0)]
    [InlineData("\"${WEB_PORT:-8080}:80\"", "\"8080:80\"", 1)]
    [InlineData("\"0.0.0.0:8080:80\"", "{ target: 80, published: 8080, host_ip: 127.0.0.1 }", 1)]
    public void Published_ports_collide_by_address_range_and_protocol(string first, string second, int count)
    {
        string yaml = $"services:\n  a:\n    image: a:1\n    ports:\n      - {first}\n  b:\n    image: b:1\n    ports:\n      - {second}\n";
        Assert.Equal(count, Run("PL5052", yaml).Count);
    }

    [Fact]
    public void Ports_from_anchors_and_overrides_are_compared()
    {
        string yaml = "x-web: &web\n  image: web:1\n  ports: [\"8080:80\"]\nservices:\n  a: *web\n  b:\n    <<: *web\n    image: web:2\n";
        Assert.Single(Run("PL5052", yaml));
    }

    [Fact]
    public void Container_names_are_compared_after_interpolation()
    {
        Assert.Single(Run("PL5050", "services:\n  a:\n    image: a:1\n    container_name: ${NAME:-app}\n  b:\n    image: b:1\n    container_name: app\n"));
        Assert.Empty(Run("PL5050", "services:\n  a:\n    image: a:1\n    container_name: ${NAME}\n  b:\n    image: b:1\n    container_name: ${NAME}\n"));
        Assert.Empty(Run("PL5050", "services:\n  a:\n    image: a:1\n    container_name: App\n  b:\n    image: b:1\n    container_name: app\n"));
    }

    [Theory]
    [InlineData("/web", 0)]
    [InlineData("web_1.blue-green", 0)]
    [InlineData("\"\"", 0)]
    [InlineData("web:1", 1)]
    [InlineData("-web", 1)]
    [InlineData("wéb", 1)]
    public void Container_names_follow_the_daemon_pattern(string name, int count)
        => Assert.Equal(count, Run("PL5051", $"services:\n  web:\n    image: web:1\n    container_name: {name}\n").Count);

    [Theory]
    [InlineData("- 22:22", 1)]
    [InlineData("- 1:59:59", 1)]
    [InlineData("- 8080:80", 0)]
    [InlineData("- 0:22", 0)]
    [InlineData("- !!str 22:22", 0)]
    [InlineData("- '22:22'", 0)]
    [InlineData("- 22", 0)]
    public void Only_plain_scalars_yaml_1_1_reads_as_base_60_are_flagged(string item, int count)
        => Assert.Equal(count, Run("PL5053", $"services:\n  git:\n    image: git:1\n    ports:\n      {item}\n").Count);

    [Fact]
    public void Base_60_fix_quotes_in_place_keeping_crlf_and_comments()
        => Assert.Equal("services:\r\n  git:\r\n    image: git:1\r\n    ports: [\"22:22\", 8080:80] # ssh\r\n",
            Fix("PL5053", "services:\r\n  git:\r\n    image: git:1\r\n    ports: [22:22, 8080:80] # ssh\r\n"));

    [Fact]
    public void Version_fix_removes_only_its_line()
    {
        Assert.Equal("# top\r\nservices:\r\n  web:\r\n    image: web:1\r\n    version: keep\r\n",
            Fix("PL6030", "# top\r\nversion: \"3.9\" # old\r\nservices:\r\n  web:\r\n    image: web:1\r\n    version: keep\r\n"));
        // A flow mapping is reported but not rewritten.
        string flow = "{version: '3', services: {web: {image: web:1}}}\n";
        Assert.Single(Run("PL6030", flow));
        Assert.Equal(flow, Fix("PL6030", flow));
    }

    [Fact]
    public void Version_is_kept_in_stack_files() => Assert.Empty(Run("PL6030", "# stack file\nversion: \"3.8\"\nservices:\n  web:\n    image: web:1\n"));

    [Fact]
    public void Registry_rule_skips_built_services_and_unknown_images()
    {
        var settings = ("plimsoll.trusted_registries", "registry.example.com");
        Assert.Empty(Run("PL1020", "services:\n  a:\n    build: .\n    image: ghcr.io/x/a:1\n  b:\n    image: ${IMAGE}\n", settings));
        Assert.Single(Run("PL1020", "services:\n  a:\n    image: ${IMAGE:-ghcr.io/x/a:1}\n", settings));
    }
}
