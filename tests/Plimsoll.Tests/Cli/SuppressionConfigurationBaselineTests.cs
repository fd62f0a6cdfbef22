using Plimsoll.Tests.Infrastructure;
using System.Text.Json;

namespace Plimsoll.Tests.Cli;

/// <summary>Suppression comments, .editorconfig severities, .hadolint.yaml and baselines, through the real CLI.</summary>
[Trait("Tier", "Slow")]
public class SuppressionConfigurationBaselineTests
{
    private const string Insecure = "FROM ubuntu\nRUN curl -fsSL http://example.com/x.sh | sh\n";

    [Fact]
    public void Suppression_comments_hide_findings_from_text_but_keep_them_in_sarif()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "Dockerfile"),
            "# hadolint ignore=DL3006\nFROM ubuntu\n# plimsoll disable-next-line PL1003, PL1005, PL7002 -- vendor script, pinned by proxy\nRUN curl -fsSL http://example.com/x.sh | sh\n# plimsoll disable PL2001, PL1002 -- base image sets USER\n");

        var text = CliProcess.Run(dir, null, "lint");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("6 suppressed", text.StdOut);

        var sarif = CliProcess.Run(dir, null, "lint", "--format", "sarif");
        using var log = JsonDocument.Parse(sarif.StdOut);
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var pl1005 = results.Single(r => r.GetProperty("ruleId").GetString() == "PL1005");
        var suppression = pl1005.GetProperty("suppressions")[0];
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Equal("vendor script, pinned by proxy", suppression.GetProperty("justification").GetString());
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "PL1001" && r.TryGetProperty("suppressions", out _));
    }

    [Fact]
    public void Editorconfig_sets_severities_per_path_and_nearest_file_wins()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, ".editorconfig"), "root = true\n[*]\ndotnet_diagnostic.PL1003.severity = none\ndotnet_diagnostic.PL1002.severity = error\n");
        Directory.CreateDirectory(Path.Combine(dir, "legacy"));
        File.WriteAllText(Path.Combine(dir, "legacy", ".editorconfig"), "[Dockerfile]\ndotnet_diagnostic.PL1002.severity = none\n");
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), Insecure);
        File.WriteAllText(Path.Combine(dir, "legacy", "Dockerfile"), Insecure);

        var result = CliProcess.Run(dir, null, "lint");
        Assert.DoesNotContain("PL1003", result.StdOut);
        Assert.Contains("Dockerfile:1:6: error PL1002", result.StdOut);
        Assert.DoesNotContain("legacy/Dockerfile:1:6: error PL1002", result.StdOut);
        Assert.Contains("legacy/Dockerfile:1:6: warning PL1001", result.StdOut);
    }

    [Fact]
    public void Hadolint_config_is_read_when_plimsoll_says_nothing()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, ".hadolint.yaml"), "ignored:\n  - DL3006\n  - DL3002\n");
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM ubuntu\n");
        var result = CliProcess.Run(dir, null, "lint");
        Assert.DoesNotContain("PL1001", result.StdOut);
        Assert.DoesNotContain("PL2001", result.StdOut);
        Assert.Contains("PL1002", result.StdOut);
    }

    [Fact]
    public void Baseline_reports_only_new_findings_even_when_lines_move()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), Insecure);
        var first = CliProcess.Run(dir, null, "lint", "--format", "sarif", "--output", "baseline.sarif");
        Assert.Equal(1, first.ExitCode);

        // Same findings, shifted down by a comment line: all matched by the baseline.
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "# build image\n" + Insecure);
        var unchanged = CliProcess.Run(dir, null, "lint", "--baseline", "baseline.sarif");
        Assert.Equal(0, unchanged.ExitCode);

        // A new problem is reported, the old ones are not.
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "# build image\n" + Insecure + "ENV API_TOKEN=abc123\n");
        var added = CliProcess.Run(dir, null, "lint", "--baseline", "baseline.sarif");
        Assert.Equal(1, added.ExitCode);
        Assert.Contains("PL4002", added.StdOut);
        Assert.DoesNotContain("PL1005", added.StdOut);

        var broken = CliProcess.Run(dir, null, "lint", "--baseline", "Dockerfile");
        Assert.Equal(2, broken.ExitCode);
    }

    [Fact]
    public void A_suppression_naming_an_unknown_rule_is_reported_with_its_line()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM alpine:3.20\n# plimsoll disable-next-line PL9999 -- typo\nUSER 1000\n");
        var result = CliProcess.Run(dir, null, "lint");
        Assert.Contains("Dockerfile: warning line 2: unknown rule id 'PL9999'", result.StdOut);
        Assert.Equal(0, result.ExitCode);
    }
}
