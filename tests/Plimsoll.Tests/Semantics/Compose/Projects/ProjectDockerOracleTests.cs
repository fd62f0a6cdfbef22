using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Tests.Infrastructure;
using Plimsoll.Tests.Semantics.Compose.Interpolation;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Plimsoll.Tests.Semantics.Compose.Projects;

/// <summary>
/// Compares the merged, interpolated stack model with <c>docker stack config</c>, which prints a stack after merging
/// its <c>-c</c> files and interpolating: per service, the image, networks, secrets and environment must agree.
/// docker and Plimsoll both get an empty environment.
/// </summary>
[Trait("Tier", "Slow")]
public sealed class ProjectDockerOracleTests
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    private readonly ITestOutputHelper output;
    private readonly string work = TempDirectory.Create();

    public ProjectDockerOracleTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static ComposeProjectOptions Options => new() { VariableSource = ComposeVariables.FromEnvironment(NoEnvironment) };

    private sealed class Tally
    {
        public int Files, Services, Values, Agreeing;
        public readonly List<string> Problems = new();

        public void Compare(string where, string? mine, string? docker)
        {
            Values++;
            if (mine == docker) Agreeing++;
            else Problems.Add($"{where}: docker={docker ?? "<absent>"} mine={mine ?? "<absent>"}");
        }
    }

    [DockerFact]
    public async Task Corpus_stacks_agree_with_docker_on_image_networks_secrets_and_environment()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "compose")).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var results = await Task.WhenAll(files.Select(async f => (File: f, Result: await DockerCli.StackConfigAsync(new[] { f }, NoEnvironment))));

        var tally = new Tally();
        int rejected = 0, rejectedWithDiagnostic = 0;
        var explained = new List<string>();
        foreach (var (file, result) in results)
        {
            string name = Path.GetFileName(file);
            var project = ComposeProjectLoader.LoadStack(file, Options);
            if (result.ExitCode != 0)
            {
                rejected++;
                // The first line that is not a logged warning says why docker stopped.
                string message = result.Stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("time=", StringComparison.Ordinal)) ?? "";
                var expected = ExpectedDiagnostic(message);
                var matching = project.Diagnostics.FirstOrDefault(d => d.Id == "PL9002" && expected(d.GetMessage()));
                if (matching != null)
                {
                    rejectedWithDiagnostic++;
                    output.WriteLine($"both reject {name}: docker: {message} | Plimsoll: {matching.GetMessage()}");
                }
                else if (message.StartsWith("open ", StringComparison.Ordinal) && message.EndsWith("no such file or directory", StringComparison.Ordinal))
                {
                    // docker reads env_file while loading; the corpus keeps compose files only, so the env file is absent.
                    explained.Add(name + ": " + message);
                    Assert.NotNull(project.Services.FirstOrDefault(s => s.Get("env_file") != null));
                }
                else
                {
                    tally.Problems.Add($"{name}: docker rejects ({message}), Plimsoll reports no PL9002");
                }
                continue;
            }
            tally.Files++;
            // What docker accepts, Plimsoll must not call an error.
            foreach (var d in project.Diagnostics) tally.Problems.Add($"{name}: docker accepts the file, Plimsoll reports {d}");
            Compare(name, project, result.Stdout, tally);
        }

        output.WriteLine($"corpus: {files.Count} files; docker accepts {tally.Files}, rejects {rejected} " +
                         $"({rejectedWithDiagnostic} with a PL9002 from Plimsoll, {explained.Count} explained); " +
                         $"services compared: {tally.Services}, values compared: {tally.Values}, agreeing: {tally.Agreeing}; {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var e in explained) output.WriteLine("explained: " + e);
        foreach (var p in tally.Problems.Take(60)) output.WriteLine("PROBLEM " + p);
        Assert.True(tally.Files > 50, "too few files accepted by docker: " + tally.Files);
        Assert.True(tally.Values > 300, "too few values compared: " + tally.Values);
        Assert.Empty(tally.Problems);
    }

    /// <summary>What Plimsoll's PL9002 must say for docker's reason to reject a file.</summary>
    private static Func<string, bool> ExpectedDiagnostic(string docker)
    {
        var additional = System.Text.RegularExpressions.Regex.Match(docker, @"Additional property (\S+) is not allowed");
        if (additional.Success) return m => m.Contains("'" + additional.Groups[1].Value + "'") || m.Contains("version 1 files");
        if (docker.Contains("depends_on must be a list")) return m => m.Contains("'depends_on' as a list");
        if (docker.StartsWith("unsupported Compose file version", StringComparison.Ordinal)) return m => m.StartsWith("unsupported Compose file version", StringComparison.Ordinal);
        if (docker.StartsWith("Configuration contains forbidden properties", StringComparison.Ordinal)) return m => m.StartsWith("docker stack forbids", StringComparison.Ordinal);
        if (docker.Contains("must be a string, number or null")) return m => m.Contains("environment values as strings");
        if (docker.StartsWith("decoding failed", StringComparison.Ordinal)) return m => m.StartsWith("invalid volume spec", StringComparison.Ordinal);
        if (docker.StartsWith("invalid interpolation", StringComparison.Ordinal)) return m => m.StartsWith("Interpolation error", StringComparison.Ordinal);
        if (docker.StartsWith("yaml:", StringComparison.Ordinal)) return m => m.StartsWith("YAML syntax error", StringComparison.Ordinal) || m.StartsWith("Duplicate key", StringComparison.Ordinal);
        return _ => true;
    }

    // ---- hand-written multi-file stacks that docker merges (docker stack has no extends, include, !reset or !override) ----

    private static readonly (string Name, string[] Files)[] MultiFileCases =
    {
        ("override-adds", new[]
        {
            "services:\n  web:\n    image: nginx:${TAG:-1.25}\n    volumes: [\"data:/data\", \"/x:/x\"]\n    environment:\n      - A=1\n      - B=2\n    networks: [front]\n    secrets: [s1]\n" +
            "networks: {front: {}, back: {}}\nvolumes: {data: {}}\nsecrets: {s1: {file: ./f}, s2: {file: ./f}}\n",
            "services:\n  web:\n    privileged: true\n    image: nginx:1.27\n    environment:\n      B: three\n      C: \"4\"\n    networks: [back]\n    secrets: [s2]\n" +
            "    volumes: [\"/host:/data:ro\"]\n  worker:\n    image: busybox\n    environment: [\"X=${UNSET-dflt}\"]\n",
        }),
        ("map-then-list", new[]
        {
            "services:\n  api:\n    image: api\n    environment:\n      LEVEL: info\n      EMPTY: \"\"\n    networks:\n      front:\n        aliases: [a]\n" +
            "networks: {front: {}}\n",
            "services:\n  api:\n    environment:\n      - LEVEL=debug\n      - EXTRA\n    networks: [front]\n",
        }),
        ("three-files", new[]
        {
            "services:\n  a:\n    image: a:1\n    secrets:\n      - source: one\n        target: /run/secrets/x\nsecrets: {one: {file: ./f}, two: {file: ./f}}\n",
            "services:\n  a:\n    secrets:\n      - source: two\n        target: /run/secrets/x\n",
            "services:\n  a:\n    image: a:3\n  b:\n    image: b\n",
        }),
    };

    [DockerFact]
    public async Task Multi_file_stacks_merge_as_docker_merges_them()
    {
        var tally = new Tally();
        var runs = MultiFileCases.Select(async c =>
        {
            string dir = Path.Combine(work, c.Name);
            Directory.CreateDirectory(dir);
            var paths = c.Files.Select((text, i) =>
            {
                string path = Path.Combine(dir, "f" + i + ".yaml");
                File.WriteAllText(path, text);
                return path;
            }).ToList();
            File.WriteAllText(Path.Combine(dir, "f"), "secret");
            return (c.Name, Paths: paths, Result: await DockerCli.StackConfigAsync(paths, NoEnvironment));
        });
        foreach (var (name, paths, result) in await Task.WhenAll(runs))
        {
            Assert.True(result.ExitCode == 0, name + ": docker rejected the case: " + result.Stderr);
            var project = ComposeProjectLoader.LoadStack(paths, Options);
            Assert.Empty(project.Diagnostics);
            if (name == "override-adds")
            {
                // The finding for privileged belongs in the override file, which set it.
                Assert.Equal(paths[1], project.GetService("web")!.Privileged!.Path);
                Assert.Equal(paths[1], project.GetService("web")!.Image!.Path);
                Assert.Equal(paths[0], project.GetService("web")!.Environment.Single(e => e.Name == "A").Value!.Path);
            }
            tally.Files++;
            Compare(name, project, result.Stdout, tally);
        }
        output.WriteLine($"multi-file cases: {tally.Files}, services: {tally.Services}, values compared: {tally.Values}, agreeing: {tally.Agreeing}");
        Assert.Empty(tally.Problems);
        Assert.True(tally.Values >= 15, "too few values compared: " + tally.Values);
    }

    // ---- comparison ----

    private static void Compare(string name, ComposeProject project, string printed, Tally tally)
    {
        var root = LoadYaml(printed) as YamlMappingNode;
        var services = Child(root, "services") as YamlMappingNode;
        var dockerNames = services?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).OrderBy(n => n, StringComparer.Ordinal).ToList() ?? new List<string>();
        var mineNames = project.Services.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        tally.Compare(name + " services", string.Join(",", mineNames), string.Join(",", dockerNames));
        foreach (var service in project.Services)
        {
            if (Child(services, service.Name) is not YamlMappingNode docker) continue;
            tally.Services++;
            string at = name + " " + service.Name;
            tally.Compare(at + " image", service.Image?.Text, (Child(docker, "image") as YamlScalarNode)?.Value);

            var dockerNetworks = (Child(docker, "networks") as YamlMappingNode)?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!) ?? Enumerable.Empty<string>();
            tally.Compare(at + " networks", Sorted(service.Networks.Select(n => n.Name)), Sorted(dockerNetworks));

            var dockerSecrets = (Child(docker, "secrets") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
                .Select(m => (Child(m, "source") as YamlScalarNode)?.Value + ">" + (Child(m, "target") as YamlScalarNode)?.Value) ?? Enumerable.Empty<string>();
            tally.Compare(at + " secrets", Sorted(service.Secrets.Select(s => s.Source?.Text + ">" + s.Target?.Text)), Sorted(dockerSecrets));

            var dockerVolumes = (Child(docker, "volumes") as YamlSequenceNode)?.Children.Select(v => (Child(v, "target") as YamlScalarNode)?.Value ?? "?")
                ?? Enumerable.Empty<string>();
            tally.Compare(at + " volume targets", Sorted(service.Volumes.Select(v => ProjectMerger.VolumeTarget(v) ?? "?")), Sorted(dockerVolumes));
            tally.Compare(at + " privileged", service.Privileged?.AsBoolean() == true ? "true" : null, (Child(docker, "privileged") as YamlScalarNode)?.Value);

            var dockerEnvironment = (Child(docker, "environment") as YamlMappingNode)?.Children
                .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => p.Value is YamlScalarNode s && !IsNull(s) ? s.Value : null, StringComparer.Ordinal)
                ?? new Dictionary<string, string?>(StringComparer.Ordinal);
            tally.Compare(at + " environment names", Sorted(service.Environment.Select(e => e.Name)), Sorted(dockerEnvironment.Keys));
            foreach (var variable in service.Environment)
            {
                if (!dockerEnvironment.TryGetValue(variable.Name, out var value)) continue;
                tally.Compare(at + " environment " + variable.Name, variable.Value?.Text, value);
            }
        }
    }

    private static bool IsNull(YamlScalarNode s) => s.Style == ScalarStyle.Plain && (s.Value is null or "" or "null" or "~");

    private static string Sorted(IEnumerable<string> items) => string.Join(",", items.OrderBy(i => i, StringComparer.Ordinal));

    private static YamlNode? Child(YamlNode? node, string key)
        => node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static YamlNode? LoadYaml(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }
}
