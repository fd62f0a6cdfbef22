using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Tests.Infrastructure;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Plimsoll.Tests.Semantics.Compose.Interpolation;

/// <summary>
/// Compares the <see cref="InterpolationDialect.Stack"/> interpolator with the real <c>docker stack config</c>, which
/// prints a stack file after interpolation. docker and the interpolator get the same environment, nothing else.
/// </summary>
[Trait("Tier", "Slow")]
public sealed class DockerStackOracleTests
{
    // Hand-written values: every operator, set/empty/unset, nesting (which docker does not do), $$, and bad syntax.
    private static readonly string[] Snippets =
    {
        "plain", "$$", "$$HOME", "a$$$$b", "$$${SET}", "$SET", "${SET}", "x${SET}y", "$SET-suffix", "$SET:x", "$SETx", "$EMPTY",
        "${UNSET}", "${EMPTY}", "$UNSET", "${SET:-d}", "${EMPTY:-d}", "${UNSET:-d}", "${SET-d}", "${EMPTY-d}", "${UNSET-d}",
        "${UNSET:-}", "${UNSET-}", "${SET:?boom}", "${EMPTY:?boom}", "${UNSET:?boom}", "${SET?boom}", "${EMPTY?boom}", "${UNSET?boom}",
        "${UNSET:?}", "${SET:+alt}", "${EMPTY:+alt}", "${UNSET:+alt}", "${SET+alt}", "${UNSET+alt}",
        "${UNSET:-${SET:-x}}", "${UNSET:-${NOPE:-x}}", "${SET:-${UNSET:?no}}", "${UNSET:-a}b}", "${SET:?must-be-set}", "${UNSET:?must-be-set}",
        "${UNSET-x:-y}", "${UNSET?x:-y}", "${UNSET:-x?y}", "${UNSET:-a:-b}", "$UNSET:-dflt", "$UNSET-dflt}rest", "${_u}", "${lower}",
        "${", "${}", "$", "a$", "$-x", "${ SET}", "${SET", "${SET:}", "${SET:x}", "${1A}", "$1A", "${A.B}", "${é}", "$é", "${SET}}",
        "${SET:-${}", "price: 5$", "${UNSET:-multi\nline}", "tab\t${SET}\"quoted\"\\",
    };

    private readonly ITestOutputHelper output;
    private readonly string work = TempDirectory.Create();

