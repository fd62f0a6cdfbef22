using System.Text.Json;
using Json.Schema;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Syntax.Compose;

/// <summary>
/// The shipped schema evaluates <c>properties</c> and <c>type</c> with Plimsoll's faster keywords
/// (<see cref="IndexedPropertiesKeyword"/>, <see cref="PassFailTypeKeyword"/>): their results must be the library's own,
/// in pass/fail and in full output, on every corpus file and on files that break the schema in many ways.
/// </summary>
public class SchemaKeywordEquivalenceTests(ComposeSchemaFixture fixture) : IClassFixture<ComposeSchemaFixture>
{
    private static readonly string[] Broken =
    [
        "services:\n  web:\n    imag: nginx\n",
        "services:\n  web:\n    image: [1, 2]\n    ports: {a: b}\n    environment: 3\n",
        "services:\n  web:\n    build: {context: ., args: [1, {x: y}]}\n    deploy: {replicas: '2', resources: {limits: {cpus: [1]}}}\n",
        "services:\n  web:\n    healthcheck: {test: 5, interval: []}\n    depends_on: {db: {condition: nope}}\n  db: 7\n",
        "version: 3\nservices: []\nnetworks: {a: {driver_opts: {x: [1]}}}\nvolumes: 1\nsecrets: {s: {file: 1, external: maybe}}\n",
        "services:\n  web:\n    image: nginx\n    ulimits: {nofile: {soft: x, hard: 1.5}}\n    cpus: true\n    mem_limit: {a: 1}\n",
        "services:\n  web:\n    image: nginx\n    cpu_count: 1.0e+20\n    oom_score_adj: 2.5\n    cpu_percent: '50'\n",
        "services:\n  web:\n    image: nginx\n    image: alpine\n    x-a: 1\n    logging: {driver: 1, options: {a: [1]}}\n",
    ];

    public static IEnumerable<object[]> CorpusFiles()
        => Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "compose")).Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void CorpusFileEvaluatesAsWithTheLibrarysKeywords(string name)
        => AssertSameResults(File.ReadAllText(Path.Combine(TestPaths.Corpus, "compose", name)));

    [Fact]
    public void BrokenFilesEvaluateAsWithTheLibrarysKeywords()
    {
        foreach (var yaml in Broken) AssertSameResults(yaml);
    }

    [Theory]
    [InlineData("integer", "1e20", true)] // a number without a fraction is an integer
    [InlineData("integer", "1.5", false)]
    [InlineData("integer", "3", true)]
    [InlineData("number", "3", true)] // an integer is a number
    [InlineData("[\"string\", \"null\"]", "null", true)]
    [InlineData("[\"string\", \"null\"]", "{}", false)]
    [InlineData("boolean", "\"true\"", false)]
    public void TypeIsJudgedAsTheLibraryJudgesIt(string type, string json, bool valid)
    {
        var schemaJson = "{\"type\": " + (type.StartsWith('[') ? type : "\"" + type + "\"") + "}";
        var ours = ComposeSchema.Parse(schemaJson).Schema;
        var library = JsonSchema.Build(JsonDocument.Parse(schemaJson).RootElement, new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = new SchemaRegistry() });
        var instance = JsonDocument.Parse(json).RootElement;
        foreach (var format in new[] { OutputFormat.Flag, OutputFormat.Hierarchical })
        {
            Assert.Equal(valid, ours.Evaluate(instance, new EvaluationOptions { OutputFormat = format }).IsValid);
            Assert.Equal(valid, library.Evaluate(instance, new EvaluationOptions { OutputFormat = format }).IsValid);
        }
    }

    [Theory]
    [InlineData("""{"a": 1, "a": "x"}""")]
    [InlineData("""{"a": "x", "a": 1}""")]
    public void A_repeated_member_is_read_as_the_library_reads_it(string json)
    {
        // Compose instances never repeat a key (the YAML conversion keeps one), but a JSON instance may.
        const string SchemaJson = """{"$id": "https://plimsoll.test/repeated", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}""";
        var ours = ComposeSchema.Parse(SchemaJson).Schema;
        var library = JsonSchema.Build(JsonDocument.Parse(SchemaJson).RootElement, new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = new SchemaRegistry() });
        var instance = JsonDocument.Parse(json).RootElement;
        var options = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical };
        Assert.Equal(JsonSerializer.Serialize(library.Evaluate(instance, options)), JsonSerializer.Serialize(ours.Evaluate(instance, options)));
    }

    [Fact]
    public void UnevaluatedPropertiesStillSeesWhatPropertiesEvaluated()
    {
        // A draft 2020-12 schema of the user's: unevaluatedProperties reads the annotation of properties.
        var schema = ComposeSchema.Parse("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"services": {"type": "object"}, "name": {"type": "string"}}, "unevaluatedProperties": false}
            """);
        var instance = Instance("services: {}\nname: x\nextra: 1\n");
        var results = schema.Schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        Assert.False(results.IsValid);
        Assert.True(schema.Schema.Evaluate(Instance("services: {}\nname: x\n"), new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid);
        Assert.False(schema.Schema.Evaluate(Instance("services: {}\nname: 1\n"), new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid);
    }

    private void AssertSameResults(string yaml)
    {
        var instance = Instance(yaml);
        foreach (var format in new[] { OutputFormat.Flag, OutputFormat.Hierarchical, OutputFormat.List })
        {
            var options = new EvaluationOptions { OutputFormat = format };
            var ours = fixture.Schema.Schema.Evaluate(instance, options);
            var library = LibrarySchema.Value.Evaluate(instance, options);
            Assert.Equal(library.IsValid, ours.IsValid);
            if (format != OutputFormat.Flag) Assert.Equal(JsonSerializer.Serialize(library), JsonSerializer.Serialize(ours));
        }
    }

    private static JsonElement Instance(string yaml)
    {
        var tree = YamlSyntaxTree.Parse(SourceText.From(yaml), "compose.yaml");
        return ComposeSchemaInstance.Convert(tree.Root!, new YamlAliasBudget()).Root;
    }

    // The same schema built with JsonSchema.Net's standard keywords only.
    private static readonly Lazy<JsonSchema> LibrarySchema = new(() =>
    {
        var registry = new DialectRegistry();
        registry.Register(Dialect.Draft07);
        registry.Register(Dialect.Draft07.With([], new Uri("https://json-schema.org/draft-07/schema")));
        var json = File.ReadAllText(Path.Combine(TestPaths.SharedRoot, "schemas", "compose-spec.json"));
        return JsonSchema.Build(JsonDocument.Parse(json).RootElement, new BuildOptions { Dialect = Dialect.Draft07, DialectRegistry = registry, SchemaRegistry = new SchemaRegistry() });
    });
}
