using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Tests.Syntax.Yaml;
using YamlDotNet.RepresentationModel;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>The compose model read from one file: merge keys, list forms, volumes, spans of what each value wrote.</summary>
public class ProjectModelTests
{
    private static readonly ComposeProjectOptions NoVariables = new() { VariableSource = ComposeVariables.Empty };

    private static ComposeProject Load(string yaml, string name = "compose.yaml")
    {
        var project = ComposeProjectLoader.LoadText(yaml, Path.Combine(Path.GetTempPath(), "plimsoll-in-memory", name), options: NoVariables);
        Assert.All(project.Trees, t => Assert.Empty(t.Diagnostics));
        return project;
    }

    private static LinePosition Start(ProjectNode node) => node.Tree.Text.Lines.GetLinePosition(node.Span.Start);

    private static LinePosition Start(Plimsoll.Syntax.Yaml.YamlNode node) => node.Tree.Text.Lines.GetLinePosition(node.Span.Start);

    private static LinePosition Start(VolumePart part) => part.Scalar.Tree.Text.Lines.GetLinePosition(part.Span.Start);

    private static string Text(YamlSyntaxTree tree, TextSpan span) => tree.Text.ToString(span);

    [Fact]
    public void Every_service_and_resource_of_a_large_project_is_found_by_name_and_extends_resolves_through_them()
    {
        // Above the size where lookups use a table instead of a search (a service's own keys stay searched).
        const int n = 100;
        var yaml = new System.Text.StringBuilder("services:\n  s0:\n    image: alpine:3.20\n    user: app\n");
        for (int i = 1; i < n; i++) yaml.Append($"  s{i}:\n    extends: s{i - 1}\n    secrets: [x{i}]\n    networks: [n{i}]\n");
        yaml.Append("secrets:\n");
        for (int i = 1; i < n; i++) yaml.Append($"  x{i}:\n    file: ./x{i}\n");
        yaml.Append("networks:\n");
        for (int i = 1; i < n; i++) yaml.Append($"  n{i}: {{}}\n");
        var project = Load(yaml.ToString());

        for (int i = 1; i < n; i++)
        {
            var service = project.GetService($"s{i}")!;
            Assert.Equal($"s{i}", service.Name);
            Assert.Equal("alpine:3.20", service.Image!.Raw); // through i levels of extends
            Assert.Equal($"x{i}", project.GetSecret($"x{i}")!.Name);
            Assert.Equal($"n{i}", project.GetNetwork($"n{i}")!.Name);
            Assert.Same(project.Services[i], service);
        }
        Assert.Null(project.GetService("s100"));
        Assert.Null(project.GetSecret("s1"));
        Assert.Null(project.GetVolume("x1"));
    }

