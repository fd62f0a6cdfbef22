using Plimsoll.Analysis;
using Plimsoll.Analysis.ShellChecking;
using Plimsoll.Cli.Linting;
using Plimsoll.Rules;

namespace Plimsoll.Tests.Rules.Shell;

/// <summary>PL7001 with the real shellcheck program: exact positions through continuations, CRLF, tabs, heredocs and compose values.</summary>
public class ShellCheckRuleTests
{
    private static readonly AnalyzerRegistry Registry = new(BuiltInRules.CreateAnalyzers());

    // "line:column-line:column SCnnnn" of each PL7001 finding (1-based), in file order.
    private static List<string> Run(string code, string language = "dockerfile", params (string Key, string Value)[] settings)
        => RuleRunner.Run(Registry, language, code, withSchema: false, settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList(), shellCheck: true)
            .Where(f => f.Id == "PL7001" && !f.IsSuppressed)
            .Select(f =>
            {
                var span = f.LineSpan;
                return $"{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}-{span.EndLinePosition.Line + 1}:{span.EndLinePosition.Character + 1} {f.Diagnostic.Properties[SubRules.PropertyKey]}";
            })
            .ToList();

    // Findings at one place come in code order (the engine's order); the tests state them in any order at one place.
    private static void AssertFindings(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        static IEnumerable<string> Ordered(IEnumerable<string> items) => items
            .Select(i => (Item: i, Parts: i.Split(' ')[0].Split('-')[0].Split(':').Select(int.Parse).ToArray()))
            .OrderBy(i => i.Parts[0]).ThenBy(i => i.Parts[1]).ThenBy(i => i.Item, StringComparer.Ordinal).Select(i => i.Item);
        Assert.Equal(Ordered(expected), actual);
    }

    [Fact]
    public void Shellcheck_is_installed()
    {
        // The test command (tests/run-all.sh) installs it; without it every test here would prove nothing.
        Assert.Null(new ShellCheckRunner("shellcheck").UnavailableReason);
    }

    [Fact]
    public void Positions_go_through_continuations_and_tabs()
    {
        var found = Run("FROM debian:12\nRUN echo $a && \\\n    # a comment inside\n\tls $b\n");
        AssertFindings(new[] { "2:10-2:12 SC2154", "2:10-2:12 SC2086", "4:5-4:7 SC2154", "4:5-4:7 SC2086" }, found);
    }

    [Fact]
    public void Positions_go_through_crlf_lines()
    {
        var found = Run("FROM debian:12\r\nRUN true && \\\r\n  echo $a\r\nRUN <<EOF\r\nls $b\r\nEOF\r\n");
        AssertFindings(new[] { "3:8-3:10 SC2154", "3:8-3:10 SC2086", "5:4-5:6 SC2154", "5:4-5:6 SC2086" }, found);
    }

    [Fact]
    public void Heredoc_bodies_are_scripts_or_data_as_the_shell_reads_them()
    {
        // `cat <<EOF > f`: the body is data the shell expands ($b), the command after it is checked; `RUN <<EOF`: the body is the script.
        var found = Run("FROM debian:12\nRUN cat <<EOF > /f && echo $a\n$b is data\nEOF\nRUN <<EOF\n  ls\n  cd /x\nEOF\nRUN cat <<'EOF' > /g\n$c is not expanded\nEOF\n");
        AssertFindings(new[] { "2:28-2:30 SC2154", "2:28-2:30 SC2086", "3:1-3:3 SC2154", "7:3-7:8 SC2164" }, found);
    }

    [Fact]
    public void Arg_and_env_names_are_set_for_the_script()
    {
        var found = Run("FROM debian:12 AS base\nENV from_base=1\nFROM base\nARG version\nRUN echo \"$version $from_base $http_proxy $other\"\n");
        AssertFindings(new[] { "5:43-5:49 SC2154" }, found);
    }

