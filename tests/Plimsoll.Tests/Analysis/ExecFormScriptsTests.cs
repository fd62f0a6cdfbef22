using Plimsoll.Analysis;
using Plimsoll.Rules;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Tests.Rules;

namespace Plimsoll.Tests.Analysis;

/// <summary>
/// Exec-form RUNs as the command rules see them: an argv read as one command with exactly those words, `sh -c` read as
/// its script, positions inside the JSON strings, hostile arrays without a crash, and no fix that would edit an argv string.
/// </summary>
public class ExecFormScriptsTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static (DockerfileSyntaxTree Tree, IReadOnlyList<RunScript> Scripts) Read(string run)
    {
        var tree = DockerfileSyntaxTree.Parse("FROM debian:12\n" + run + "\n");
        var model = DockerfileSemanticModel.Create(tree);
        var instruction = (RunInstructionSyntax)tree.Root.Instructions[1];
        return (tree, ExecFormScripts.AllFor(model, instruction).ToList());
    }

    private static List<string> Words(RunScript script) =>
        script.Parse.DescendantCommandsWithInlineScripts().Where(c => c.SimpleCommand != null)
            .SelectMany(c => c.SimpleCommand!.Words.Select(w => w.ApproximateValue)).ToList();

    [Theory]
    [InlineData("RUN [\"apt-get\", \"install\", \"curl\"]", "apt-get|install|curl")]
    // No shell: `$PKG`, `*`, blanks and quotes are the characters themselves.
    [InlineData("RUN [\"apt-get\", \"install\", \"$PKG\", \"a b\", \"*\", \"it's\", \"say \\\"hi\\\"\", \"\"]", "apt-get|install|$PKG|a b|*|it's|say \"hi\"|")]
    // JSON escapes are decoded.
    [InlineData("RUN [\"\\u0061pk\", \"add\", \"x\\ty\"]", "apk|add|x\ty")]
    // A program named like an assignment or a keyword is still the program.
    [InlineData("RUN [\"A=b\", \"c\"]", "A=b|c")]
    [InlineData("RUN [\"if\", \"true\"]", "if|true")]
    public void An_argv_is_one_command_with_exactly_its_strings(string run, string expected)
    {
        var (_, scripts) = Read(run);
        var script = Assert.Single(scripts);
        Assert.NotNull(script.ExecForm);
        Assert.Equal(expected.Split('|'), Words(script));
    }

    [Theory]
    [InlineData("RUN [\"/bin/sh\", \"-c\", \"apt-get update && apt-get install -y curl\"]", "sh", "apt-get|update|apt-get|install|-y|curl")]
    [InlineData("RUN [\"bash\", \"-eo\", \"pipefail\", \"-c\", \"curl -s x | tar -x\"]", "bash", "curl|-s|x|tar|-x")]
    [InlineData("RUN [\"sh\", \"-ec\", \"apk add \\\"curl\\\"\", \"name\"]", "sh", "apk|add|curl")]
    public void Sh_dash_c_is_read_as_its_script(string run, string shell, string expected)
    {
        var (_, scripts) = Read(run);
        var script = Assert.Single(scripts);
        Assert.Equal(shell, script.Shell);
        Assert.Equal(expected.Split('|'), Words(script));
    }

    [Theory]
    [InlineData("RUN []")]
    [InlineData("RUN [\"\"]")]
    [InlineData("RUN [\"apt-get\", 1, \"install\"]")]
    [InlineData("RUN [\"apt-get\", null]")]
    public void Empty_and_non_string_arrays_give_no_command(string run) => Assert.Empty(Read(run).Scripts);

    [Fact]
    public void Sh_without_a_script_is_an_argv() =>
        Assert.Equal(new[] { "sh", "-c" }, Words(Assert.Single(Read("RUN [\"sh\", \"-c\"]").Scripts)));

    [Fact]
    public void Positions_land_inside_the_json_strings_through_escapes()
    {
        const string run = "RUN [\"sh\", \"-c\", \"echo \\\"a\\\" && apt-get install curl\"]";
        var (tree, scripts) = Read(run);
        var script = Assert.Single(scripts);
        var apt = script.Parse.DescendantCommandsWithInlineScripts().Select(c => c.SimpleCommand).Last(c => c != null)!;
        var span = script.MapToSource(apt.Words[0].Start, apt.Words[0].Length);
        Assert.Equal("apt-get", tree.Text.ToString(span));

        var (argvTree, argv) = Read("RUN [\"apt-get\",  \"install\", \"$X\"]");
        var words = Assert.Single(argv).Parse.DescendantCommandsWithInlineScripts().First().SimpleCommand!.Words;
        Assert.Equal("install", argvTree.Text.ToString(argv[0].MapToSource(words[1].Start, words[1].Length)));
        Assert.Equal("\"$X\"", argvTree.Text.ToString(argv[0].MapToSource(words[2].Start, words[2].Length)));
    }

    [Fact]
    public void Shell_rules_do_not_read_an_argv_as_a_script()
    {
        // RunScripts (ShellCheck, pipefail) holds no exec form at all.
        var tree = DockerfileSyntaxTree.Parse("FROM debian:12\nRUN [\"bash\", \"-c\", \"curl x | sh\"]\nRUN [\"curl\", \"a|b\"]\n");
        var model = DockerfileSemanticModel.Create(tree);
        Assert.All(tree.Root.Instructions.OfType<RunInstructionSyntax>(), run => Assert.Empty(RunScripts.For(model, run)));
        Assert.DoesNotContain(RuleRunner.Run(Registry, "dockerfile", "FROM debian:12\nRUN [\"curl\", \"a|b\"]\n"), f => f.Id == "PL7002");
    }

    [Fact]
    public void Command_rules_see_exec_forms()
    {
        var findings = RuleRunner.Run(Registry, "dockerfile", "FROM debian:12\nRUN [\"apt-get\", \"update\"]\nRUN [\"sh\", \"-c\", \"apk add curl\"]\nUSER app\n");
        Assert.Contains(findings, f => f.Id == "PL6006");
        Assert.Contains(findings, f => f.Id == "PL6005" && f.Diagnostic.GetMessage().StartsWith("apk add", StringComparison.Ordinal));
    }

    [Fact]
    public void Fixes_never_edit_an_argv_string_and_stay_inside_a_script_string()
    {
        // `["apk", "add", "curl"]` + " --no-cache" would give the argument "add --no-cache": no fix.
        var argv = RuleRunner.Run(Registry, "dockerfile", "FROM alpine:3.20\nRUN [\"apk\", \"add\", \"curl=8.9.1-r0\"]\n").Single(f => f.Id == "PL6005");
        Assert.Null(argv.Fix);
        var useradd = RuleRunner.Run(Registry, "dockerfile", "FROM debian:12\nRUN [\"useradd\", \"-u\", \"100000000\", \"bob\"]\n").Single(f => f.Id == "PL6033");
        Assert.Null(useradd.Fix);

        // Inside `sh -c "…"` the insertion is a change of the script, as in shell form.
        const string code = "FROM alpine:3.20\nRUN [\"sh\", \"-c\", \"apk add curl=8.9.1-r0\"]\n";
        var script = RuleRunner.Run(Registry, "dockerfile", code).Single(f => f.Id == "PL6005");
        var change = Assert.Single(script.Fix!.Changes);
        Assert.Equal("FROM alpine:3.20\nRUN [\"sh\", \"-c\", \"apk add --no-cache curl=8.9.1-r0\"]\n", code.Remove(change.Span.Start, change.Span.Length).Insert(change.Span.Start, change.NewText!));
    }
}
