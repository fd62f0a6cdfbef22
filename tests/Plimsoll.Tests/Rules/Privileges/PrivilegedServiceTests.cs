using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Privileges;

/// <summary>PL2002 on the spellings of a compose boolean: compose reads them all, so the rule does too.</summary>
public class PrivilegedServiceTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static bool Fires(string value)
        => RuleRunner.Run(Registry, "yaml", $"services:\n  agent:\n    image: monitor/agent:5.1\n    privileged: {value}\n", withSchema: false)
            .Any(f => f.Id == "PL2002");

    [Theory]
    [InlineData("true")]
    [InlineData("\"true\"")]
    [InlineData("\"Yes\"")]
    [InlineData("\"on\"")]
    [InlineData("\"1\"")]
    public void True_in_any_spelling_is_privileged(string value) => Assert.True(Fires(value));

    [Theory]
    [InlineData("false")]
    [InlineData("\"no\"")]
    [InlineData("\"off\"")]
    [InlineData("\"${AGENT_PRIVILEGED}\"")]
    public void False_or_unknown_is_not(string value) => Assert.False(Fires(value));
}