    [Fact]
    public void Shell_instruction_sets_the_dialect()
    {
        const string Script = "RUN [[ -n \"$HOME\" ]]\n";
        AssertFindings(new[] { "2:5-2:21 SC3010" }, Run("FROM debian:12\n" + Script));
        Assert.Empty(Run("FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\n" + Script));
        Assert.Empty(Run("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN echo $a\n"));
    }

    [Fact]
    public void A_code_is_suppressed_and_configured_on_its_own()
    {
        const string Code = "FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $a\n# plimsoll disable-next-line SC2154\nRUN echo $b\nRUN echo $c\n";
        AssertFindings(new[] { "3:10-3:12 SC2154", "5:10-5:12 SC2086", "6:10-6:12 SC2154", "6:10-6:12 SC2086" }, Run(Code));
        AssertFindings(new[] { "3:10-3:12 SC2154", "6:10-6:12 SC2154" }, Run(Code, "dockerfile", ("dotnet_diagnostic.SC2086.severity", "none")));
        AssertFindings(new[] { "3:10-3:12 SC2154", "6:10-6:12 SC2154" }, Run(Code, "dockerfile", ("plimsoll.shellcheck.exclude", "SC2086")));
        AssertFindings(new[] { "3:10-3:12 SC2154", "6:10-6:12 SC2154" }, Run(Code, "dockerfile", ("plimsoll.shellcheck.severity", "warning")));
        Assert.Empty(Run(Code, "dockerfile", ("dotnet_diagnostic.PL7001.severity", "none")));
    }

    [Fact]
    public void A_code_set_to_error_is_an_error()
    {
        var findings = RuleRunner.Run(Registry, "dockerfile", "FROM debian:12\nRUN echo $HOME\n", false,
            new[] { new KeyValuePair<string, string>("dotnet_diagnostic.SC2086.severity", "error") }, shellCheck: true).Where(f => f.Id == "PL7001").ToList();
        var finding = Assert.Single(findings);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal("SC2086: Double quote to prevent globbing and word splitting.", finding.Diagnostic.GetMessage());
    }

