using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Tests.Infrastructure;
using Plimsoll.Tests.Syntax.Yaml;

namespace Plimsoll.Tests.Syntax.Compose;

public sealed class ComposeSchemaFixture
{
    /// <summary>The schema shipped in the tool (the same bytes as the shared copy: see <c>ShippedSchemaIsTheSharedOne</c>).</summary>
    public ComposeSchema Schema { get; } = ComposeSchema.Default!;
}

public class ComposeSchemaValidatorTests(ComposeSchemaFixture fixture) : IClassFixture<ComposeSchemaFixture>
{
    private IReadOnlyList<Diagnostic> Validate(string yaml)
    {
        var tree = YamlSyntaxTree.Parse(SourceText.From(yaml), "compose.yaml");
        Assert.Empty(tree.Diagnostics);
        return ComposeSchemaValidator.Validate(tree, fixture.Schema);
    }

    private static LinePosition At(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition;

    [Fact]
    public void ValidFileHasNoProblems()
    {
        var yaml = """
            name: demo
            x-common: &common
              restart: unless-stopped
            services:
              web:
                <<: *common
                image: nginx:1.27
                privileged: false
                ports: ["8080:80", 443, {target: 80, published: "8081"}]
                environment:
                  A: "1"
                  B:
                cap_add: [NET_ADMIN]
                x-anything: {whatever: [1, 2]}
                depends_on:
                  db: {condition: service_healthy}
              db:
                image: postgres
                cgroup: !reset
            networks:
              back: {driver: bridge, external: false}
            """;
        Assert.Empty(Validate(yaml));
    }

    [Fact]
    public void AFileTooLargeForTheNodeBudgetSaysSoWithoutBlamingAliases()
    {
        var yaml = "services:\n  web:\n    image: nginx\n    labels:\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"      k{i}: v\n"));
        var tree = YamlSyntaxTree.Parse(SourceText.From(yaml), "compose.yaml");
        var diagnostic = Assert.Single(ComposeSchemaValidator.Validate(tree, fixture.Schema, new YamlAliasBudget(100)));
        Assert.Equal("Schema validation stopped after 100 nodes: the file, with its aliases expanded, is too large to check against the schema.", diagnostic.GetMessage());
        Assert.Empty(ComposeSchemaValidator.Validate(tree, fixture.Schema));
    }

    [Fact]
    public void UnknownKeyIsReportedAtTheKey()
    {
        var diagnostic = Assert.Single(Validate("services:\n  web:\n    imag: nginx\n"));
        Assert.Equal("PL9002", diagnostic.Id);
        Assert.Equal("Unknown key 'imag' in services.web.", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(2, 4), At(diagnostic));
        Assert.Equal(4, diagnostic.Location.SourceSpan.Length);
    }

    [Fact]
    public void UnknownTopLevelKeyIsReported()
    {
        var diagnostic = Assert.Single(Validate("giversion: '3.1'\nservices:\n  web:\n    image: nginx\n"));
        Assert.Equal("Unknown key 'giversion' at the top level.", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(0, 0), At(diagnostic));
    }

    [Fact]
    public void WrongTypeIsReportedAtTheKey()
    {
        var diagnostic = Assert.Single(Validate("services:\n  web:\n    image: nginx\n    privileged: [true]\n"));
        Assert.Equal("'services.web.privileged' must be a boolean or a string, not a list.", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(3, 4), At(diagnostic));
    }

    [Fact]
    public void AlternativesAreCheckedInsideTheMatchingBranch()
    {
        var problems = Validate("services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        publish: 8080\n      - true\n");
        Assert.Equal(2, problems.Count);
        Assert.Equal("Unknown key 'publish' in services.web.ports[0].", problems[0].GetMessage());
        Assert.Equal(new LinePosition(5, 8), At(problems[0]));
        Assert.Equal("'services.web.ports[1]' must be a number, a string or a mapping, not a boolean.", problems[1].GetMessage());
        Assert.Equal(new LinePosition(6, 8), At(problems[1]));
    }

    [Fact]
    public void EnumRequiredAndPatternAreChecked()
    {
        var problems = Validate("""
            services:
              web:
                image: nginx
                cgroup: shared
                pull_policy: sometimes
                depends_on:
                  db: {restart: true}
              db:
                image: postgres
            """);
        Assert.Equal(3, problems.Count);
        Assert.Equal("'services.web.cgroup' must be one of 'host', 'private', not 'shared'.", problems[0].GetMessage());
        Assert.Equal(new LinePosition(3, 4), At(problems[0]));
        Assert.Contains("pull_policy", problems[1].GetMessage());
        Assert.Equal("'services.web.depends_on.db' must have the key 'condition'.", problems[2].GetMessage());
        Assert.Equal(new LinePosition(6, 6), At(problems[2]));
    }

    [Fact]
    public void AProblemInAListAfterAResetItemIsReportedAtItsItem()
    {
        // Compose removes the !reset item: the value the schema judges is ports[0] of the JSON, the second item of the YAML.
        var diagnostic = Assert.Single(Validate("services:\n  web:\n    image: nginx\n    ports:\n      - !reset 80\n      - true\n"));
        Assert.Equal("'services.web.ports[0]' must be a number, a string or a mapping, not a boolean.", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(5, 8), At(diagnostic));
    }

    [Fact]
    public void MergedKeysAreCheckedWhereTheyWereWritten()
    {
        var diagnostic = Assert.Single(Validate("x-base: &base\n  imagee: nginx\nservices:\n  web:\n    <<: *base\n"));
        Assert.Equal("Unknown key 'imagee' in services.web.", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(1, 2), At(diagnostic));
    }

    [Fact]
    public void LegacyVersion1FileGetsOneClearMessage()
    {
        var diagnostic = Assert.Single(Validate("web:\n  image: nginx\ndb:\n  build: .\n"));
        Assert.Contains("Legacy Compose file format (version 1)", diagnostic.GetMessage());
        Assert.Equal(new LinePosition(0, 0), At(diagnostic));
    }

    [Fact]
    public void BillionLaughsStaysBounded()
    {
        var yaml = "x-lol: " + YamlSyntaxTreeTests.BillionLaughs(10, 10).Replace("\n", "\n  ").Insert(0, "\n  ") + "\nservices:\n  web:\n    image: nginx\n";
        var tree = YamlSyntaxTree.Parse(SourceText.From(yaml), "lol.yml");
        Assert.Contains(tree.Diagnostics, d => d.GetMessage().Contains("alias"));
        ComposeSchemaValidator.Validate(tree, fixture.Schema); // x- content is not checked: it must simply finish
        var services = string.Concat(Enumerable.Range(0, 30).Select(i => "  s" + i + ": {<<: *a}\n"));
        var merged = "x-a: &a {image: nginx, restart: always, cap_add: [A, B, C], dns: [d, e]}\nservices:\n" + services;
        var problems = ComposeSchemaValidator.Validate(YamlSyntaxTree.Parse(SourceText.From(merged), "x.yml"), fixture.Schema, new YamlAliasBudget(50));
        Assert.Contains(problems, d => d.GetMessage().Contains("stopped"));
    }

    /// <summary>
    /// The real corpus: every file validates except four, each checked by hand: a typo ('giversion'), two
    /// version 1 files, and a template with template syntax in it.
    /// </summary>
    [Fact]
    public void CorpusFilesValidateExceptKnownBadOnes()
    {
        var flagged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in YamlTestFiles.ComposeFiles)
        {
            var tree = YamlSyntaxTree.Parse(SourceText.From(File.ReadAllText(file)), file);
            var problems = ComposeSchemaValidator.Validate(tree, fixture.Schema);
            if (problems.Length > 0) flagged[Path.GetFileName(file)] = problems[0].GetMessage();
        }
        Assert.Equal(
            new[]
            {
                "geonetwork+docker-geonetwork__4.2.10__docker-compose.monitoring.yml",
                "percona+percona-docker__percona-server-5.6__docker-compose.yml",
                "phpmyadmin+docker__docker-compose.yml",
                "xwiki-contrib+docker-xwiki__template__docker-compose.yml",
            },
            flagged.Keys);
        Assert.Equal("Unknown key 'giversion' at the top level.", flagged["geonetwork+docker-geonetwork__4.2.10__docker-compose.monitoring.yml"]);
        Assert.StartsWith("Legacy Compose file format", flagged["percona+percona-docker__percona-server-5.6__docker-compose.yml"]);
        Assert.StartsWith("Legacy Compose file format", flagged["phpmyadmin+docker__docker-compose.yml"]);
        Assert.Contains("<% if", flagged["xwiki-contrib+docker-xwiki__template__docker-compose.yml"]);
    }
}

