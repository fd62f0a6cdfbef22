using Plimsoll.Analysis;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Privileges;

/// <summary>
/// PL2001 and a start command that drops to a user (gosu, su-exec): the command in force is the final stage's own
/// ENTRYPOINT (else its CMD), or the one it inherits from the stages it builds on, however many stages up.
/// </summary>
public class RunsAsRootStartCommandTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static bool Fires(string dockerfile)
        => RuleRunner.Run(Registry, "dockerfile", dockerfile).Any(f => f.Id == "PL2001");

    [Theory]
    // Its own start command.
    [InlineData("FROM debian:12\nENTRYPOINT [\"gosu\", \"app\", \"server\"]\n", false)]
    [InlineData("FROM debian:12\nCMD [\"su-exec\", \"app\", \"server\"]\n", false)]
    [InlineData("FROM debian:12\nENTRYPOINT [\"gosu\", \"root\", \"server\"]\n", true)]
    // Inherited, one and two stages up.
    [InlineData("FROM debian:12 AS base\nENTRYPOINT [\"gosu\", \"app\", \"server\"]\nFROM base\nRUN true\n", false)]
    [InlineData("FROM debian:12 AS base\nCMD [\"gosu\", \"app\", \"server\"]\nFROM base AS mid\nRUN true\nFROM mid\nRUN true\n", false)]
    // The nearest start command wins: an ENTRYPOINT of the final stage hides the base's, one of the base hides its CMD.
    [InlineData("FROM debian:12 AS base\nENTRYPOINT [\"gosu\", \"app\", \"server\"]\nFROM base\nENTRYPOINT [\"/usr/bin/server\"]\n", true)]
    [InlineData("FROM debian:12 AS base\nENTRYPOINT [\"/usr/bin/server\"]\nFROM base\nCMD [\"gosu\", \"app\", \"server\"]\n", true)]
    // A stage named like a later one is an image, not a stage this one builds on.
    [InlineData("FROM later\nRUN true\nFROM debian:12 AS later\nENTRYPOINT [\"gosu\", \"app\", \"server\"]\nFROM later\nRUN true\nFROM later AS last\n", false)]
    public void The_start_command_in_force_decides(string dockerfile, bool fires) => Assert.Equal(fires, Fires(dockerfile));
}
