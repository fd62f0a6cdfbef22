using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Tests.Semantics.Dockerfile;

/// <summary>
/// What the model looks up for every instruction — a stage by name, a stage's base stage, the SHELL in force, a stage's
/// first WORKDIR — answered from tables made once per file (a file of thousands of stages or SHELLs stays linear).
/// </summary>
public class StageLookupTests
{
    private static DockerfileSemanticModel Model(string text) => DockerfileSemanticModel.Create(DockerfileSyntaxTree.Parse(text));

    private static InstructionSyntax Nth(DockerfileSemanticModel model, int index) => model.Tree.Root.Instructions[index];

    [Fact]
    public void A_name_finds_its_first_stage_whatever_the_case_and_an_index_finds_its_stage()
    {
        var model = Model("FROM alpine AS Build\nFROM alpine AS build\nFROM alpine AS 7\nFROM alpine\n");
        Assert.Same(model.Stages[0], model.FindStage("build"));
        Assert.Same(model.Stages[0], model.FindStageNamed("BUILD"));
        Assert.Same(model.Stages[2], model.FindStage("7")); // a name before an index
        Assert.Same(model.Stages[3], model.FindStage("3"));
        Assert.Null(model.FindStageNamed("3"));
        Assert.Null(model.FindStage("4"));
        Assert.Null(model.FindStage("other"));
    }

    [Fact]
    public void A_FROM_builds_on_the_latest_earlier_stage_of_its_name_never_on_a_later_one()
    {
        var model = Model("FROM alpine AS base\nFROM debian AS base\nFROM base AS app\nFROM later\nFROM scratch AS later\n");
        Assert.Same(model.Stages[1], model.Stages[2].ParentStage);
        Assert.Null(model.Stages[3].ParentStage);
        Assert.Equal("later", model.Stages[3].BaseImage!.Original);
        Assert.True(model.Stages[4].IsScratch);
    }

    [Fact]
    public void Each_instruction_runs_under_the_last_SHELL_before_it_in_its_stage_and_a_trigger_under_the_last_of_all()
    {
        var model = Model(
            "FROM alpine AS a\nRUN one\nSHELL [\"/bin/bash\", \"-c\"]\nRUN two\nSHELL [\"/bin/ash\", \"-c\"]\nRUN three\nONBUILD RUN four\nSHELL [\"/bin/zsh\", \"-c\"]\n" +
            "FROM a\nRUN five\n");
        Assert.Equal(DockerfileSemanticModel.DefaultShell, model.GetShell(Nth(model, 1)));
        Assert.Equal(DockerfileSemanticModel.DefaultShell, model.GetShell(Nth(model, 2))); // a SHELL is under the one before it
        Assert.Equal("/bin/bash", model.GetShell(Nth(model, 3))[0]);
        Assert.Equal("/bin/ash", model.GetShell(Nth(model, 5))[0]);
        var trigger = ((OnbuildInstructionSyntax)Nth(model, 6)).Inner!;
        Assert.Equal("/bin/zsh", model.GetShell(trigger)[0]);
        Assert.Equal("/bin/zsh", model.Stages[0].FinalShell[0]);
        Assert.Equal("/bin/zsh", model.GetShell(Nth(model, 9))[0]); // inherited from the base stage
    }

    [Fact]
    public void A_stage_knows_its_own_first_WORKDIR()
    {
        var model = Model("FROM alpine AS a\nCOPY x y\nWORKDIR /one\nWORKDIR /two\nFROM a\nCOPY x y\n");
        Assert.Same(Nth(model, 2), model.Stages[0].FirstWorkdir);
        Assert.Null(model.Stages[1].FirstWorkdir);
    }
}