    public DockerStackOracleTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private sealed record Outcome(string Source, string Environment, string Value, string? DockerText, string? DockerError, InterpolatedValue Mine)
    {
        public bool Agrees => DockerError is null
            ? Mine.Error is null && Mine.Text == DockerText
            : Mine.Error is not null && DockerError.Contains("required variable") == Mine.Error.StartsWith("required variable", StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task Stack_dialect_agrees_with_docker_on_every_value_of_the_snippets_and_the_corpus()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int runsBefore = DockerCli.Runs;
        var sources = CorpusFilesWithDollar().Select(f => (Name: Path.GetFileName(f), Values: DollarValues(File.ReadAllText(f)))).ToList();
        sources.Add(("snippets", Snippets.ToList()));
        var environments = Environments(sources.SelectMany(s => s.Values).Concat(new[] { "$SET $EMPTY" }));

        var probes = new List<Task<List<Outcome>>>();
        foreach (var (name, values) in sources.Where(s => s.Values.Count > 0))
        {
            // Small probes: every value docker rejects costs one more run of its probe, and probes run in parallel.
            foreach (var chunk in values.Chunk(12))
            {
                foreach (var (envName, env) in environments) probes.Add(ProbeAsync(name, chunk.ToList(), envName, env));
            }
        }
        var outcomes = (await Task.WhenAll(probes)).SelectMany(o => o).ToList();

        var disagreements = outcomes.Where(o => !o.Agrees).ToList();
        // The compose dialect is not docker stack's: where they differ is listed (nesting, "+", the stack quirks), not asserted.
        var composeDialectDiffers = outcomes
            .Select(o => o with { Mine = new ComposeInterpolator(ComposeVariables.FromEnvironment(environments.First(e => e.Name == o.Environment).Env)).Interpolate(o.Value) })
            .Where(o => !o.Agrees)
            .ToList();
        int composeDialectAgrees = outcomes.Count - composeDialectDiffers.Count;
        foreach (var d in composeDialectDiffers.Select(d => Quote(d.Value)).Distinct()) output.WriteLine("compose dialect differs from docker stack on " + d);
        int rejected = outcomes.Count(o => o.DockerError is not null);
        output.WriteLine($"values compared: {outcomes.Count} ({sources.Sum(s => s.Values.Count)} distinct strings x {environments.Count} environments), " +
                         $"stack dialect agreeing: {outcomes.Count - disagreements.Count}, docker rejected: {rejected}; " +
                         $"compose dialect agreeing with docker stack: {composeDialectAgrees}; docker runs: {DockerCli.Runs - runsBefore} in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var d in disagreements.Take(40))
        {
            output.WriteLine($"DISAGREE {d.Source} [{d.Environment}] {Quote(d.Value)}: docker={(d.DockerError ?? Quote(d.DockerText!))} mine={(d.Mine.Error ?? Quote(d.Mine.Text))}");
        }
        Assert.True(outcomes.Count > 300, "too few values compared: " + outcomes.Count);
        Assert.True(rejected > 10, "the probes should include values docker rejects");
        Assert.Empty(disagreements.Select(d => $"{d.Source} [{d.Environment}] {Quote(d.Value)}: docker={(d.DockerError ?? Quote(d.DockerText!))} mine={(d.Mine.Error ?? Quote(d.Mine.Text))}"));
    }

    // Hand-written stack files: values in places whose printed form is known, and files docker rejects for interpolation.
    private static readonly (string Name, string Yaml)[] SnippetFiles =
    {
        ("mapped.yml",
            "services:\n  web:\n    image: \"${IMG:-nginx}:${TAG-latest}\"\n    command: [\"run\", \"$$HOME\", \"${SET}\", \"$SET-x\"]\n" +
            "    environment:\n      A: \"${UNSET}\"\n      B: \"${EMPTY:-dflt} ${EMPTY-keep}\"\n      C: \"${UNSET:-${SET}}\"\n" +
            "    labels:\n      - \"l1=${SET:?required}\"\n      - \"l2=${UNSET-x}\"\n    ports:\n      - \"${PORT:-8080}:80\"\n      - \"${TARGET:-9000}\"\n" +
            "    deploy:\n      replicas: ${REPLICAS:-2}\nvolumes:\n  data:\n    name: \"${VOLUME:-data}-${SET}\"\n"),
        ("required.yml", "services:\n  web:\n    image: nginx\n    environment:\n      - OK=${SET}\n      - NEED=${REQUIRED_VAR:?REQUIRED_VAR must be set}\n"),
        ("alternate.yml", "services:\n  web:\n    image: \"nginx:${SET:+latest}\"\n"),
        ("unterminated.yml", "services:\n  web:\n    image: nginx\n    command: [\"sh\", \"-c\", \"echo ${SET\"]\n"),
        ("dollar.yml", "services:\n  web:\n    image: nginx\n    healthcheck:\n      test: [\"CMD\", \"test\", \"$$HOME\", \"cost: 5$\"]\n"),
    };

    [DockerFact]
    public async Task Whole_files_map_to_the_values_docker_prints_and_rejections_are_explained()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var files = CorpusFilesWithDollar().ToList();
        foreach (var (name, yaml) in SnippetFiles)
        {
            string path = Path.Combine(work, name);
            File.WriteAllText(path, yaml);
            files.Add(path);
        }
        var environments = Environments(files.SelectMany(f => DollarValues(File.ReadAllText(f))));
        var runs = files.SelectMany(f => environments.Select(e => (File: f, e.Name, e.Env))).ToList();
        var results = await Task.WhenAll(runs.Select(async r => (Run: r, Result: await DockerCli.StackConfigAsync(r.File, r.Env))));

        int compared = 0, agreeing = 0;
        var problems = new List<string>();
        var interpolationRejections = new SortedSet<string>();
        var otherRejections = new SortedDictionary<string, string>();
        foreach (var (run, result) in results)
        {
            string name = Path.GetFileName(run.File) + " [" + run.Name + "]";
            var interpolator = new ComposeInterpolator(ComposeVariables.FromEnvironment(run.Env), InterpolationDialect.Stack);
            var input = LoadYaml(File.ReadAllText(run.File));
            if (result.ExitCode != 0)
            {
                string message = result.Stderr.Trim();
                var at = Regex.Match(message, @"^invalid interpolation format for ([^:]+): ");
                if (at.Success)
                {
                    // The offending value is at the path docker names ("[]" stands for any item of a list).
                    interpolationRejections.Add(name + " at " + at.Groups[1].Value);
                    var candidates = input is null ? new List<string>() : ValuesAt(input, at.Groups[1].Value.Split('.'), 0).ToList();
                    if (!candidates.Any(v => interpolator.Interpolate(v).HasError))
                    {
                        problems.Add($"{name}: docker rejects the value at {at.Groups[1].Value}, the interpolator reports no error for it: {message}");
                    }
                }
                else
                {
                    otherRejections[name] = message.Split('\n')[0];
                    // Rejected for something checked after interpolation: then no value may fail to interpolate on our side either.
                    if (RejectedBeforeInterpolation(message)) continue;
                    var failing = DollarValues(File.ReadAllText(run.File)).Where(v => interpolator.Interpolate(v).HasError).ToList();
                    if (failing.Count > 0) problems.Add($"{name}: docker rejects the file for '{otherRejections[name]}', yet the interpolator fails on {Quote(failing[0])}");
                }
                continue;
            }
            var printed = LoadYaml(result.Stdout);
            if (input is null || printed is null)
            {
                problems.Add($"{name}: YAML could not be loaded");
                continue;
            }
            foreach (var value in DollarValues(File.ReadAllText(run.File)))
            {
                var mine = interpolator.Interpolate(value);
                if (mine.HasError) problems.Add($"{name}: docker accepts the file, the interpolator fails on {Quote(value)}: {mine.Error}");
            }
            foreach (var (path, mine, docker) in MappedValues(input, printed, interpolator, ""))
            {
                compared++;
                if (mine == docker) agreeing++;
                else problems.Add($"{name} {path}: docker={Quote(docker)} mine={Quote(mine)}");
            }
        }

        output.WriteLine($"files: {files.Count} ({SnippetFiles.Length} hand-written), runs: {runs.Count}, mapped values compared: {compared}, agreeing: {agreeing}, in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var r in interpolationRejections) output.WriteLine("rejected for interpolation: " + r);
        foreach (var pair in otherRejections) output.WriteLine($"rejected for other reasons: {pair.Key}: {pair.Value}");
        foreach (var p in problems.Take(40)) output.WriteLine("PROBLEM " + p);
        Assert.True(compared > 50, "too few mapped values: " + compared);
        Assert.True(interpolationRejections.Count >= 4, "the hand-written files docker rejects for interpolation were not rejected");
        Assert.Empty(problems);
    }

    // docker checks these before it interpolates anything; schema, type and decoding errors come after.
    private static bool RejectedBeforeInterpolation(string message)
        => message.StartsWith("unsupported Compose file version", StringComparison.Ordinal)
           || message.StartsWith("yaml:", StringComparison.Ordinal)
           || message.StartsWith("Configuration contains forbidden properties", StringComparison.Ordinal);

    private static IEnumerable<string> ValuesAt(YamlNode node, string[] segments, int index)
    {
        if (index == segments.Length)
        {
            if (node is YamlScalarNode s && s.Value is not null) yield return s.Value;
            yield break;
        }
        string segment = segments[index];
        if (node is YamlSequenceNode sequence && segment == "[]")
        {
            foreach (var child in sequence.Children)
            {
                foreach (var v in ValuesAt(child, segments, index + 1)) yield return v;
            }
        }
        else if (node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(segment), out var value))
        {
            foreach (var v in ValuesAt(value, segments, index + 1)) yield return v;
        }
    }

    // ---- probes: each value becomes an environment entry of a one-service stack file ----

    private async Task<List<Outcome>> ProbeAsync(string source, List<string> values, string envName, IReadOnlyDictionary<string, string> env)
    {
        var interpolator = new ComposeInterpolator(ComposeVariables.FromEnvironment(env), InterpolationDialect.Stack);
        var remaining = Enumerable.Range(0, values.Count).ToList();
        var outcomes = new List<Outcome>();
        string file = Path.Combine(work, Guid.NewGuid().ToString("N") + ".yml");
        // Each failing run names one offending key; drop it and go on. Bounded by the number of values.
        for (int attempt = 0; attempt <= values.Count && remaining.Count > 0; attempt++)
        {
            var yaml = new StringBuilder("services:\n  probe:\n    image: probe\n    environment:\n");
            foreach (int i in remaining) yaml.Append("      PLIMSOLL_PROBE_").Append(i).Append(": ").Append(DoubleQuoted(values[i])).Append('\n');
            await File.WriteAllTextAsync(file, yaml.ToString(), new UTF8Encoding(false));
            var result = await DockerCli.StackConfigAsync(file, env);
            if (result.ExitCode == 0)
            {
                var root = LoadYaml(result.Stdout) as YamlMappingNode;
                var environment = ((root?["services"] as YamlMappingNode)?["probe"] as YamlMappingNode)?["environment"] as YamlMappingNode
                    ?? throw new InvalidOperationException("unexpected docker output: " + result.Stdout);
                foreach (int i in remaining)
                {
                    string? text = environment.Children.TryGetValue(new YamlScalarNode("PLIMSOLL_PROBE_" + i), out var node) ? ((YamlScalarNode)node).Value ?? "" : null;
                    outcomes.Add(new Outcome(source, envName, values[i], text ?? "<missing>", null, interpolator.Interpolate(values[i])));
                }
                return outcomes;
            }
            var match = Regex.Match(result.Stderr, @"services\.probe\.environment\.PLIMSOLL_PROBE_(\d+)");
            if (!match.Success) throw new InvalidOperationException("docker rejected the probe without naming a value: " + result.Stderr);
            int offender = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            outcomes.Add(new Outcome(source, envName, values[offender], null, result.Stderr.Trim(), interpolator.Interpolate(values[offender])));
            remaining.Remove(offender);
        }
        return outcomes;
    }

    // Unset, and a second environment where every referenced name is set, empty or unset in turn.
    private static List<(string Name, IReadOnlyDictionary<string, string> Env)> Environments(IEnumerable<string> values)
    {
        var names = values.SelectMany(v => Regex.Matches(v, @"\$\{?([A-Za-z_][A-Za-z0-9_]*)").Select(m => m.Groups[1].Value))
            .Concat(new[] { "SET", "EMPTY" }).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == "SET") set[names[i]] = "value";
            else if (names[i] == "EMPTY") set[names[i]] = "";
            else if (names[i] == "UNSET") continue;
            else if (i % 3 == 0) set[names[i]] = "v-" + names[i].ToLowerInvariant();
            else if (i % 3 == 1) set[names[i]] = "";
        }
        return new List<(string, IReadOnlyDictionary<string, string>)>
        {
            ("none", new Dictionary<string, string>()),
            ("mixed", set),
        };
    }

    // ---- whole files: values whose place in docker's output is known ----

    private static IEnumerable<(string Path, string Mine, string Docker)> MappedValues(YamlNode input, YamlNode printed, ComposeInterpolator interpolator, string path)
    {
        if (input is YamlScalarNode scalar && printed is YamlScalarNode printedScalar)
        {
            if (!ComposeInterpolator.MayInterpolate(scalar.Value)) yield break;
            string mine = Text(interpolator, scalar.Value!);
            // docker fills an empty environment entry from its own environment (by the entry's key): not interpolation, skip it.
            if (mine.Length == 0 && path.Contains(".environment.")) yield break;
            yield return (path, mine, printedScalar.Value ?? "");
            yield break;
        }
        if (input is YamlSequenceNode sequence && printed is YamlSequenceNode printedSequence)
        {
            string key = path.Substring(path.LastIndexOf('.') + 1);
            if (key == "ports")
            {
                foreach (var p in MappedPorts(sequence, printedSequence, interpolator, path)) yield return p;
                yield break;
            }
            if (sequence.Children.Count != printedSequence.Children.Count) yield break;
            for (int i = 0; i < sequence.Children.Count; i++)
            {
                foreach (var v in MappedValues(sequence.Children[i], printedSequence.Children[i], interpolator, path + "[" + i + "]")) yield return v;
            }
            yield break;
        }
        if (input is YamlSequenceNode list && printed is YamlMappingNode printedMap)
        {
            // environment, labels, ...: "KEY=value" items become a mapping; docker interpolates the whole item.
            foreach (var item in list.Children.OfType<YamlScalarNode>())
            {
                if (!ComposeInterpolator.MayInterpolate(item.Value)) continue;
                string text = Text(interpolator, item.Value!);
                int eq = text.IndexOf('=');
                if (eq <= 0) continue;
                if (printedMap.Children.TryGetValue(new YamlScalarNode(text.Substring(0, eq)), out var value) && value is YamlScalarNode s)
                {
                    yield return (path + "." + text.Substring(0, eq), text.Substring(eq + 1), s.Value ?? "");
                }
            }
            yield break;
        }
        if (input is YamlMappingNode mapping && printed is YamlMappingNode printedMapping)
        {
            foreach (var pair in mapping.Children)
            {
                if (pair.Key is not YamlScalarNode k || k.Value is null) continue;
                if (!printedMapping.Children.TryGetValue(new YamlScalarNode(k.Value), out var printedChild)) continue;
                foreach (var v in MappedValues(pair.Value, printedChild, interpolator, path.Length == 0 ? k.Value : path + "." + k.Value)) yield return v;
            }
        }
    }

    // Short port syntax "published:target[/protocol]" or "target" prints as a long-syntax mapping.
    private static IEnumerable<(string Path, string Mine, string Docker)> MappedPorts(YamlSequenceNode ports, YamlSequenceNode printed, ComposeInterpolator interpolator, string path)
    {
        if (ports.Children.Count != printed.Children.Count) yield break;
        for (int i = 0; i < ports.Children.Count; i++)
        {
            if (ports.Children[i] is not YamlScalarNode s || !ComposeInterpolator.MayInterpolate(s.Value) || printed.Children[i] is not YamlMappingNode long_) continue;
            var m = Regex.Match(Text(interpolator, s.Value!), @"^(?:(\d+):)?(\d+)(?:/(tcp|udp))?$");
            if (!m.Success) continue;
            string Field(string name) => long_.Children.TryGetValue(new YamlScalarNode(name), out var n) && n is YamlScalarNode v ? v.Value ?? "" : "";
            yield return (path + "[" + i + "].target", m.Groups[2].Value, Field("target"));
            if (m.Groups[1].Success) yield return (path + "[" + i + "].published", m.Groups[1].Value, Field("published"));
        }
    }

    private static string Text(ComposeInterpolator interpolator, string value)
    {
        var result = interpolator.Interpolate(value);
        return result.Error is null ? result.Text : "<error: " + result.Error + ">";
    }

    // ---- corpus ----

    private static IEnumerable<string> CorpusFilesWithDollar()
        => Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "compose"))
            .Where(f => File.ReadAllText(f).IndexOf('$') >= 0)
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Every scalar value (not key) with a '$', read from the YAML event stream so that files with duplicate keys still yield values.</summary>
    private static List<string> DollarValues(string yaml)
    {
        var values = new List<string>();
        var stack = new Stack<bool[]>(); // per open collection: { isMapping, expectingKey }
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext())
            {
                var e = parser.Current;
                bool isKey = stack.Count > 0 && stack.Peek()[0] && stack.Peek()[1];
                if (e is Scalar or MappingStart or SequenceStart or AnchorAlias)
                {
                    if (stack.Count > 0 && stack.Peek()[0]) stack.Peek()[1] = !stack.Peek()[1];
                }
                switch (e)
                {
                    case Scalar s when !isKey && s.Value.IndexOf('$') >= 0:
                        values.Add(s.Value);
                        break;
                    case MappingStart:
                        stack.Push(new[] { true, true });
                        break;
                    case SequenceStart:
                        stack.Push(new[] { false, false });
                        break;
                    case MappingEnd or SequenceEnd:
                        stack.Pop();
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // A file that is not YAML contributes the values read before the error.
        }
        return values.Distinct(StringComparer.Ordinal).ToList();
    }

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

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static string Quote(string s) => "'" + s.Replace("\n", "\\n").Replace("\t", "\\t") + "'";
}
