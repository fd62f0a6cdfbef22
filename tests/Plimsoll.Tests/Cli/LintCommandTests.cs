using System.Text.Json;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>`plimsoll lint` end to end, as a CI job or a person runs it.</summary>
[Trait("Tier", "Slow")]
public class LintCommandTests
{
    private static string Examples => Path.Combine(TestPaths.RepoRoot, "examples");

    [Fact]
    public void Insecure_examples_fail_with_findings_at_file_line_column()
    {
        var result = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "examples/insecure/Dockerfile");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("examples/insecure/Dockerfile:2:6: warning PL1001 ", result.StdOut);
        Assert.Contains("examples/insecure/Dockerfile:6:16: error PL1003 ", result.StdOut);
        Assert.Contains("PL1005", result.StdOut);
        Assert.Contains("problems (", result.StdOut);
        Assert.DoesNotContain("\u001b[", result.StdOut, StringComparison.Ordinal); // no colour when not a terminal (ordinal: culture comparison ignores ESC)
    }

    [Fact]
    public void Secure_examples_are_clean()
    {
        var result = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "examples/secure");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No problems", result.StdOut);
    }

    [Fact]
    public void Threshold_decides_the_exit_code()
    {
        var temp = TempDirectory.Create();
        File.WriteAllText(Path.Combine(temp, "Dockerfile"), "FROM alpine:3.20\nUSER 10001\n"); // only PL1002 (a note)
        Assert.Equal(0, CliProcess.Run(temp, null, "lint").ExitCode);
        Assert.Equal(1, CliProcess.Run(temp, null, "lint", "--severity-threshold", "note").ExitCode);
        Assert.Equal(0, CliProcess.Run(temp, null, "lint", "--severity-threshold", "none", "../" + Path.GetFileName(temp)).ExitCode);
    }

    [Fact]
    public void Usage_and_tool_errors_exit_2_without_a_stack_trace()
    {
        var missing = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "no/such/path");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no/such/path", missing.StdOut + missing.StdErr);

        var badOption = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "--format", "xml");
        Assert.Equal(2, badOption.ExitCode);
        Assert.DoesNotContain("   at ", badOption.StdErr);
    }

    [Fact]
    public void Standard_input_is_linted_under_the_given_name()
    {
        var result = CliProcess.Run(TestPaths.RepoRoot, "FROM ubuntu:latest\nUSER app\n", "lint", "-", "--stdin-filename", "build/Dockerfile");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("build/Dockerfile:1:6: warning PL1001 Image 'ubuntu:latest' uses the moving tag 'latest'", result.StdOut);
    }

    [Fact]
    public void Sarif_output_carries_rules_results_and_regions()
    {
        var result = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "examples/insecure", "--format", "sarif");
        Assert.Equal(1, result.ExitCode);
        using var log = JsonDocument.Parse(result.StdOut);
        var run = log.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("PL1001", rules);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var pl1003 = results.First(r => r.GetProperty("ruleId").GetString() == "PL1003");
        var region = pl1003.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(6, region.GetProperty("startLine").GetInt32());
        Assert.Equal(16, region.GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void Gitignored_files_are_not_linted()
    {
        var temp = TempDirectory.Create();
        Directory.CreateDirectory(Path.Combine(temp, ".git"));
        Directory.CreateDirectory(Path.Combine(temp, "vendor"));
        File.WriteAllText(Path.Combine(temp, ".gitignore"), "vendor/\n");
        File.WriteAllText(Path.Combine(temp, "vendor", "Dockerfile"), "FROM ubuntu\n");
        File.WriteAllText(Path.Combine(temp, "Dockerfile"), "FROM alpine:3.20\nUSER 1000\n");
        var result = CliProcess.Run(temp, null, "lint");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 file", result.StdOut);
    }
}