    [Fact]
    public void Levels_become_severities()
    {
        var findings = RuleRunner.Run(Registry, "dockerfile", "FROM debian:12\nRUN cd /x; echo $HOME; for f in $(ls); do :; done\n", false, null, shellCheck: true)
            .Where(f => f.Id == "PL7001").ToDictionary(f => (string)f.Diagnostic.Properties[SubRules.PropertyKey]!, f => f.Severity);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, findings["SC2164"]);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, findings["SC2086"]);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, findings["SC2045"]);
    }

    [Fact]
    public void Hostile_scripts_do_not_break_the_rule()
    {
        // An unclosed quote (a parse error at the script's end), exec form, an empty RUN, non-ASCII text.
        Assert.All(Run("FROM debian:12\nRUN echo \"x\n"), f => Assert.StartsWith("2:", f, StringComparison.Ordinal));
        Assert.Empty(Run("FROM debian:12\nRUN [\"sh\", \"-c\", \"echo $a\"]\nRUN\n"));
        AssertFindings(new[] { "2:15-2:17 SC2154" }, Run("FROM debian:12\nRUN echo \"é😀 $a\"\n"));
    }

    [Fact]
    public void Compose_scripts_map_to_where_they_are_written()
    {
        const string Compose = """
            services:
              a:
                image: alpine:3.20
                environment:
                  known: "1"
                command: ["sh", "-c", "echo $$known $$unknown"]
                healthcheck:
                  test: ["CMD-SHELL", "cd /x; true"]
              b:
                image: alpine:3.20
                entrypoint: sh -c 'ls $$dir'
                healthcheck:
                  test: |
                    true
                    cd /y
              c:
                image: alpine:3.20
                entrypoint: ["/bin/bash", "-ec"]
                command: ["echo $$missing"]
              d:
                image: alpine:3.20
                command: ["sh", "-c", "echo $HOME $$x"]
            """;
        AssertFindings(new[]
        {
            "6:33-6:40 SC2086", "6:41-6:50 SC2154", "6:41-6:50 SC2086",
            "8:28-8:33 SC2164",
            "11:27-11:32 SC2154", "11:27-11:32 SC2086",
            "15:9-15:14 SC2164",
            "19:21-19:30 SC2154", "19:21-19:30 SC2086",
        }, Run(Compose, "yaml"));
    }

    [Fact]
    public void Scripts_too_long_or_too_deep_for_shellcheck_are_skipped_and_said()
    {
        // ShellCheck takes minutes on such scripts; the other scripts of the file are still checked.
        string longRun = "RUN " + string.Join(" && \\\n    ", Enumerable.Repeat("echo \"$a\"", 3000)) + "\n";
        string deepRun = "RUN " + new string('(', 150) + "true" + new string(')', 150) + "\n";
        var driver = new AnalyzerDriver(Registry) { ShellScriptChecker = new ShellCheckRunner("shellcheck", window: TimeSpan.Zero) };
        var result = driver.AnalyzeDockerfile(Microsoft.CodeAnalysis.Text.SourceText.From("FROM debian:12\n" + longRun + deepRun + "RUN echo $b\n"), "Dockerfile");

        var lines = result.Findings.Where(f => f.Id == "PL7001").Select(f => f.LineSpan.StartLinePosition.Line + 1).Distinct().ToList();
        Assert.Equal(new[] { 3003 }, lines);
        var note = Assert.Single(result.Notifications);
        Assert.Equal(Plimsoll.Diagnostics.ToolNotificationLevel.Warning, note.Level);
        Assert.Contains("ShellCheck did not check 2 of the RUN scripts of this file (PL7001 is silent for it)", note.Message, StringComparison.Ordinal);
        Assert.Contains("over the 16 KB limit", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_scripts_too_long_or_too_deep_for_shellcheck_are_skipped_and_said()
    {
        string script = string.Join(" && ", Enumerable.Repeat("echo $$a", 2500));
        string deep = new string('(', 150) + "true" + new string(')', 150);
        string compose = "services:\n  a:\n    image: alpine:3.20\n    command: [\"sh\", \"-c\", \"" + script + "\"]\n    entrypoint: sh -c 'cd /x'\n"
            + "    healthcheck:\n      test: [\"CMD-SHELL\", \"" + deep + "\"]\n";
        var driver = new AnalyzerDriver(Registry) { ShellScriptChecker = new ShellCheckRunner("shellcheck", window: TimeSpan.Zero) };
        string dir = Plimsoll.Tests.Infrastructure.TempDirectory.Create();
        string path = Path.Combine(dir, "compose.yaml");
        File.WriteAllText(path, compose);
        var result = driver.AnalyzeComposeFile(Microsoft.CodeAnalysis.Text.SourceText.From(compose), path, isStack: false);

        var codes = result.Findings.Where(f => f.Id == "PL7001").Select(f => f.Diagnostic.Properties[SubRules.PropertyKey]).ToList();
        Assert.Equal(new[] { "SC2164" }, codes); // the short entrypoint script only
        var note = Assert.Single(result.Notifications);
        Assert.Contains("ShellCheck did not check 2 of the shell commands of this file", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_file_gives_shellcheck_a_bounded_number_of_scripts()
    {
        // A generated file with thousands of RUNs: the first 200 are checked, the rest are said to be skipped.
        string dockerfile = "FROM debian:12\n" + string.Concat(Enumerable.Repeat("RUN echo $a\n", 250));
        var driver = new AnalyzerDriver(Registry) { ShellScriptChecker = new ShellCheckRunner("shellcheck", window: TimeSpan.Zero) };
        var result = driver.AnalyzeDockerfile(Microsoft.CodeAnalysis.Text.SourceText.From(dockerfile), "Dockerfile");

        var lines = result.Findings.Where(f => f.Id == "PL7001").Select(f => f.LineSpan.StartLinePosition.Line + 1).Distinct().ToList();
        Assert.Equal(Enumerable.Range(2, 200), lines);
        var note = Assert.Single(result.Notifications);
        Assert.Contains("ShellCheck did not check 50 of the RUN scripts of this file (PL7001 is silent for it): ShellCheck is given at most 200 scripts", note.Message, StringComparison.Ordinal);
    }
}
