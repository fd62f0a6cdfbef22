using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>The shape and values of the log, read back as JSON. The real validators run in <see cref="SarifValidatorTests"/>.</summary>
public sealed class SarifLogWriterTests : IDisposable
{
    private readonly HandMadeSarifRun run = new();
    private readonly JsonDocument log;
    private readonly JsonElement sarifRun;

    public SarifLogWriterTests()
    {
        log = JsonDocument.Parse(SarifLogWriter.WriteToBytes(run.Input));
        sarifRun = log.RootElement.GetProperty("runs")[0];
    }

    public void Dispose()
    {
        log.Dispose();
        run.Dispose();
    }

    private JsonElement[] Results => sarifRun.GetProperty("results").EnumerateArray().ToArray();

    private JsonElement ResultFor(Diagnostic diagnostic) => Results[run.Input.Diagnostics.ToList().IndexOf(diagnostic)];

    private static JsonElement Region(JsonElement result) => result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");

    private static string? Str(JsonElement element, string name) => element.TryGetProperty(name, out var v) ? v.GetString() : null;

    [Fact]
    public void Header_tool_and_column_kind()
    {
        var root = log.RootElement;
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", Str(root, "$schema"));
        Assert.Equal("2.1.0", Str(root, "version"));
        Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = sarifRun.GetProperty("tool").GetProperty("driver");
        Assert.Equal("Plimsoll", Str(driver, "name"));
        Assert.Equal("0.1.0", Str(driver, "semanticVersion"));
        Assert.StartsWith("https://", Str(driver, "informationUri"));
        Assert.Equal("utf16CodeUnits", Str(sarifRun, "columnKind"));
    }

