using System.Collections.Immutable;
using Plimsoll.Analysis;

namespace Plimsoll.Tests.Analysis;

/// <summary>A rule pack whose analyzer cannot be constructed says what its constructor threw, not "target of an invocation".</summary>
public class RulePackLoadingTests
{
    [Fact]
    public void A_constructor_that_throws_is_reported_with_its_own_message()
    {
        // This test assembly is the rule pack: its one [PlimsollAnalyzer] class throws when constructed.
        var analyzers = AnalyzerLoader.FromFile(typeof(RulePackLoadingTests).Assembly.Location, out var error);
        Assert.Empty(analyzers);
        Assert.Contains("cannot load rule pack: InvalidOperationException: the pack's settings file is missing", error);
        Assert.DoesNotContain("target of an invocation", error);
    }
}

[PlimsollAnalyzer]
public sealed class AnalyzerWhoseConstructorThrows : PlimsollAnalyzer
{
    public AnalyzerWhoseConstructorThrows() => throw new InvalidOperationException("the pack's settings file is missing");

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray<RuleDescriptor>.Empty;

    public override void Initialize(AnalysisContext context)
    {
    }
}
