using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Resources;

/// <summary>PL2012 on memory sizes as compose reads them: units it accepts, units it refuses, and sizes that round to nothing.</summary>
public class NoResourceLimitsTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static bool MissesMemoryLimit(string memLimit)
        => RuleRunner.Run(Registry, "yaml", $"services:\n  cache:\n    image: redis:7.4\n    cpus: 1.5\n    mem_limit: {memLimit}\n", withSchema: false)
            .Any(f => f.Id == "PL2012" && f.Diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("no memory limit"));

    [Theory]
    [InlineData("256m")]
    [InlineData("\"2 GiB\"")]
    [InlineData("1Tb")]
    [InlineData("1048576")]
    [InlineData("0.5k")]
    [InlineData("\"${CACHE_MEMORY}\"")]
    [InlineData("\"${CACHE_MEMORY:-768m}\"")]
    public void Sizes_compose_reads_as_positive_are_limits(string value) => Assert.False(MissesMemoryLimit(value));

    [Theory]
    [InlineData("768Mi")]
    [InlineData("2gigs")]
    [InlineData("lots")]
    [InlineData("k")]
    [InlineData("0TiB")]
    [InlineData("0.75")]
    [InlineData("\"${CACHE_MEMORY:-0m}\"")]
    [InlineData("-1")]
    public void Sizes_compose_refuses_or_rounds_to_zero_are_no_limit(string value) => Assert.True(MissesMemoryLimit(value));
}