    [Fact]
    public void A_result_names_the_peer_rules_its_finding_corresponds_to()
    {
        var peerRules = ResultFor(run.Attributed).GetProperty("properties").GetProperty("peerRules");
        Assert.Equal(new[] { "CL-0004" }, peerRules.GetProperty("composeLint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "service-image-require-explicit-tag" }, peerRules.GetProperty("dclint").EnumerateArray().Select(e => e.GetString()));
        // Findings without attribution carry no result properties at all.
        Assert.False(ResultFor(run.Unpinned).TryGetProperty("properties", out _));
    }

    [Fact]
    public void Rules_carry_descriptor_help_and_code_scanning_properties()
    {
        var rules = sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(new[] { "PL1001", "PL1003", "PL2001", "PL9901" }, rules.Select(r => Str(r, "id")));

        var pinned = rules[0];
        var descriptor = SarifTestRules.UnpinnedBaseImage;
        var metadata = SarifTestRules.All[0];
        Assert.Equal("BaseImageNotPinnedByDigest", Str(pinned, "name"));
        Assert.Equal(descriptor.Title.ToString(), Str(pinned.GetProperty("shortDescription"), "text"));
        Assert.Equal(descriptor.Description.ToString(), Str(pinned.GetProperty("fullDescription"), "text"));
        Assert.Equal(metadata.HelpText, Str(pinned.GetProperty("help"), "text"));
        Assert.Equal(metadata.HelpMarkdown, Str(pinned.GetProperty("help"), "markdown"));
        Assert.Equal(descriptor.HelpLinkUri, Str(pinned, "helpUri"));
        Assert.Equal("warning", Str(pinned.GetProperty("defaultConfiguration"), "level"));
        var properties = pinned.GetProperty("properties");
        Assert.Equal(descriptor.CustomTags, properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("5.3", Str(properties, "security-severity"));
        Assert.Equal("very-high", Str(properties, "precision"));
        Assert.Equal("warning", Str(properties, "problem.severity"));
        Assert.Equal("Security", Str(properties, "category"));

        // A given name wins over the title; help text falls back to the description; no security-severity when not given.
        Assert.Equal("ComposeImageUnpinned", Str(rules[2], "name"));
        Assert.Equal("error", Str(rules[2].GetProperty("defaultConfiguration"), "level"));
        Assert.Equal(SarifTestRules.AddInsteadOfCopy.Description.ToString(), Str(rules[1].GetProperty("help"), "text"));
        Assert.False(rules[1].GetProperty("properties").TryGetProperty("security-severity", out _));
        Assert.Equal("note", Str(rules[1].GetProperty("defaultConfiguration"), "level"));

        // A rule that only a diagnostic names is listed from its descriptor, with its defaults.
        Assert.Equal("HiddenDiagnosticForTesting", Str(rules[3], "name"));
        Assert.Equal("none", Str(rules[3].GetProperty("defaultConfiguration"), "level"));
        Assert.False(rules[3].GetProperty("defaultConfiguration").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public void Results_point_at_their_rule_and_map_the_effective_severity()
    {
        var rules = sarifRun.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var diagnostics = run.Input.Diagnostics;
        Assert.Equal(diagnostics.Count, Results.Length);
        for (int i = 0; i < diagnostics.Count; i++)
        {
            var result = Results[i];
            Assert.Equal(diagnostics[i].Id, Str(result, "ruleId"));
            Assert.Equal(diagnostics[i].Id, Str(rules[result.GetProperty("ruleIndex").GetInt32()], "id"));
            string expectedLevel = diagnostics[i].Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                DiagnosticSeverity.Info => "note",
                _ => "none",
            };
            Assert.Equal(expectedLevel, Str(result, "level"));
            Assert.Equal(diagnostics[i].GetMessage(), Str(result.GetProperty("message"), "text"));
        }
        Assert.Equal("Pin 'alpine:latest' to a digest so that rebuilds use the same image", Str(ResultFor(run.Unpinned).GetProperty("message"), "text"));
    }

    [Fact]
    public void Regions_agree_with_the_file_text_for_every_result()
    {
        // An independent line map (CR, LF, CRLF) over the file text: each region's lines and columns must
        // describe exactly the characters charOffset/charLength name, and the snippet must be those characters.
        var texts = new Dictionary<string, string>
        {
            ["Dockerfile"] = HandMadeSarifRun.DockerfileText,
            ["compose.yaml"] = HandMadeSarifRun.ComposeText,
        };
        foreach (var result in Results)
        {
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            string uri = Str(physical.GetProperty("artifactLocation"), "uri")!;
            string text = uri.EndsWith("compose.yaml", StringComparison.Ordinal) ? HandMadeSarifRun.ComposeText
                : uri.StartsWith("file:", StringComparison.Ordinal) ? HandMadeSarifRun.OutsideText : HandMadeSarifRun.DockerfileText;
            var region = physical.GetProperty("region");
            int offset = region.GetProperty("charOffset").GetInt32();
            int length = region.GetProperty("charLength").GetInt32();
            var (startLine, startColumn) = LineAndColumn(text, offset);
            var (endLine, endColumn) = LineAndColumn(text, offset + length);
            Assert.Equal(startLine, region.GetProperty("startLine").GetInt32());
            Assert.Equal(startColumn, region.GetProperty("startColumn").GetInt32());
            Assert.Equal(endLine, region.GetProperty("endLine").GetInt32());
            Assert.Equal(endColumn, region.GetProperty("endColumn").GetInt32());
            Assert.Equal(text.Substring(offset, length), Str(region.GetProperty("snippet"), "text"));
        }
    }

    [Fact]
    public void Multi_line_unicode_and_end_of_file_regions()
    {
        var multi = Region(ResultFor(run.MultiLine));
        Assert.Equal((4, 1, 6, 10), (multi.GetProperty("startLine").GetInt32(), multi.GetProperty("startColumn").GetInt32(), multi.GetProperty("endLine").GetInt32(), multi.GetProperty("endColumn").GetInt32()));
        Assert.Equal("RUN apk add --no-cache \\\r\n      curl \\\r\n      git", Str(multi.GetProperty("snippet"), "text"));

        // The emoji is two UTF-16 code units: the end column counts both.
        var unicode = Region(ResultFor(run.Unicode));
        Assert.Equal(3, unicode.GetProperty("startLine").GetInt32());
        Assert.Equal("LABEL maintainer=\"".Length + 1, unicode.GetProperty("startColumn").GetInt32());
        Assert.Equal("LABEL maintainer=\"Zoë 🐳 Ünïcode".Length + 1, unicode.GetProperty("endColumn").GetInt32());
        Assert.Equal("Zoë 🐳 Ünïcode", Str(unicode.GetProperty("snippet"), "text"));

        // After the final CRLF: the empty ninth line; without a final line break: the end of the seventh.
        var endOfDockerfile = Region(ResultFor(run.EndOfDockerfile));
        Assert.Equal((9, 1, 9, 1, 0), (endOfDockerfile.GetProperty("startLine").GetInt32(), endOfDockerfile.GetProperty("startColumn").GetInt32(),
            endOfDockerfile.GetProperty("endLine").GetInt32(), endOfDockerfile.GetProperty("endColumn").GetInt32(), endOfDockerfile.GetProperty("charLength").GetInt32()));
        Assert.Equal("", Str(endOfDockerfile.GetProperty("snippet"), "text"));
        var endOfCompose = Region(ResultFor(run.EndOfCompose));
        Assert.Equal(7, endOfCompose.GetProperty("startLine").GetInt32());
        Assert.Equal("      POSTGRES_PASSWORD: example".Length + 1, endOfCompose.GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void Paths_inside_the_root_are_relative_to_SRCROOT_and_outside_absolute()
    {
        var baseIds = sarifRun.GetProperty("originalUriBaseIds");
        string rootUri = Str(baseIds.GetProperty("%SRCROOT%"), "uri")!;
        Assert.Equal(new Uri(run.RepositoryRoot + Path.DirectorySeparatorChar).AbsoluteUri, rootUri);
        Assert.EndsWith("/", rootUri);

        var dockerfile = ResultFor(run.Unpinned).GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("%C3%BCn%C3%AF%20c%C3%B4de/Dockerfile", Str(dockerfile, "uri"));
        Assert.Equal("%SRCROOT%", Str(dockerfile, "uriBaseId"));
        // System.Uri, resolving it against the base, finds the file again.
        Assert.Equal(run.DockerfilePath, new Uri(new Uri(rootUri), Str(dockerfile, "uri")).LocalPath);

        var outside = ResultFor(run.OutsideRoot).GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.False(outside.TryGetProperty("uriBaseId", out _));
        Assert.Equal(run.OutsidePath, new Uri(Str(outside, "uri")!).LocalPath);
        Assert.Equal(new Uri(run.OutsidePath).AbsoluteUri, Str(outside, "uri"));
    }

    [Fact]
    public void Version_control_provenance_maps_the_commit_to_SRCROOT()
    {
        Assert.False(sarifRun.TryGetProperty("versionControlProvenance", out _));

        var withCommit = new SarifRunInput("0.1.0")
        {
            Diagnostics = new[] { run.Unpinned },
            RepositoryRoot = run.RepositoryRoot,
            VersionControl = new SarifVersionControl("https://github.com/plimsoll-lint/plimsoll", "0123456789abcdef0123456789abcdef01234567", "refs/heads/main"),
        };
        using var document = JsonDocument.Parse(SarifLogWriter.WriteToBytes(withCommit));
        var provenance = document.RootElement.GetProperty("runs")[0].GetProperty("versionControlProvenance").EnumerateArray().Single();
        Assert.Equal("https://github.com/plimsoll-lint/plimsoll", Str(provenance, "repositoryUri"));
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", Str(provenance, "revisionId"));
        Assert.Equal("refs/heads/main", Str(provenance, "branch"));
        Assert.Equal("%SRCROOT%", Str(provenance.GetProperty("mappedTo"), "uriBaseId"));
    }

    [Fact]
    public void Artifacts_list_each_file_once_and_indexes_match()
    {
        var artifacts = sarifRun.GetProperty("artifacts").EnumerateArray().Select(a => Str(a.GetProperty("location"), "uri")).ToArray();
        Assert.Equal(artifacts.Length, artifacts.Distinct().Count());
        Assert.Equal(4, artifacts.Length); // Dockerfile, compose, outside, missing (notification)
        foreach (var location in Descendants(log.RootElement).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("index", out _) && e.TryGetProperty("uri", out _)))
        {
            Assert.Equal(artifacts[location.GetProperty("index").GetInt32()], Str(location, "uri"));
        }
    }

    [Fact]
    public void Suppressions_say_where_and_why()
    {
        var inSource = ResultFor(run.MultiLine).GetProperty("suppressions").EnumerateArray().Single();
        Assert.Equal("inSource", Str(inSource, "kind"));
        Assert.Equal("Packages are pinned by the base image's index.", Str(inSource, "justification"));

        var baseline = ResultFor(run.AddToCopy).GetProperty("suppressions").EnumerateArray().Single();
        Assert.Equal("external", Str(baseline, "kind"));
        Assert.False(baseline.TryGetProperty("justification", out _));

        Assert.False(ResultFor(run.Unpinned).TryGetProperty("suppressions", out _));
        Assert.Equal(run.MultiLine.GetMessage(), Str(ResultFor(run.MultiLine).GetProperty("message"), "text"));
    }

    [Fact]
    public void Fixes_group_replacements_by_file()
    {
        var pin = ResultFor(run.Unpinned).GetProperty("fixes").EnumerateArray().Single();
        Assert.Equal("Pin the tag.", Str(pin.GetProperty("description"), "text"));
        var change = pin.GetProperty("artifactChanges").EnumerateArray().Single();
        var replacement = change.GetProperty("replacements").EnumerateArray().Single();
        var deleted = replacement.GetProperty("deletedRegion");
        int latest = HandMadeSarifRun.DockerfileText.IndexOf("latest", StringComparison.Ordinal);
        Assert.Equal(latest, deleted.GetProperty("charOffset").GetInt32());
        Assert.Equal(6, deleted.GetProperty("charLength").GetInt32());
        Assert.Equal((2, "FROM alpine:".Length + 1, 2, "FROM alpine:latest".Length + 1),
            (deleted.GetProperty("startLine").GetInt32(), deleted.GetProperty("startColumn").GetInt32(), deleted.GetProperty("endLine").GetInt32(), deleted.GetProperty("endColumn").GetInt32()));
        Assert.Equal("3.19", Str(replacement.GetProperty("insertedContent"), "text"));

        var twoFiles = ResultFor(run.AddToCopy).GetProperty("fixes")[0].GetProperty("artifactChanges").EnumerateArray().ToArray();
        Assert.Equal(2, twoFiles.Length);
        Assert.EndsWith("/Dockerfile", Str(twoFiles[0].GetProperty("artifactLocation"), "uri"));
        Assert.Equal(2, twoFiles[0].GetProperty("replacements").GetArrayLength());
        Assert.Equal("deploy/compose.yaml", Str(twoFiles[1].GetProperty("artifactLocation"), "uri"));
    }

    [Fact]
    public void Notifications_go_to_the_invocation()
    {
        var invocation = sarifRun.GetProperty("invocations").EnumerateArray().Single();
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notifications = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().ToArray();
        Assert.Equal(new[] { "error", "note", "warning" }, notifications.Select(n => Str(n, "level")));
        Assert.Equal("missing/Dockerfile", Str(notifications[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation"), "uri"));
        Assert.False(notifications[1].TryGetProperty("locations", out _));

        var quiet = JsonDocument.Parse(SarifLogWriter.WriteToBytes(new SarifRunInput("1.2.3")));
        var quietInvocation = quiet.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.True(quietInvocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.False(quietInvocation.TryGetProperty("toolExecutionNotifications", out _));
    }

    [Fact]
    public void Fingerprints_are_the_line_hashes_of_the_start_line()
    {
        var hashes = PrimaryLocationLineHash.ComputeAll(run.Dockerfile);
        Assert.Equal(hashes[1], Str(ResultFor(run.Unpinned).GetProperty("partialFingerprints"), "primaryLocationLineHash"));
        Assert.Equal(hashes[8], Str(ResultFor(run.EndOfDockerfile).GetProperty("partialFingerprints"), "primaryLocationLineHash"));
        Assert.All(Results, r => Assert.Matches("^[0-9a-f]{1,16}:[1-9][0-9]*$", Str(r.GetProperty("partialFingerprints"), "primaryLocationLineHash")));
    }

    [Fact]
    public void Same_input_gives_the_same_bytes_through_stream_and_buffer_writer()
    {
        byte[] first = SarifLogWriter.WriteToBytes(run.Input);
        byte[] second = SarifLogWriter.WriteToBytes(run.Input);
        var buffer = new ArrayBufferWriter<byte>();
        SarifLogWriter.Write(buffer, run.Input);
        Assert.Equal(first, second);
        Assert.Equal(first, buffer.WrittenSpan.ToArray());
        // Non-ASCII text of the basic plane is written as itself (the encoder still escapes surrogate pairs).
        Assert.Contains("Zoë ", Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void Without_text_there_are_no_snippets_or_fingerprints_but_positions_remain()
    {
        var input = new SarifRunInput("0.1.0") { Rules = SarifTestRules.All, Diagnostics = run.Input.Diagnostics, RepositoryRoot = run.RepositoryRoot };
        using var document = JsonDocument.Parse(SarifLogWriter.WriteToBytes(input));
        foreach (var result in document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            Assert.False(result.TryGetProperty("partialFingerprints", out _));
            var region = Region(result);
            Assert.False(region.TryGetProperty("snippet", out _));
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
        }
    }

    [Fact]
    public void Bad_input_is_written_not_thrown()
    {
        var text = SourceText.From("FROM x\n");
        var lone = new DiagnosticDescriptor("PL9902", "Lone surrogate", "Bad \ud800 text {0}", "Testing", DiagnosticSeverity.Warning, true);
        var input = new SarifRunInput("0.1.0")
        {
            Diagnostics = new[]
            {
                Diagnostic.Create(lone, Location.None, "\udc00"),
                // A span past the end of the text the reader returns (the file changed): no snippet, no crash.
                Diagnostic.Create(lone, Location.Create("/nowhere/Dockerfile", new TextSpan(100, 5), new LinePositionSpan(new LinePosition(9, 0), new LinePosition(9, 5))), "x"),
            },
            ReadText = path => path.Contains("nowhere") ? text : throw new IOException("unreadable"),
            Fixes = _ => new[]
            {
                new SarifFix("Nothing.", new[] { new SarifReplacement("/nowhere/Dockerfile", new TextSpan(100, 1), ""), null!, new SarifReplacement("", new TextSpan(0, 0), "x") }),
                new SarifFix("No edits.", Array.Empty<SarifReplacement>()),
            },
            RepositoryRoot = "relative/root",
        };
        using var document = JsonDocument.Parse(SarifLogWriter.WriteToBytes(input));
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.False(results[0].TryGetProperty("locations", out _));
        Assert.Equal("Bad \ufffd text \ufffd", Str(results[0].GetProperty("message"), "text"));
        Assert.False(Region(results[1]).TryGetProperty("snippet", out _));
        Assert.False(results[1].TryGetProperty("partialFingerprints", out _)); // line 10 of a 2-line text
        var deleted = results[1].GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0].GetProperty("deletedRegion");
        Assert.False(deleted.TryGetProperty("startLine", out _));
        Assert.Equal(100, deleted.GetProperty("charOffset").GetInt32());
        // Null and pathless edits are dropped, and a fix left with no edit is not written.
        Assert.Equal(1, results[1].GetProperty("fixes").GetArrayLength());
        Assert.Equal(1, results[1].GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements").GetArrayLength());
    }

    [Fact]
    public void Very_long_regions_get_no_snippet()
    {
        string content = "RUN <<EOF\n" + new string('x', SarifLogWriter.MaxSnippetLength) + "\n";
        var text = SourceText.From(content);
        var descriptor = SarifTestRules.UnpinnedBaseImage;
        var input = new SarifRunInput("0.1.0")
        {
            Diagnostics = new[]
            {
                PlimsollDiagnostic.Create(descriptor, "/r/Dockerfile", text, new TextSpan(0, content.Length), "heredoc"),
                PlimsollDiagnostic.Create(descriptor, "/r/Dockerfile", text, new TextSpan(0, SarifLogWriter.MaxSnippetLength), "heredoc"),
            },
            ReadText = _ => text,
        };
        using var document = JsonDocument.Parse(SarifLogWriter.WriteToBytes(input));
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.False(Region(results[0]).TryGetProperty("snippet", out _));
        Assert.Equal(content.Length, Region(results[0]).GetProperty("charLength").GetInt32());
        Assert.Equal(SarifLogWriter.MaxSnippetLength, Str(Region(results[1]).GetProperty("snippet"), "text")!.Length);
    }

    [Fact]
    public void Rule_names_are_pascal_case_of_the_title()
    {
        Assert.Equal("DockerfileSyntaxError", new RuleMetadata(SyntaxDiagnostics.DockerfileSyntax).EffectiveName);
        Assert.Equal("YamlOrComposeSyntaxOrSchemaError", new RuleMetadata(SyntaxDiagnostics.ComposeSyntax).EffectiveName);
        Assert.Equal("PreferCopyToAdd", new RuleMetadata(SarifTestRules.AddInsteadOfCopy).EffectiveName);
        Assert.Equal("UseHttps2OrLater", RuleMetadata.ToPascalCase("use HTTPS2 or later!", "x"));
        Assert.Equal("Given", new RuleMetadata(SyntaxDiagnostics.ComposeSyntax) { Name = "Given" }.EffectiveName);
        Assert.Equal("PL0000", RuleMetadata.ToPascalCase("  -- 42 ", "PL0000"));
    }

    private static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue; // counted at the LF
            if (text[i] == '\r' || text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement element)
    {
        yield return element;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in element.EnumerateObject()) foreach (var d in Descendants(p.Value)) yield return d;
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) foreach (var d in Descendants(item)) yield return d;
        }
    }
}
