using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>A third-party rule pack (tests/SampleRulePack) is built from source and loaded with --rules, next to the built-ins.</summary>
[Trait("Tier", "Slow")]
public class RulePackTests
{
    [Fact]
    public void Sample_rule_pack_is_built_and_its_rule_runs_through_the_same_api()
    {
        var dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM alpine:3.20\nMAINTAINER someone@example.com\nUSER 1000\n");
        var result = CliProcess.Run(dir, null, "lint", "--rules", SampleRulePackBuild.AssemblyPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Dockerfile:2:1: warning ACME001 MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"someone@example.com\"", result.StdOut);
        Assert.Contains("PL1002", result.StdOut); // the built-ins still run

        var bad = CliProcess.Run(dir, null, "lint", "--rules", Path.Combine(dir, "Dockerfile"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("cannot load rule pack", bad.StdErr);
    }
}
