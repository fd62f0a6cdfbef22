using System.Text.Json;
using Plimsoll.Tests.Cli;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>
/// The SARIF that `plimsoll lint` really writes for the whole shared corpus (every Dockerfile and compose file,
/// real rules, real findings): zero errors and zero warnings from the SARIF Multitool (rule kinds Sarif and Ghas)
/// and zero errors from the official JSON schema.
/// </summary>
[Trait("Tier", "Slow")]
public class LintCorpusSarifTests
{
    [Theory]
    [InlineData("dockerfiles", "dockerfile")]
    [InlineData("compose", "compose")]
    public void Lint_output_for_the_corpus_validates(string folder, string kind)
    {
        string dir = TempDirectory.Create();
        string sarif = Path.Combine(dir, folder + ".sarif");
        var result = CliProcess.RunWith(CliProcess.WithoutShellCheck, TestPaths.Corpus, null, "lint", folder, "--kind", kind, "--format", "sarif", "--output", sarif, "--severity-threshold", "none");
        Assert.True(result.ExitCode == 0, result.StdErr);

        using (var log = JsonDocument.Parse(File.ReadAllBytes(sarif)))
        {
            var run = log.RootElement.GetProperty("runs")[0];
            Assert.True(run.GetProperty("results").GetArrayLength() > 100, "the corpus should produce real findings");
            Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        }

        var problems = SarifTools.Validate(sarif);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        var schemaErrors = SarifTools.ValidateSchema(sarif);
        Assert.True(schemaErrors.Count == 0, string.Join("\n", schemaErrors.Take(30)));
    }

    [Fact]
    public void Fixes_are_written_and_valid()
    {
        string dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM alpine:3.20\nUSER 1000\nRUN wget http://example.com/a.tgz -O /a.tgz && echo \"abc  /a.tgz\" | sha256sum -c -\n");
        string sarif = Path.Combine(dir, "out.sarif");
        CliProcess.Run(dir, null, "lint", "--format", "sarif", "--output", sarif);
        using (var log = JsonDocument.Parse(File.ReadAllBytes(sarif)))
        {
            var result = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "PL1003");
            var replacement = result.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
            Assert.Equal("https", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
        }
        Assert.Empty(SarifTools.Validate(sarif));
        Assert.Empty(SarifTools.ValidateSchema(sarif));
    }
}
