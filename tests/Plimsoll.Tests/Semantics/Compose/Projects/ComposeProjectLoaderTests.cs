using Plimsoll.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>Discovery, merge rules, extends, include and interpolation, against hand-written expectations from the compose spec.</summary>
public sealed class ComposeProjectLoaderTests
{
    private readonly string dir = TempDirectory.Create();

    private string Write(string name, string text)
    {
        string path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string TextAt(ProjectNode node) => node.Tree.Text.ToString(node.Span);

    private static string TextAt(Location location) => File.Exists(location.SourceTree?.FilePath ?? location.GetLineSpan().Path)
        ? File.ReadAllText(location.GetLineSpan().Path).Substring(location.SourceSpan.Start, location.SourceSpan.Length)
        : "";

    // ---- discovery ----

    [Fact]
    public void Directory_discovery_prefers_compose_yaml_and_pairs_it_with_its_override()
    {
        Write("docker-compose.yml", "services:\n  old:\n    image: old\n");
        Write("compose.yaml", "services:\n  web:\n    image: nginx\n");
        Write("docker-compose.override.yml", "services:\n  web:\n    image: wrong-pair\n");
        Assert.Equal(new[] { "compose.yaml" }, ComposeProjectLoader.FindProjectFiles(dir).Select(Path.GetFileName));

        Write("compose.override.yaml", "services:\n  web:\n    privileged: true\n");
        var project = ComposeProjectLoader.LoadDirectory(dir);
        Assert.Equal(new[] { "compose.yaml", "compose.override.yaml" }, project.Files.Select(Path.GetFileName));
        Assert.Equal(new[] { "web" }, project.Services.Select(s => s.Name));
        Assert.Equal("nginx", project.GetService("web")!.Image!.Text);
        Assert.Empty(project.Diagnostics);
    }

    [Fact]
    public void Directory_discovery_falls_back_to_docker_compose_yml_and_its_override()
    {
        Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n");
        Write("docker-compose.override.yml", "services:\n  web:\n    user: root\n");
        var project = ComposeProjectLoader.LoadDirectory(dir);
        Assert.Equal(new[] { "docker-compose.yml", "docker-compose.override.yml" }, project.Files.Select(Path.GetFileName));
        Assert.Equal("root", project.GetService("web")!.User!.Text);
    }

    [Fact]
    public void Directory_without_compose_file_is_a_PL9002_not_an_exception()
    {
        var project = ComposeProjectLoader.LoadDirectory(dir);
        Assert.Empty(project.Services);
        Assert.Contains(project.Diagnostics, d => d.Id == "PL9002" && d.GetMessage().Contains("no configuration file"));
    }

    // ---- merging ----

    [Fact]
    public void Override_that_adds_privileged_points_into_the_override_file()
    {
        var a = Write("a.yaml", "services:\n  web:\n    image: nginx\n    privileged: false\n");
        var b = Write("b.yaml", "services:\n  web:\n    privileged: true\n");
        var web = ComposeProjectLoader.LoadFiles(new[] { a, b }).GetService("web")!;
        Assert.Equal(true, web.Privileged!.AsBoolean());
        Assert.Equal(b, web.Privileged.Path);
        Assert.Equal("true", TextAt(web.Privileged));
        Assert.Equal(a, web.Image!.Path);
        Assert.Equal(a, web.KeyNode.Tree.Path);
    }

    [Fact]
    public void Merge_rules_follow_the_compose_spec()
    {
        var a = Write("a.yaml",
            "services:\n  web:\n    image: nginx\n    command: [\"echo\", \"foo\"]\n    entrypoint: /a\n    dns: [1.1.1.1, 9.9.9.9]\n" +
            "    environment:\n      - A=1\n      - B=2\n    labels: {x: \"1\"}\n    ports: [\"80:80\"]\n" +
            "    volumes: [\"data:/data\", \"/host:/x:ro\"]\n    healthcheck:\n      test: [\"CMD\", \"a\"]\n      interval: 5s\n");
        var b = Write("b.yaml",
            "services:\n  web:\n    command: [\"echo\", \"bar\"]\n    dns: [8.8.8.8, 1.1.1.1]\n" +
            "    environment:\n      B: three\n      C: \"4\"\n    labels: [\"y=2\"]\n    ports: [\"81:81\"]\n" +
            "    volumes:\n      - type: volume\n        source: other\n        target: /data\n    healthcheck:\n      test: [\"CMD\", \"b\"]\n");
        var web = ComposeProjectLoader.LoadFiles(new[] { a, b }).GetService("web")!;

        Assert.Equal(new[] { "echo", "bar" }, ((ProjectSequence)web.Command!).Items.Select(i => ((ProjectScalar)i).Text));
        Assert.Equal("/a", ((ProjectScalar)web.Entrypoint!).Text);
        Assert.Equal(new[] { "1.1.1.1", "9.9.9.9", "8.8.8.8" }, ((ProjectSequence)web.Get("dns")!).Items.Select(i => ((ProjectScalar)i).Text));
        Assert.Equal(new[] { "A=1", "B=three", "C=4" }, web.Environment.Select(e => e.ToString()));
        Assert.Equal(b, web.Environment.Single(e => e.Name == "B").Value!.Path);
        Assert.Equal(new[] { "x", "y" }, web.Labels!.Entries.Select(e => e.Key));
        Assert.Equal(new[] { "80:80", "81:81" }, web.Ports.Select(p => ((ProjectScalar)p).Text));
        // volumes merge by target: the long-form /data replaces the short one, in place
        Assert.Equal(2, web.Volumes.Length);
        Assert.Equal("other", ((ProjectMapping)web.Volumes[0].Node).Scalar("source")!.Text);
        Assert.Equal("/host:/x:ro", ((ProjectScalar)web.Volumes[1].Node).Text);
        var healthcheck = (ProjectMapping)web.Healthcheck!;
        Assert.Equal(new[] { "CMD", "b" }, ((ProjectSequence)healthcheck["test"]!).Items.Select(i => ((ProjectScalar)i).Text));
        Assert.Equal("5s", healthcheck.Scalar("interval")!.Text);
    }

    [Fact]
    public void Reset_removes_and_override_replaces()
    {
        var a = Write("a.yaml", "services:\n  web:\n    image: nginx\n    user: root\n    environment: {A: \"1\", B: \"2\"}\n    ports: [\"80:80\"]\n" +
                                "    networks: [front, back]\n");
        var b = Write("b.yaml", "services:\n  web:\n    user: !reset null\n    environment:\n      A: !reset\n    ports: !override [\"90:90\"]\n" +
                                "    networks: !reset []\n");
        var web = ComposeProjectLoader.LoadFiles(new[] { a, b }).GetService("web")!;
        Assert.Null(web.User);
        Assert.Equal(new[] { "B" }, web.Environment.Select(e => e.Name));
        Assert.Equal(new[] { "90:90" }, web.Ports.Select(p => ((ProjectScalar)p).Text));
        Assert.Equal(b, web.Ports[0].Path);
        Assert.Empty(web.Networks);
    }

    // ---- extends ----

    [Fact]
    public void Extends_in_the_same_file_and_in_another_file()
    {
        Write("common/base.yaml", "services:\n  base:\n    image: base:1\n    cap_add: [NET_ADMIN]\n    environment: {LEVEL: info, FROM: base}\n");
        var main = Write("compose.yaml",
            "services:\n  parent:\n    extends:\n      file: common/base.yaml\n      service: base\n    environment: {LEVEL: debug}\n" +
            "  child:\n    extends: parent\n    privileged: true\n");
        var project = ComposeProjectLoader.LoadFiles(new[] { main });
        Assert.Empty(project.Diagnostics);
        var child = project.GetService("child")!;
        Assert.Equal("base:1", child.Image!.Text);
        Assert.EndsWith(Path.Combine("common", "base.yaml"), child.Image.Path);
        Assert.Equal(new[] { "LEVEL=debug", "FROM=base" }, child.Environment.Select(e => e.ToString()));
        Assert.Equal(main, child.Environment[0].Value!.Path);
        Assert.Equal("NET_ADMIN", child.CapAdd.Single().Text);
        Assert.Null(child.Get("extends"));
        Assert.Equal(true, child.Privileged!.AsBoolean());
    }

    [Fact]
    public void Extends_cycles_are_reported_with_both_locations_and_terminate()
    {
        var other = Write("other.yaml", "services:\n  c:\n    image: c\n    extends: {file: compose.yaml, service: a}\n");
        var main = Write("compose.yaml",
            "services:\n  a:\n    extends: b\n  b:\n    extends: {file: other.yaml, service: c}\n  self:\n    image: s\n    extends: self\n");
        var project = ComposeProjectLoader.LoadFiles(new[] { main });
        var cycles = project.Diagnostics.Where(d => d.GetMessage().StartsWith("extends cycle", StringComparison.Ordinal)).ToList();
        Assert.Contains(cycles, d => d.GetMessage().Contains("self -> self"));
        var abc = cycles.First(d => d.GetMessage().Contains("a -> b -> c -> a") || d.GetMessage().Contains("b -> c -> a -> b"));
        Assert.Single(abc.AdditionalLocations);
        Assert.All(cycles, d => Assert.Equal("PL9002", d.Id));
        Assert.Equal("extends", TextAt(abc.Location));
        Assert.Equal("extends", TextAt(abc.AdditionalLocations[0]));
        Assert.Equal("c", project.GetService("a")!.Image!.Text);
        Assert.Equal(other, project.GetService("a")!.Image!.Path);
        Assert.Equal("s", project.GetService("self")!.Image!.Text);
    }

    // ---- include ----

    [Fact]
    public void Include_merges_included_resources_relative_to_the_including_file()
    {
        Write("db/compose.yaml", "include:\n  - ../cache/compose.yaml\nservices:\n  db:\n    image: postgres\n    networks: [back]\nnetworks:\n  back: {}\n");
        Write("cache/compose.yaml", "services:\n  cache:\n    image: redis\n");
        var main = Write("compose.yaml", "include:\n  - path: db/compose.yaml\nservices:\n  web:\n    image: nginx\n    depends_on: [db]\n");
        var project = ComposeProjectLoader.LoadFiles(new[] { main });
        Assert.Empty(project.Diagnostics);
        Assert.Equal(new[] { "web", "db", "cache" }, project.Services.Select(s => s.Name));
        Assert.Equal(new[] { "back" }, project.Networks.Select(n => n.Name));
        Assert.EndsWith(Path.Combine("cache", "compose.yaml"), project.GetService("cache")!.Image!.Path);
        Assert.Null(project.Root!["include"]);
    }

    [Fact]
    public void Include_cycles_and_conflicts_are_reported()
    {
        Write("b.yaml", "include: [a.yaml]\nservices:\n  b:\n    image: b\n");
        var a = Write("a.yaml", "include: [b.yaml]\nservices:\n  a:\n    image: a\n  b:\n    image: mine\n");
        var project = ComposeProjectLoader.LoadFiles(new[] { a });
        var cycle = Assert.Single(project.Diagnostics, d => d.GetMessage().StartsWith("include cycle", StringComparison.Ordinal));
        Assert.Contains("a.yaml -> b.yaml -> a.yaml", cycle.GetMessage());
        Assert.Single(cycle.AdditionalLocations);
        Assert.Contains(project.Diagnostics, d => d.GetMessage().Contains("service 'b' is also defined by an included file"));
        Assert.Equal("mine", project.GetService("b")!.Image!.Text);
    }

    [Fact]
    public void Missing_included_files_and_extended_services_are_reported_where_they_are_named()
    {
        var main = Write("compose.yaml", "include: [nowhere/compose.yaml]\nservices:\n  web:\n    extends: ghost\n    image: nginx\n" +
                                         "  api:\n    extends: {file: missing.yaml, service: base}\n");
        var project = ComposeProjectLoader.LoadFiles(new[] { main });
        var messages = project.Diagnostics.Select(d => TextAt(d.Location) + " | " + d.GetMessage()).ToList();
        Assert.Contains(messages, m => m.StartsWith("nowhere/compose.yaml | compose file", StringComparison.Ordinal) && m.EndsWith("cannot be read: no such file", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("ghost | extends: service 'ghost' is not defined", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("missing.yaml | compose file", StringComparison.Ordinal));
        Assert.Equal(3, messages.Count);
        Assert.Equal("nginx", project.GetService("web")!.Image!.Text);
        Assert.Null(project.GetService("web")!.Get("extends"));
    }

    // ---- interpolation ----

    [Fact]
    public void Values_are_interpolated_with_their_origin_and_errors_land_on_the_value()
    {
        Write(".env", "TAG=1.25\nEMPTY=\n");
        var main = Write("compose.yaml",
            "services:\n  web:\n    image: nginx:${TAG}\n    user: \"${EMPTY}\"\n    environment:\n      - HOST=${UNSET}\n      - LEVEL=${LEVEL:-info}\n" +
            "    container_name: ${NAME:?NAME is required}\n");
        var project = ComposeProjectLoader.LoadFiles(new[] { main });
        var web = project.GetService("web")!;
        Assert.Equal("nginx:1.25", web.Image!.Text);
        Assert.Equal(ValueOrigin.DotEnv, web.Image.Origin);
        Assert.Equal("nginx:${TAG}", web.Image.Raw);
        Assert.Equal("", web.User!.Text);
        Assert.Equal(ValueOrigin.DotEnv, web.User.Origin);
        var host = web.Environment.Single(e => e.Name == "HOST").Value!;
        Assert.Equal("", host.Text);
        Assert.True(host.IsUnknown);
        Assert.Equal("${UNSET}", TextAt(host));
        Assert.Equal(ValueOrigin.Default, web.Environment.Single(e => e.Name == "LEVEL").Value!.Origin);
        var error = Assert.Single(project.Diagnostics);
        Assert.Equal("PL9002", error.Id);
        Assert.Equal("${NAME:?NAME is required}", TextAt(error.Location));
    }

    [Fact]
    public void Stacks_read_no_dot_env_and_use_the_stack_dialect()
    {
        Write(".env", "TAG=1.25\n");
        var main = Write("stack.yml", "version: \"3.8\"\nservices:\n  web:\n    image: nginx:${TAG:-latest}\n    environment: [\"X=${A:?must-be-set}\"]\n");
        var project = ComposeProjectLoader.LoadStack(main);
        Assert.True(project.IsStack);
        Assert.Equal(InterpolationDialect.Stack, project.Dialect);
        Assert.Equal("nginx:latest", project.GetService("web")!.Image!.Text);
        // docker stack splits at the first ":-" even after ":?": the value defaults to "be-set"
        Assert.Equal("be-set", project.GetService("web")!.Environment.Single().Value!.Text);
        Assert.Empty(project.Diagnostics);
    }

    // ---- swarm ----

    [Theory]
    [InlineData("privileged", true)]
    [InlineData("build", true)]
    [InlineData("network_mode", true)]
    [InlineData("pid", true)]
    [InlineData("ipc", true)]
    [InlineData("security_opt", true)]
    [InlineData("devices", true)]
    [InlineData("restart", true)]
    [InlineData("container_name", true)]
    [InlineData("links", true)]
    [InlineData("depends_on", true)]
    [InlineData("userns_mode", true)]
    [InlineData("cgroup_parent", true)]
    [InlineData("extends", true)]
    [InlineData("uts", true)]
    [InlineData("cap_add", false)]
    [InlineData("cap_drop", false)]
    [InlineData("sysctls", false)]
    [InlineData("ulimits", false)]
    [InlineData("tmpfs", false)]
    [InlineData("image", false)]
    [InlineData("deploy", false)]
    [InlineData("x-custom", false)]
    public void Swarm_knowledge_table(string key, bool ignored) => Assert.Equal(ignored, ComposeProject.IsIgnoredBySwarm(key));

    [Fact]
    public void Stack_checks_report_what_docker_stack_rejects_at_the_key()
    {
        var main = Write("stack.yml", "version: \"2.4\"\nname: x\nservices:\n  web:\n    image: nginx\n    mem_limit: 1g\n    pull_policy: always\n" +
                                      "    depends_on:\n      db: {condition: service_started}\n    environment:\n      DEBUG: true\n    privileged: true\n");
        var project = ComposeProjectLoader.LoadStack(main);
        var messages = project.Diagnostics.Select(d => TextAt(d.Location) + " | " + d.GetMessage()).ToList();
        Assert.Contains(messages, m => m.StartsWith("\"2.4\" | unsupported Compose file version", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("name | ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("mem_limit | docker stack forbids", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("pull_policy | docker stack does not allow", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("db: {condition: service_started} | ", StringComparison.Ordinal) && m.Contains("depends_on"));
        Assert.Contains(messages, m => m.StartsWith("true | ", StringComparison.Ordinal) && m.Contains("DEBUG"));
        Assert.Equal(6, messages.Count);
        Assert.Equal(new[] { "mem_limit", "pull_policy", "depends_on", "privileged" }, project.GetService("web")!.KeysIgnoredBySwarm.Select(e => e.Key));
        // the same file as a compose project: none of these is an error
        Assert.Empty(ComposeProjectLoader.LoadFiles(new[] { main }).Diagnostics);
    }
}
