using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules;

public class BuiltInRulesTests
{
    [Fact]
    public void The_named_list_of_built_in_analyzers_is_exactly_what_reflection_finds_in_the_rules_assembly()
    {
        // The Native AOT build cannot discover analyzers by reflection, so BuiltInRules names them; this keeps the two equal.
        var named = BuiltInRules.CreateAnalyzers().Select(a => a.GetType().FullName).ToList();
        var discovered = AnalyzerLoader.FromAssembly(typeof(BuiltInRules).Assembly).Select(a => a.GetType().FullName).ToList();
        Assert.NotEmpty(discovered);
        Assert.Equal(discovered, named);
    }
}