    [Fact]
    public void KongFileReadsWithMergedEnvironmentAndSpans()
    {
        var project = Load(YamlTestFiles.Read("Kong+docker-kong__compose__docker-compose.yml"), "kong.yml");
        Assert.Equal("3.9", project.Root!.Scalar("version")!.Raw);
        Assert.Equal(new[] { "kong-migrations", "kong-migrations-up", "kong", "db" }, project.Services.Select(s => s.Name));

        var kong = project.GetService("kong")!;
        Assert.Equal("${KONG_DOCKER_TAG:-kong:latest}", kong.Image!.Raw);
        Assert.Equal("kong:latest", kong.Image.KnownText); // interpolated: the default applies
        Assert.Equal("${KONG_USER:-kong}", kong.User!.Raw);
        Assert.Equal(new LinePosition(56, 4), Start(kong.User.KeyNode!));
        Assert.True(kong.ReadOnly!.AsBoolean());
        Assert.Equal(new[] { "no-new-privileges" }, kong.SecurityOpt.Select(s => s.Raw));

        // Environment: five keys merged from x-kong-config, then the service's own.
        var environment = kong.Environment.ToDictionary(v => v.Name);
        Assert.Equal(14, kong.Environment.Length);
        Assert.Equal("db", environment["KONG_PG_HOST"].Value!.Raw);
        Assert.Equal(new LinePosition(6, 2), Start(environment["KONG_PG_HOST"].NameNode)); // written in the anchor
        Assert.Equal(new LinePosition(6, 16), Start(environment["KONG_PG_HOST"].Value!));
        Assert.Equal("/dev/stdout", environment["KONG_ADMIN_ACCESS_LOG"].Value!.Raw);

        Assert.Equal("kong_postgres_password", Assert.Single(kong.Secrets).Source!.Raw);
        Assert.True(kong.Secrets[0].IsShortSyntax);
        Assert.Equal("kong-net", Assert.Single(kong.Networks).Name);

        // Short-syntax volumes; the colon inside ${...:-...} does not split.
        Assert.Equal(3, kong.Volumes.Length);
        Assert.Equal(("kong_prefix_vol", "${KONG_PREFIX:-/var/run/kong}", "volume"), (kong.Volumes[0].Source!.Raw, kong.Volumes[0].Target!.Raw, kong.Volumes[0].Type));
        Assert.Equal("/var/run/kong", kong.Volumes[0].Target!.KnownText);
        var config = kong.Volumes[2];
        Assert.Equal(("./config", "/opt/kong", "bind", false), (config.Source!.Raw, config.Target!.Raw, config.Type, config.IsReadOnly));
        Assert.Equal(new LinePosition(95, 8), Start(config.Source));
        Assert.Equal("./config", Text(config.Source.Scalar.Tree, config.Source.Span));
        Assert.Equal("/opt/kong", Text(config.Target.Scalar.Tree, config.Target.Span));

        var network = Assert.Single(project.Networks);
        Assert.Equal(("kong-net", false), (network.Name, network.IsExternal));
        Assert.Equal(new[] { "kong_data", "kong_prefix_vol", "kong_tmp_vol" }, project.Volumes.Select(v => v.Name));
        Assert.Equal("tmpfs", project.Volumes[1].DriverOpts!.Scalar("type")!.Raw);
        var secret = Assert.Single(project.Secrets);
        Assert.Equal("./POSTGRES_PASSWORD", secret.File!.Raw);
        Assert.Equal(new LinePosition(131, 10), Start(secret.File));
    }

