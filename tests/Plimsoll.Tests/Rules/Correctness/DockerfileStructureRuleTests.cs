using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Fixes;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Correctness;

/// <summary>Behaviour of the Dockerfile structure rules (PL5001–PL5017, PL6050/51, PL3020, PL2030, PL2040) beyond their page examples.</summary>
public class DockerfileStructureRuleTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    private static IReadOnlyList<Finding> Run(string code, string id)
        => RuleRunner.Run(Registry, "dockerfile", code).Where(f => f.Id == id).ToList();

    private static string Fix(string code, string id)
        => SourceFixer.FixUntilStable(SourceText.From(code), text => Run(text.ToString(), id), FixApplicability.Unsafe).Fixed.ToString();

    [Theory]
    [InlineData("FROM alpine\nWORKDIR $HOME/app\n")]
    [InlineData("FROM alpine\nWORKDIR \"/quoted dir\"\n")]
    [InlineData("FROM alpine\nWORKDIR C:/app\n")]
    [InlineData("FROM alpine AS a\nWORKDIR /x\nFROM a\nWORKDIR y\n")]
    [InlineData("FROM alpine\nWORKDIR\n")]
    public void Relative_workdir_stays_silent_on_unknown_absolute_or_inherited_paths(string code)
        => Assert.Empty(Run(code, "PL5001"));

    [Fact]
    public void Relative_workdir_fix_keeps_crlf_and_comments()
    {
        string code = "FROM scratch\r\n# here\r\nWORKDIR data # not a comment\r\n";
        var finding = Assert.Single(Run(code, "PL5001"));
        Assert.Equal(FixApplicability.Safe, finding.Fix!.EffectiveApplicability);
        // WORKDIR takes the whole rest of the line, so the quoted-looking tail is part of the path: no rewrite of text with '#'.
        Assert.Equal(code.Replace("WORKDIR data", "WORKDIR /data"), Fix(code, "PL5001"));
    }

    [Fact]
    public void Overridden_instructions_ignore_onbuild_and_other_stages()
    {
        string code = "FROM a AS one\nCMD x\nONBUILD CMD y\nFROM b\nCMD z\n";
        Assert.Empty(Run(code, "PL5002"));
    }

    [Fact]
    public void Copy_from_resolves_arg_defaults_and_indexes()
    {
        string code = "FROM alpine AS build\nARG SRC=build\nCOPY --from=${SRC} /a /b\nCOPY --from=$UNKNOWN /a /b\n";
        var finding = Assert.Single(Run(code, "PL5005"));
        Assert.Contains("--from=build", finding.Diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FROM a AS build\nFROM b\nCOPY --from=ghcr.io/x/y:1 /a /b\n")]
    [InlineData("FROM a AS build\nFROM b\nCOPY --from=composer /a /b\n")]
    [InlineData("FROM a AS build\nFROM b\nCOPY --from=BUILD /a /b\n")]
    [InlineData("FROM a AS build\nFROM b\nONBUILD COPY --from=biuld /a /b\n")]
    public void Copy_from_accepts_images_stages_in_any_case_and_onbuild(string code)
        => Assert.Empty(Run(code, "PL5006"));

    [Fact]
    public void Several_sources_fix_goes_inside_quotes()
    {
        string code = "FROM a\nCOPY a b \"/app\"\n";
        Assert.Equal("FROM a\nCOPY a b \"/app/\"\n", Fix(code, "PL5007"));
    }

    [Theory]
    [InlineData("FROM a\nEXPOSE 65535 0 8000-8080/udp $PORT ${P:-99999}x\n")]
    [InlineData("FROM a\nEXPOSE 99999999999999999999x\n")]
    public void Expose_ports_in_range_or_not_numbers_are_silent(string code)
        => Assert.Empty(Run(code, "PL5008"));

    [Fact]
    public void Expose_out_of_range_survives_huge_numbers()
        => Assert.Single(Run("FROM a\nEXPOSE 99999999999999999999\n", "PL5008"));

    [Theory]
    [InlineData("CMD echo $HOME")]
    [InlineData("CMD a && b")]
    [InlineData("CMD FOO=1 app")]
    [InlineData("CMD app 'x y'")]
    public void Shell_form_with_shell_syntax_gets_no_fix(string line)
    {
        var finding = Assert.Single(Run("FROM a\n" + line + "\n", "PL5010"));
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void Shell_form_with_continuation_gets_no_fix_and_entrypoint_fix_is_unsafe()
    {
        Assert.Null(Assert.Single(Run("FROM a\nCMD node \\\n  server.js\n", "PL5010")).Fix);
        Assert.Equal(FixApplicability.Unsafe, Assert.Single(Run("FROM a\nENTRYPOINT node server.js\n", "PL5010")).Fix!.EffectiveApplicability);
        Assert.Empty(Run("FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nCMD node server.js\n", "PL5010"));
    }

    [Fact]
    public void Maintainer_with_characters_label_would_read_differently_has_no_fix()
    {
        Assert.Null(Assert.Single(Run("FROM a\nMAINTAINER $USER\n", "PL6050")).Fix);
        Assert.Null(Assert.Single(Run("FROM a\nMAINTAINER a \"b\"\n", "PL6050")).Fix);
    }

    [Fact]
    public void Undefined_arg_in_from_knows_platform_args_and_defaults()
    {
        Assert.Empty(Run("FROM --platform=$BUILDPLATFORM golang:${GO:-1.23}-$TARGETOS\n", "PL5011"));
        Assert.Single(Run("FROM --platform=$BUIDPLATFORM golang\n", "PL5011"));
    }

    [Fact]
    public void Env_self_reference_ignores_own_key_and_earlier_definitions()
    {
        Assert.Empty(Run("FROM a\nENV PATH=/x:$PATH A=1\n", "PL5013"));
        Assert.Empty(Run("FROM a\nENV A=0\nENV A=1 B=$A\n", "PL5013"));
        Assert.Empty(Run("FROM a\nENV A=1 B=${A:-2}\n", "PL5013"));
    }

    [Fact]
    public void Invalid_default_arg_in_from_accepts_stage_names_and_alternatives()
    {
        Assert.Empty(Run("ARG BASE=build\nFROM alpine AS build\nFROM ${BASE}\n", "PL5014"));
        Assert.Empty(Run("ARG V\nFROM python:3.13${V:+-}${V}\n", "PL5014"));
        Assert.Single(Run("ARG IMAGE=Alpine\nFROM ${IMAGE}\n", "PL5014"));
    }

    [Fact]
    public void Empty_continuation_fix_keeps_crlf_and_heredoc_bodies()
    {
        string code = "FROM a\r\nRUN a \\\r\n\r\n  b\r\nRUN <<EOF\r\necho\r\n\r\necho\r\nEOF\r\n";
        var finding = Assert.Single(Run(code, "PL5016"));
        Assert.Equal(3, finding.Diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal("FROM a\r\nRUN a \\\r\n  b\r\nRUN <<EOF\r\necho\r\n\r\necho\r\nEOF\r\n", Fix(code, "PL5016"));
    }

    [Theory]
    [InlineData("FROM a\nWORKDIR /procedures\n")]
    [InlineData("FROM a\nWORKDIR /app/proc\n")]
    public void Workdir_system_directory_matches_whole_path_components(string code)
        => Assert.Empty(Run(code, "PL2030"));

    [Fact]
    public void Workdir_system_directory_normalises_slashes()
        => Assert.Single(Run("FROM a\nWORKDIR //sys/./kernel/\n", "PL2030"));

    [Fact]
    public void Hostile_inputs_do_not_crash_the_rules()
    {
        string[] inputs =
        {
            "FROM\nCOPY --from= a\nEXPOSE :\nWORKDIR \"\nENV =\nCMD\nENTRYPOINT []\n",
            "ARG X=${X}${X}\nFROM ${X\nCOPY --from=${ a b\nEXPOSE ${P:?}\n",
            "FROM a AS b AS c\nONBUILD COPY --from=b / /\nMAINTAINER\nHEALTHCHECK\n",
            "# escape=`\nFROM a\nRUN a `\n\n  b\nCOPY a b c`\n  d\n",
        };
        foreach (var input in inputs)
            Assert.NotNull(RuleRunner.Run(Registry, "dockerfile", input));
    }
}