public class ComposeSchemaLibraryTests
{
    private static IReadOnlyList<Diagnostic> Validate(string yaml, ComposeSchema schema)
        => ComposeSchemaValidator.Validate(YamlSyntaxTree.Parse(SourceText.From(yaml), "compose.yaml"), schema);

    [Fact]
    public void ShippedSchemaIsTheSharedOne()
    {
        using var stream = typeof(ComposeSchema).Assembly.GetManifestResourceStream("Plimsoll.compose-spec.json");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream!);
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.Schemas, "compose-spec.json")), reader.ReadToEnd());
        Assert.True(ComposeSchema.IsSupported);
    }

    [Fact]
    public void CatastrophicPatternStopsWithALocatedProblem()
    {
        var schema = ComposeSchema.Parse("""
            {"type": "object", "properties": {"services": {"type": "object", "additionalProperties": {
              "type": "object", "properties": {"image": {"type": "string", "pattern": "^(a+)+$"}}}}}}
            """);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var problem = Assert.Single(Validate("services:\n  web:\n    image: " + new string('a', 40) + "b\n", schema));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.Equal("PL9002", problem.Id);
        Assert.Contains("pattern '^(a+)+$' took longer than", problem.GetMessage());
        Assert.Contains("services.web.image", problem.GetMessage());
        Assert.Equal(new LinePosition(2, 4), problem.Location.GetLineSpan().StartLinePosition);
    }

    [Fact]
    public void CatastrophicPatternPropertiesStopWithALocatedProblem()
    {
        var schema = ComposeSchema.Parse("""{"type": "object", "patternProperties": {"^(a|aa)+$": {"type": "string"}}}""");
        var problem = Assert.Single(Validate(new string('a', 60) + "!: 1\n", schema));
        Assert.Contains("took longer than", problem.GetMessage());
        Assert.Equal(new LinePosition(0, 0), problem.Location.GetLineSpan().StartLinePosition);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"type": "object", "pattern": "(unclosed"}""")]
    public void UnusableSchemasAreJsonExceptions(string json)
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => Validate("services: {}\n", ComposeSchema.Parse(json)));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void AFaultFoundOnlyWhileValidatingIsALocatedProblem()
    {
        var problem = Assert.Single(Validate("services: {}\n", ComposeSchema.Parse("""{"$ref": "#/definitions/missing"}""")));
        Assert.StartsWith("Schema validation stopped: the schema cannot be used:", problem.GetMessage());
    }

    [Fact]
    public void AUserSchemaReplacesTheShippedOne()
    {
        var schema = ComposeSchema.Parse("""{"type": "object", "required": ["name"], "properties": {"name": {"enum": ["demo"]}}}""");
        var problems = Validate("services:\n  web:\n    imag: nginx\n", schema);
        Assert.Equal("The file must have the key 'name'.", Assert.Single(problems).GetMessage());
        Assert.Equal("'name' must be one of 'demo', not 'other'.", Assert.Single(Validate("name: other\n", schema)).GetMessage());
    }
}