    [Fact]
    public void LongSyntaxAndListFormsAreRead()
    {
        var project = Load("""
            services:
              app:
                image: app
                privileged: "true"
                network_mode: host
                pid: host
                ipc: host
                uts: host
                userns_mode: host
                cgroup: host
                cap_add: [SYS_ADMIN, NET_ADMIN]
                environment:
                  - PLAIN=1
                  - "QUOTED=a=b"
                  - FROM_SHELL
                volumes:
                  - type: bind
                    source: /var/run/docker.sock
                    target: /var/run/docker.sock
                    read_only: true
                    bind: {propagation: rshared}
                  - /etc:/host/etc:ro,z
                  - C:\data:/data
                  - anonymous
                secrets:
                  - source: token
                    target: /run/token
                    mode: 0400
                configs: [cfg]
                networks:
                  front:
                    aliases: [web]
                    ipv4_address: 10.0.0.2
                  back:
            networks:
              front: {driver: overlay, driver_opts: {encrypted: "true"}, attachable: true}
              back: {external: {name: shared}}
            secrets:
              token: {environment: TOKEN}
            configs:
              cfg: {content: "x", name: real-cfg}
            """);
        var tree = project.Trees.Single();
        var app = Assert.Single(project.Services);
        Assert.True(app.Privileged!.AsBoolean());
        Assert.Equal(new[] { "host", "host", "host", "host", "host", "host" }, new[] { app.NetworkMode, app.Pid, app.Ipc, app.Uts, app.UsernsMode, app.Cgroup }.Select(v => v!.Raw));
        Assert.Equal(new[] { "SYS_ADMIN", "NET_ADMIN" }, app.CapAdd.Select(c => c.Raw));

        Assert.Equal(new[] { "PLAIN=1", "QUOTED=a=b", "FROM_SHELL" }, app.Environment.Select(e => e.ToString()));
        Assert.Null(app.Environment[2].Value);
        Assert.Equal("PLAIN=1", Text(tree, app.Environment[0].NameNode.Span));
        Assert.Equal("a=b", Text(tree, app.Environment[1].Value!.Span)); // inside the quotes

        var sock = app.Volumes[0];
        Assert.False(sock.IsShortSyntax);
        Assert.Equal(("bind", "/var/run/docker.sock", true), (sock.Type, sock.Source!.Raw, sock.IsReadOnly));
        var etc = app.Volumes[1];
        Assert.Equal(("/etc", "/host/etc", "ro,z", true, "bind"), (etc.Source!.Raw, etc.Target!.Raw, etc.Mode!.Raw, etc.IsReadOnly, etc.Type));
        Assert.Equal("ro,z", Text(tree, etc.Mode.Span));
        Assert.Equal(("C:\\data", "/data", "bind"), (app.Volumes[2].Source!.Raw, app.Volumes[2].Target!.Raw, app.Volumes[2].Type));
        Assert.Equal((null, "anonymous", "volume"), (app.Volumes[3].Source?.Raw, app.Volumes[3].Target!.Raw, app.Volumes[3].Type));

        var token = Assert.Single(app.Secrets);
        Assert.Equal(("token", "/run/token", "0400"), (token.Source!.Raw, token.Target!.Raw, token.Mode!.Raw));
        Assert.Equal("cfg", Assert.Single(app.Configs).Source!.Raw);

        Assert.Equal(new[] { "front", "back" }, app.Networks.Select(n => n.Name));
        Assert.Equal(("web", "10.0.0.2"), (((ProjectSequence)app.Networks[0].Aliases!).Items.OfType<ProjectScalar>().Single().Raw, app.Networks[0].Ipv4Address!.Raw));
        Assert.Null(app.Networks[1].Settings);

        var front = project.GetNetwork("front")!;
        Assert.Equal(("overlay", "true", true), (front.Driver!.Raw, front.DriverOpts!.Scalar("encrypted")!.Raw, (front.Get("attachable") as ProjectScalar)?.AsBoolean() == true));
        var back = project.GetNetwork("back")!;
        Assert.True(back.IsExternal);
        Assert.Equal("shared", back.ExternalName!.Raw);
        Assert.Equal("TOKEN", project.GetSecret("token")!.Environment!.Raw);
        Assert.Equal(("x", "real-cfg"), (project.GetConfig("cfg")!.Content!.Raw, project.GetConfig("cfg")!.PlatformName!.Raw));
    }

    [Fact]
    public void In_a_stack_what_swarm_ignores_is_absent_from_the_model()
    {
        var yaml = "services:\n  app:\n    image: app\n    privileged: true\n    pid: host\n    cap_add: [SYS_ADMIN]\n    depends_on: [db]\n";
        var stack = ComposeProjectLoader.LoadText(yaml, Path.Combine(Path.GetTempPath(), "plimsoll-in-memory", "stack.yaml"), isStack: true, options: NoVariables);
        var app = stack.GetService("app")!;
        Assert.Null(app.Privileged);
        Assert.Null(app.Pid);
        Assert.Null(app.Get("depends_on"));
        Assert.NotNull(app.GetWritten("depends_on")); // still there for the checks of the file itself
        Assert.Equal("SYS_ADMIN", Assert.Single(app.CapAdd).Raw); // supported by swarm since 20.10

        var compose = Load(yaml).GetService("app")!;
        Assert.Equal("true", compose.Privileged!.Raw);
        Assert.Equal("host", compose.Pid!.Raw);
    }

