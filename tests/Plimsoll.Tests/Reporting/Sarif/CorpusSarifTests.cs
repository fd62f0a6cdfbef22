using System.Diagnostics;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;
using Plimsoll.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>The corpus logs, written once for all the tests of <see cref="CorpusSarifTests"/>.</summary>
public sealed class CorpusSarifFixture : IDisposable
{
    public CorpusSarifFixture()
    {
        Folder = TempDirectory.Create();
        var clock = Stopwatch.StartNew();
        Input = CorpusSarifBatch.Build();
        LogPath = Write(Input, "corpus.sarif");
        WriteTime = clock.Elapsed;
    }

    public string Folder { get; }
    public SarifRunInput Input { get; }
    public string LogPath { get; }
    public TimeSpan WriteTime { get; }

    public string Write(SarifRunInput input, string name)
    {
        string path = Path.Combine(Folder, name);
        using (var stream = File.Create(path)) SarifLogWriter.Write(stream, input);
        return path;
    }

    public void Dispose()
    {
        // The folder is TempDirectory's: removed with the test run's folder.
    }
}

/// <summary>A realistic run over every corpus Dockerfile and Compose file, checked by the real tools.</summary>
[Trait("Tier", "Slow")]
public sealed class CorpusSarifTests : IClassFixture<CorpusSarifFixture>
{
    private readonly CorpusSarifFixture corpus;
    private readonly ITestOutputHelper output;

#pragma warning disable RS2008 // a test rule, not a shipped one
    // One result at the start of a line: its fingerprint is the line's hash.
    private static readonly DiagnosticDescriptor LineMarker = new("PL0000", "Line", "{0}", "Test", DiagnosticSeverity.Info, isEnabledByDefault: true);
#pragma warning restore RS2008

    public CorpusSarifTests(CorpusSarifFixture corpus, ITestOutputHelper output)
    {
        this.corpus = corpus;
        this.output = output;
    }

    [Fact]
    public void Corpus_log_has_results_of_many_rules_baseline_suppressions_and_fixes()
    {
        // Guards the other tests against a run that finds nothing.
        var diagnostics = corpus.Input.Diagnostics;
        output.WriteLine($"{diagnostics.Count} results, {new FileInfo(corpus.LogPath).Length / 1024} KiB, written in {corpus.WriteTime.TotalMilliseconds:F0} ms (two lint runs included)");
        var clock = Stopwatch.StartNew();
        byte[] again = SarifLogWriter.WriteToBytes(corpus.Input);
        output.WriteLine($"writing alone (snippets, fingerprints): {clock.ElapsedMilliseconds} ms");
        Assert.Equal(File.ReadAllBytes(corpus.LogPath), again);

        var byRule = diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(", ", byRule.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        Assert.True(byRule.Count >= 10, string.Join(", ", byRule.Keys));
        Assert.True(diagnostics.Count > 5000, diagnostics.Count.ToString());
        Assert.All(byRule.Keys, id => Assert.Contains(corpus.Input.Rules, r => r.Descriptor.Id == id));
        string? KindOf(Diagnostic d) => d.Properties.TryGetValue(SuppressionProperties.KindKey, out var kind) ? kind : null;
        Assert.Contains(diagnostics, d => d.IsSuppressed && KindOf(d) == SuppressionProperties.Baseline);
        Assert.Contains(diagnostics, d => corpus.Input.Fixes!(d) != null);
    }

    [Fact]
    public void Corpus_log_passes_the_multitool_validator()
    {
        var byLevel = SarifTools.ValidateByLevel(corpus.LogPath);
        foreach (var group in byLevel["note"].GroupBy(n => n.Split(':')[0]).OrderBy(g => g.Key, StringComparer.Ordinal)) output.WriteLine($"{group.Count()} × {group.Key}");
        var findings = SarifTools.Problems(byLevel);
        Assert.True(findings.Count == 0, $"Multitool validate ({findings.Count}):\n" + string.Join("\n", findings.Distinct().Take(50)));
    }

    [Fact]
    public void Corpus_log_passes_the_json_schema()
    {
        var errors = SarifTools.ValidateSchema(corpus.LogPath);
        Assert.True(errors.Count == 0, $"schema ({errors.Count}):\n" + string.Join("\n", errors.Take(50)));
    }

    [Fact]
    public void Fingerprints_match_the_multitool_for_the_batch_and_for_every_line_of_a_sample()
    {
        // One Multitool call for both (its cost is mostly per file): the batch's results without fingerprints, then one
        // result at the start of every line (the empty line after a final line break included) of a sample of files:
        // every fifth file, and every file with a CR or non-ASCII text.
        var batch = corpus.Input.Diagnostics;
        var everyLine = new List<Diagnostic>();
        var expected = new List<string>();
        var files = CorpusSarifBatch.Files().ToList();
        for (int f = 0; f < files.Count; f++)
        {
            var text = CorpusSarifBatch.Read(files[f]);
            string content = text.ToString();
            if (f % 5 != 0 && content.IndexOf('\r') < 0 && content.All(c => c < 128)) continue;
            var hashes = PrimaryLocationLineHash.ComputeAll(text);
            // Roslyn also breaks lines at U+2028 and friends, GitHub does not: compare only files where they agree.
            if (hashes.Length != text.Lines.Count) continue;
            foreach (var line in text.Lines)
            {
                everyLine.Add(PlimsollDiagnostic.Create(LineMarker, files[f], text, new TextSpan(line.Start, 0), "line"));
                expected.Add(hashes[line.LineNumber]);
            }
        }
        var bare = new SarifRunInput("0.1.0") { Rules = corpus.Input.Rules.Append(new RuleMetadata(LineMarker)).ToList(), Diagnostics = batch.Concat(everyLine).ToList(), RepositoryRoot = TestPaths.SharedRoot };
        string theirs = SarifTools.InsertRollingHashes(corpus.Write(bare, "corpus-bare.sarif"));

        var oracle = SarifValidatorTests.Fingerprints(theirs);
        var written = SarifValidatorTests.Fingerprints(corpus.LogPath);
        Assert.Equal(batch.Count + everyLine.Count, oracle.Count);
        output.WriteLine($"{batch.Count} batch results and {everyLine.Count} lines compared");

        var mismatches = new List<string>();
        for (int i = 0; i < oracle.Count && mismatches.Count < 20; i++)
        {
            string? ours = i < batch.Count ? written[i].Hash : expected[i - batch.Count];
            if (oracle[i].Hash is null || oracle[i].Hash != ours) mismatches.Add($"{oracle[i].Where}: multitool {oracle[i].Hash ?? "(none)"}, ours {ours ?? "(none)"}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
