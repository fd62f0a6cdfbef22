using Microsoft.CodeAnalysis.Text;
using Plimsoll.Semantics.Compose;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Tests.Syntax.Yaml;
using YamlDotNet.RepresentationModel;

namespace Plimsoll.Tests.Semantics.Compose;

public class ComposeFileTests
{
    private static ComposeFile Load(string yaml)
    {
        var tree = YamlSyntaxTree.Parse(SourceText.From(yaml), "compose.yaml");
        Assert.Empty(tree.Diagnostics);
        return ComposeFile.Load(tree);
    }

    private static LinePosition Start(ComposeFile file, TextSpan span) => file.Tree.Text.Lines.GetLinePosition(span.Start);

    private static string Text(ComposeFile file, TextSpan span) => file.Tree.Text.ToString(span);

    [Fact]
    public void KongFileReadsWithMergedEnvironmentAndSpans()
    {
        var file = ComposeFile.Load(YamlSyntaxTree.Parse(SourceText.From(YamlTestFiles.Read("Kong+docker-kong__compose__docker-compose.yml")), "kong.yml"));
        Assert.False(file.IsLegacyV1);
        Assert.Equal("3.9", file.Version!.Value);
        Assert.Equal(new[] { "kong-migrations", "kong-migrations-up", "kong", "db" }, file.Services.Select(s => s.Name));

        var kong = file.GetService("kong")!;
        Assert.Equal("${KONG_DOCKER_TAG:-kong:latest}", kong.Image!.Value); // raw: not interpolated
        Assert.Equal("${KONG_USER:-kong}", kong.User!.Value);
        Assert.Equal(new LinePosition(56, 4), Start(file, kong.User.Key!.Span));
        Assert.True(kong.ReadOnly!.AsBoolean());
        Assert.Equal(new[] { "no-new-privileges" }, kong.SecurityOpt.Select(s => s.Value));

        // Environment: five keys merged from x-kong-config, then the service's own.
        var environment = kong.Environment.ToDictionary(v => v.Name);
        Assert.Equal(14, kong.Environment.Length);
        Assert.Equal("db", environment["KONG_PG_HOST"].Value);
        Assert.Equal(new LinePosition(6, 2), Start(file, environment["KONG_PG_HOST"].NameSpan)); // written in the anchor
        Assert.Equal(new LinePosition(6, 16), Start(file, environment["KONG_PG_HOST"].ValueSpan!.Value));
        Assert.Equal("/dev/stdout", environment["KONG_ADMIN_ACCESS_LOG"].Value);

        Assert.Equal("kong_postgres_password", Assert.Single(kong.Secrets).Source!.Value);
        Assert.True(kong.Secrets[0].IsShortSyntax);
        Assert.Equal("kong-net", Assert.Single(kong.Networks).Name);

        // Short-syntax volumes; the colon inside ${...:-...} does not split.
        Assert.Equal(3, kong.Volumes.Length);
        Assert.Equal(("kong_prefix_vol", "${KONG_PREFIX:-/var/run/kong}", "volume"), (kong.Volumes[0].Source!.Value, kong.Volumes[0].Target!.Value, kong.Volumes[0].Type));
        var config = kong.Volumes[2];
        Assert.Equal(("./config", "/opt/kong", "bind", false), (config.Source!.Value, config.Target!.Value, config.Type, config.IsReadOnly));
        Assert.Equal(new LinePosition(95, 8), Start(file, config.Source.Span));
        Assert.Equal("./config", Text(file, config.Source.Span));
        Assert.Equal("/opt/kong", Text(file, config.Target.Span));

        var network = Assert.Single(file.Networks);
        Assert.Equal(("kong-net", false), (network.Name, network.IsExternal));
        Assert.Equal(new[] { "kong_data", "kong_prefix_vol", "kong_tmp_vol" }, file.Volumes.Select(v => v.Name));
        Assert.Equal("tmpfs", file.Volumes[1].DriverOpts["type"].Value);
        var secret = Assert.Single(file.Secrets);
        Assert.Equal("./POSTGRES_PASSWORD", secret.File!.Value);
        Assert.Equal(new LinePosition(131, 10), Start(file, secret.File.Span));
    }

