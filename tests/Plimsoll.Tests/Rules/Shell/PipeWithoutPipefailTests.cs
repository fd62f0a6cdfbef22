using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Shell;

public class PipeWithoutPipefailTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static List<Finding> Run(string code) => RuleRunner.Run(Registry, "dockerfile", code).Where(f => f.Id == "PL7002").ToList();

    private static List<string> Positions(string code)
        => Run(code).Select(f => $"{f.LineSpan.StartLinePosition.Line + 1}:{f.LineSpan.StartLinePosition.Character + 1}").ToList();

    [Theory]
    [InlineData("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]")]
    [InlineData("SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]")]
    [InlineData("SHELL [\"/bin/ash\", \"-opipefail\", \"-c\"]")]
    [InlineData("SHELL [\"zsh\", \"-euxo\", \"pipefail\", \"-c\"]")]
    public void A_shell_with_pipefail_satisfies_it(string shell)
        => Assert.Empty(Run($"FROM debian:12\n{shell}\nRUN a | b\n"));

    [Theory]
    [InlineData("SHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]")] // dash has no pipefail
    [InlineData("SHELL [\"/bin/bash\", \"-c\"]")]
    [InlineData("SHELL [\"/bin/bash\", \"-o\", \"errexit\", \"-c\"]")]
    public void A_shell_without_pipefail_does_not(string shell)
        => Assert.Single(Run($"FROM debian:12\n{shell}\nRUN a | b\n"));

    [Fact]
    public void Set_pipefail_counts_only_before_the_pipe_and_in_the_same_run()
    {
        Assert.Empty(Run("FROM debian:12\nRUN set -euo pipefail; a | b\n"));
        Assert.Equal(new[] { "2:7" }, Positions("FROM debian:12\nRUN a | b; set -o pipefail; c | d\n"));
        Assert.Equal(new[] { "3:7" }, Positions("FROM debian:12\nRUN set -o pipefail\nRUN a | b\n"));
    }

    [Fact]
    public void Pipes_are_found_through_continuations_substitutions_and_heredocs()
    {
        Assert.Equal(new[] { "4:4" }, Positions("FROM debian:12\nRUN a && \\\n  # comment\n\tb | c\n"));
        Assert.Equal(new[] { "2:12" }, Positions("FROM debian:12\nRUN x=\"$(a | b)\"\n"));
        Assert.Equal(new[] { "3:3" }, Positions("FROM debian:12\nRUN <<EOF\na | b\nEOF\n"));
        Assert.Empty(Run("FROM debian:12\nRUN a || b && c\nRUN [\"sh\", \"-c\", \"a | b\"]\nRUN echo 'a | b'\n"));
        Assert.Empty(Run("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN a | b\n"));
    }

    [Fact]
    public void The_shell_applies_per_stage()
        => Assert.Equal(new[] { "5:7" }, Positions("FROM debian:12 AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nFROM debian:12\nRUN a | b\n"));

    [Fact]
    public void Fixes_keep_every_other_byte()
    {
        // In bash: set -o pipefail before the command (unsafe).
        const string Bash = "FROM debian:12\r\nSHELL [\"/bin/bash\", \"-c\"]\r\nRUN  a | b \\\r\n   | c\r\n";
        var fix = Assert.Single(Run(Bash)).Fix!;
        Assert.Equal(FixApplicability.Unsafe, fix.EffectiveApplicability);
        Assert.Equal("FROM debian:12\r\nSHELL [\"/bin/bash\", \"-c\"]\r\nRUN  set -o pipefail && a | b \\\r\n   | c\r\n", SourceText.From(Bash).WithChanges(fix.Changes).ToString());

        // In /bin/sh: the SHELL line is only shown, indented like the RUN, with the file's line ending.
        const string Sh = "FROM debian:12\r\n  RUN a | b\r\n";
        var shown = Assert.Single(Run(Sh)).Fix!;
        Assert.Equal(FixApplicability.DisplayOnly, shown.EffectiveApplicability);
        Assert.Equal("FROM debian:12\r\n  SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\r\n  RUN a | b\r\n", SourceText.From(Sh).WithChanges(shown.Changes).ToString());

        // A heredoc script gets no fix.
        Assert.Null(Assert.Single(Run("FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN <<EOF\na | b\nEOF\n")).Fix);
    }
}