    [Fact]
    public void LegacyVersion1FileHasServicesAtTheTopLevel()
    {
        var project = Load(YamlTestFiles.Read("percona+percona-docker__percona-server-5.6__docker-compose.yml"), "v1.yml");
        var percona = Assert.Single(project.Services);
        Assert.Equal(("percona", "percona/percona-server:latest"), (percona.Name, percona.Image!.Raw));
        Assert.Equal("secret", percona.Environment.Single(e => e.Name == "MYSQL_ROOT_PASSWORD").Value!.Raw);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just a string")]
    [InlineData("services:")]
    [InlineData("services: [a, b]")]
    [InlineData("services:\n  web:\n  db: 5\n  x: {volumes: 3, environment: [{a: 1}], networks: 7, secrets: [{}], cap_add: x}")]
    public void OddShapesAreReadWithoutThrowing(string yaml)
    {
        var project = Load(yaml, "odd.yml");
        foreach (var service in project.Services)
        {
            Assert.Null(service.Image);
            _ = (service.Volumes, service.Environment, service.Networks, service.Secrets, service.CapAdd);
        }
    }

    [Fact]
    public void ABillionLaughsOfMergesStopsAtTheBudgetWithALocatedProblem()
    {
        var builder = new System.Text.StringBuilder("x-m0: &m0 {image: a}\n");
        for (int level = 1; level < 10; level++)
        {
            builder.Append("x-m").Append(level).Append(": &m").Append(level).Append(" {<<: [");
            for (int i = 0; i < 10; i++) builder.Append(i == 0 ? "" : ", ").Append("*m").Append(level - 1);
            builder.Append("]}\n");
        }
        builder.Append("services:\n  web:\n    <<: *m9\n");
        var project = ComposeProjectLoader.LoadText(builder.ToString(), Path.Combine(Path.GetTempPath(), "plimsoll-in-memory", "bomb.yml"), options: NoVariables);
        var budget = project.Diagnostics.First(d => d.GetMessage().StartsWith("Excessive aliasing", StringComparison.Ordinal));
        Assert.EndsWith("bomb.yml", budget.Location.GetLineSpan().Path, StringComparison.Ordinal);
    }

    /// <summary>Oracle: YamlDotNet's representation model gives the same service names and explicit images for every corpus file.</summary>
    [Theory]
    [MemberData(nameof(YamlTestFiles.ComposeFileNames), MemberType = typeof(YamlTestFiles))]
    public void CorpusServicesMatchYamlDotNet(string fileName)
    {
        var input = YamlTestFiles.Read(fileName);
        var project = ComposeProjectLoader.LoadText(input, Path.Combine(Path.GetTempPath(), "plimsoll-in-memory", fileName), options: NoVariables);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(input)); }
        catch (YamlDotNet.Core.YamlException) { return; } // the tree reports these; nothing to compare

        if (stream.Documents[0].RootNode is not YamlDotNet.RepresentationModel.YamlMappingNode root) return;
        bool legacy = !root.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("services"))
                      && project.Trees.Single().Root?.Resolve() is Plimsoll.Syntax.Yaml.YamlMappingNode m && Plimsoll.Syntax.Compose.ComposeFileFormat.IsLegacyV1(m);
        var services = legacy
            ? root
            : root.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("services"), out var s) ? s as YamlDotNet.RepresentationModel.YamlMappingNode : null;
        var expectedNames = services?.Children.Keys.Select(k => ((YamlDotNet.RepresentationModel.YamlScalarNode)k).Value!)
            .Where(n => !legacy || !n.StartsWith("x-", StringComparison.Ordinal)).ToList() ?? new List<string>();
        Assert.Equal(expectedNames, project.Services.Select(x => x.Name));

        foreach (var service in project.Services)
        {
            var node = (YamlDotNet.RepresentationModel.YamlMappingNode)services![service.Name];
            if (node.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("image"), out var image))
            {
                Assert.Equal(((YamlDotNet.RepresentationModel.YamlScalarNode)image).Value, service.Image!.Raw);
                Assert.Equal((int)image.Start.Line - 1, Start(service.Image).Line);
            }
        }
    }
}