    [Fact]
    public void LongSyntaxAndListFormsAreRead()
    {
        var file = Load("""
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
        var app = Assert.Single(file.Services);
        Assert.True(app.Privileged!.AsBoolean());
        Assert.Equal(new[] { "host", "host", "host", "host", "host", "host" }, new[] { app.NetworkMode, app.Pid, app.Ipc, app.Uts, app.UsernsMode, app.Cgroup }.Select(v => v!.Value));
        Assert.Equal(new[] { "SYS_ADMIN", "NET_ADMIN" }, app.CapAdd.Select(c => c.Value));

        Assert.Equal(new[] { "PLAIN=1", "QUOTED=a=b", "FROM_SHELL" }, app.Environment.Select(e => e.ToString()));
        Assert.Null(app.Environment[2].Value);
        Assert.Equal("PLAIN", Text(file, app.Environment[0].NameSpan));
        Assert.Equal("a=b", Text(file, app.Environment[1].ValueSpan!.Value)); // inside the quotes

        var sock = app.Volumes[0];
        Assert.False(sock.IsShortSyntax);
        Assert.Equal(("bind", "/var/run/docker.sock", true, "rshared"), (sock.Type, sock.Source!.Value, sock.IsReadOnly, sock.BindPropagation!.Value));
        var etc = app.Volumes[1];
        Assert.Equal(("/etc", "/host/etc", "ro,z", true, "bind"), (etc.Source!.Value, etc.Target!.Value, etc.Mode!.Value, etc.IsReadOnly, etc.Type));
        Assert.Equal("ro,z", Text(file, etc.Mode.Span));
        Assert.Equal(("C:\\data", "/data", "bind"), (app.Volumes[2].Source!.Value, app.Volumes[2].Target!.Value, app.Volumes[2].Type));
        Assert.Equal((null, "anonymous", "volume"), (app.Volumes[3].Source?.Value, app.Volumes[3].Target!.Value, app.Volumes[3].Type));

        var token = Assert.Single(app.Secrets);
        Assert.Equal(("token", "/run/token", "0400"), (token.Source!.Value, token.Target!.Value, token.Mode!.Value));
        Assert.Equal("cfg", Assert.Single(app.Configs).Source!.Value);

        Assert.Equal(new[] { "front", "back" }, app.Networks.Select(n => n.Name));
        Assert.Equal(("web", "10.0.0.2"), (app.Networks[0].Aliases.Single().Value, app.Networks[0].Ipv4Address!.Value));
        Assert.Null(app.Networks[1].Settings);

        var front = file.GetNetwork("front")!;
        Assert.Equal(("overlay", "true", true), (front.Driver!.Value, front.DriverOpts["encrypted"].Value, front.Attachable!.AsBoolean() == true));
        var back = file.GetNetwork("back")!;
        Assert.True(back.IsExternal);
        Assert.Equal("shared", back.ExternalName!.Value);
        Assert.Equal("TOKEN", file.GetSecret("token")!.Environment!.Value);
        Assert.Equal(("x", "real-cfg"), (file.GetConfig("cfg")!.Content!.Value, file.GetConfig("cfg")!.PlatformName!.Value));
    }

    [Fact]
    public void LegacyVersion1FileHasServicesAtTheTopLevel()
    {
        var file = ComposeFile.Load(YamlSyntaxTree.Parse(SourceText.From(YamlTestFiles.Read("percona+percona-docker__percona-server-5.6__docker-compose.yml")), "v1.yml"));
        Assert.True(file.IsLegacyV1);
        var percona = Assert.Single(file.Services);
        Assert.Equal(("percona", "percona/percona-server:latest"), (percona.Name, percona.Image!.Value));
        Assert.Equal("secret", percona.Environment.Single(e => e.Name == "MYSQL_ROOT_PASSWORD").Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just a string")]
    [InlineData("services:")]
    [InlineData("services: [a, b]")]
    [InlineData("services:\n  web:\n  db: 5\n  x: {volumes: 3, environment: [{a: 1}], networks: 7, secrets: [{}], cap_add: x}")]
    public void OddShapesAreReadWithoutThrowing(string yaml)
    {
        var file = ComposeFile.Load(YamlSyntaxTree.Parse(SourceText.From(yaml), "odd.yml"));
        foreach (var service in file.Services)
        {
            Assert.Null(service.Image);
        }
    }

    [Fact]
    public void ABillionLaughsOfMergesStopsAtTheBudget()
    {
        var builder = new System.Text.StringBuilder("x-m0: &m0 {image: a}\n");
        for (int level = 1; level < 10; level++)
        {
            builder.Append("x-m").Append(level).Append(": &m").Append(level).Append(" {<<: [");
            for (int i = 0; i < 10; i++) builder.Append(i == 0 ? "" : ", ").Append("*m").Append(level - 1);
            builder.Append("]}\n");
        }
        builder.Append("services:\n  web:\n    <<: *m9\n");
        var file = ComposeFile.Load(YamlSyntaxTree.Parse(SourceText.From(builder.ToString()), "bomb.yml"), new YamlAliasBudget(10_000));
        Assert.True(file.BudgetExceeded);
    }

    /// <summary>Oracle: YamlDotNet's representation model gives the same service names and explicit images for every corpus file.</summary>
    [Theory]
    [MemberData(nameof(YamlTestFiles.ComposeFileNames), MemberType = typeof(YamlTestFiles))]
    public void CorpusServicesMatchYamlDotNet(string fileName)
    {
        var input = YamlTestFiles.Read(fileName);
        var file = ComposeFile.Load(YamlSyntaxTree.Parse(SourceText.From(input), fileName));
        var stream = new YamlStream();
        try { stream.Load(new StringReader(input)); }
        catch (YamlDotNet.Core.YamlException) { return; } // the tree reports these; nothing to compare

        if (stream.Documents[0].RootNode is not YamlDotNet.RepresentationModel.YamlMappingNode root) return;
        var services = file.IsLegacyV1
            ? root
            : root.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("services"), out var s) ? s as YamlDotNet.RepresentationModel.YamlMappingNode : null;
        var expectedNames = services?.Children.Keys.Select(k => ((YamlDotNet.RepresentationModel.YamlScalarNode)k).Value!)
            .Where(n => !file.IsLegacyV1 || !n.StartsWith("x-", StringComparison.Ordinal)).ToList() ?? new List<string>();
        Assert.Equal(expectedNames, file.Services.Select(x => x.Name));

        foreach (var service in file.Services)
        {
            var node = (YamlDotNet.RepresentationModel.YamlMappingNode)services![service.Name];
            if (node.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("image"), out var image))
            {
                Assert.Equal(((YamlDotNet.RepresentationModel.YamlScalarNode)image).Value, service.Image!.Value);
                Assert.Equal((int)image.Start.Line - 1, Start(file, service.Image.Span).Line);
            }
        }
    }
}
