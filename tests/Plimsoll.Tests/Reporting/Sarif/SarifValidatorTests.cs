using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Xunit.Abstractions;
using Plimsoll.Reporting.Sarif;

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>
/// The log checked by the real tools: the SARIF Multitool's validator (SARIF and GitHub code-scanning rules), Ajv
/// against the official 2.1.0 schema, and the Multitool's own <c>primaryLocationLineHash</c> as the fingerprint oracle.
/// </summary>
[Trait("Tier", "Slow")]
public sealed class SarifValidatorTests : IDisposable
{
    private readonly HandMadeSarifRun run = new();
    private readonly ITestOutputHelper output;

    public SarifValidatorTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => run.Dispose();

    [Fact]
    public void Hand_made_log_passes_the_multitool_validator()
    {
        string path = run.WriteLog(run.Input, "hand-made.sarif");
        var byLevel = SarifTools.ValidateByLevel(path);
        foreach (var note in byLevel["note"].Distinct()) output.WriteLine(note);
        var findings = SarifTools.Problems(byLevel);
        Assert.True(findings.Count == 0, "Multitool validate:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void Hand_made_log_passes_the_json_schema()
    {
        string path = run.WriteLog(run.Input, "hand-made.sarif");
        var errors = SarifTools.ValidateSchema(path);
        Assert.True(errors.Count == 0, "schema:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void Both_checkers_reject_a_broken_log()
    {
        // The checks must be able to fail: a result without its required message, with an unknown property instead.
        string path = run.WriteLog(run.Input, "broken.sarif");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"message\": {", "\"msg\": {"));
        Assert.Contains(SarifTools.ValidateSchema(path), e => e.Contains("must have required property 'message'"));
        Assert.Contains(SarifTools.Validate(path), f => f.StartsWith("error JSON1002", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_the_multitool_cannot_read_is_not_taken_as_clean()
    {
        // Multitool 5.7.0 reports nothing at all for a log it cannot deserialize (here an unknown result level):
        // the helper turns that silence into a finding, and the schema check names the cause.
        string path = run.WriteLog(run.Input, "bad-level.sarif");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"level\": \"error\"", "\"level\": \"severe\""));
        Assert.Contains(SarifTools.ValidateSchema(path), e => e.Contains("must be equal to one of the allowed values"));
        var byLevel = SarifTools.ValidateByLevel(path);
        Assert.Empty(byLevel);
        Assert.Contains(SarifTools.Problems(byLevel), f => f.Contains("did not read the log"));
    }

    [Fact]
    public void Hand_made_fingerprints_match_the_multitool()
    {
        var ours = run.WriteLog(run.Input, "ours.sarif");
        var bare = run.WriteLog(WithoutText(run.Input), "bare.sarif");
        var theirs = SarifTools.InsertRollingHashes(bare);
        AssertSameFingerprints(ours, theirs, expectedCount: run.Input.Diagnostics.Count(d => d.Location.SourceTree is null && d.Location.Kind != Microsoft.CodeAnalysis.LocationKind.None));
    }

    [Fact]
    public void Edge_case_files_hash_like_the_multitool()
    {
        // One result on every line of files that stress the algorithm's corners; written as bytes, read as GitHub reads them.
        var files = new Dictionary<string, byte[]>
        {
            ["empty"] = Array.Empty<byte>(),
            ["blank"] = Encoding.UTF8.GetBytes(" \t  "),
            ["newlines"] = Encoding.UTF8.GetBytes("\n\n\n"),
            ["cr-only"] = Encoding.UTF8.GetBytes("FROM a\rRUN b\r\rCMD c"),
            ["cr-space-lf"] = Encoding.UTF8.GetBytes("FROM a\r \nRUN b\r\n\t\r\n"),
            ["long-line"] = Encoding.UTF8.GetBytes("RUN " + new string('x', 250) + "\nRUN " + new string('x', 250)),
            ["bom"] = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("FROM a\nRUN b\n")).ToArray(),
            ["unicode"] = Encoding.UTF8.GetBytes("LABEL a=\"🐳\"\nLABEL b=\"é\u00a0ü\"\n"),
        };
        var diagnostics = new List<Microsoft.CodeAnalysis.Diagnostic>();
        var expected = new List<string>();
        foreach (var (name, bytes) in files)
        {
            string path = Path.Combine(run.RepositoryRoot, "edge", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            var text = SourceText.From(File.ReadAllText(path, new UTF8Encoding(false)));
            var hashes = PrimaryLocationLineHash.ComputeAll(text);
            Assert.Equal(text.Lines.Count, hashes.Length);
            foreach (var line in text.Lines)
            {
                diagnostics.Add(PlimsollDiagnostic.Create(SarifTestRules.UnpinnedBaseImage, path, text, new TextSpan(line.Start, 0), name));
                expected.Add(hashes[line.LineNumber]);
            }
        }
        var input = new SarifRunInput("0.1.0") { Rules = SarifTestRules.All, Diagnostics = diagnostics, RepositoryRoot = run.RepositoryRoot };
        var oracle = Fingerprints(SarifTools.InsertRollingHashes(run.WriteLog(input, "edge.sarif")));
        Assert.Equal(expected.Count, oracle.Count);
        var mismatches = expected.Select((e, i) => (e, o: oracle[i])).Where(p => p.e != p.o.Hash).Select(p => $"{p.o.Where}: multitool {p.o.Hash ?? "(none)"}, ours {p.e}").ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    internal static SarifRunInput WithoutText(SarifRunInput input) => new(input.ToolVersion)
    {
        Rules = input.Rules,
        Diagnostics = input.Diagnostics,
        Fixes = input.Fixes,
        RepositoryRoot = input.RepositoryRoot,
        Notifications = input.Notifications,
    };

    /// <summary>Every result's <c>primaryLocationLineHash</c> in <paramref name="ours"/> equals the Multitool's in <paramref name="theirs"/>.</summary>
    internal static void AssertSameFingerprints(string ours, string theirs, int expectedCount)
    {
        var expected = Fingerprints(theirs);
        var actual = Fingerprints(ours);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expectedCount, expected.Count(f => f.Hash != null));
        var mismatches = expected.Zip(actual, (e, a) => (e, a)).Where(p => p.e.Hash != p.a.Hash).Take(20)
            .Select(p => $"{p.e.Where}: multitool {p.e.Hash ?? "(none)"}, ours {p.a.Hash ?? "(none)"}").ToList();
        Assert.True(mismatches.Count == 0, "fingerprint mismatches:\n" + string.Join("\n", mismatches));
    }

    internal static List<(string Where, string? Hash)> Fingerprints(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var list = new List<(string, string?)>();
        foreach (var result in document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            string where = result.TryGetProperty("locations", out var locations)
                ? locations[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() + ":" +
                  locations[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()
                : "(no location)";
            string? hash = result.TryGetProperty("partialFingerprints", out var fingerprints) && fingerprints.TryGetProperty("primaryLocationLineHash", out var h)
                ? h.GetString() : null;
            list.Add((where, hash));
        }
        return list;
    }
}
