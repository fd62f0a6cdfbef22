using System.Diagnostics;
using Plimsoll.Tests.Infrastructure;
using Plimsoll.Tests.Workspace;

namespace Plimsoll.Tests.Cli;

/// <summary>
/// The tool against hostile files and outputs, as a CI job would meet them: every tool error is one line and exit 2,
/// never a hang, a stack trace or a silent pass; reports are replaced whole or not at all.
/// </summary>
[Trait("Tier", "Slow")]
public class FileSafetyCliTests
{
    private static string Project(params (string Path, string Text)[] files)
    {
        var root = TempDirectory.Create();
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), text);
        }
        return root;
    }

    private static void AssertToolError(CliProcess.Result result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr + result.StdOut);
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.DoesNotContain("Unhandled exception", result.StdErr);
    }

    [Fact]
    public void Unwritable_outputs_are_one_line_and_exit_2()
    {
        var root = Project(("Dockerfile", "FROM alpine:3.20\nUSER 1\n"));
        Directory.CreateDirectory(Path.Combine(root, "folder"));
        AssertToolError(CliProcess.Run(root, null, "lint", "-o", "folder"), "--output folder: is a directory");
        AssertToolError(CliProcess.Run(root, null, "lint", "-o", ""), "--output: the file name is empty");
        AssertToolError(CliProcess.Run(root, null, "lint", "-o", "/dev/full"), "No space left on device");
        AssertToolError(CliProcess.Run(root, null, "lint", "-o", "missing/folder/report.sarif"), "does not exist");
        AssertToolError(CliProcess.Run(root, null, "lint", "no/such/folder"), "No such file or directory");
    }

    [Fact]
    public void A_closed_standard_output_is_a_tool_error()
    {
        var root = Project(("Dockerfile", "FROM alpine:3.20\nUSER 1\n"));
        // The shell closes descriptor 1 before starting the tool.
        var result = CliProcess.Run(root, null, "lint"); // sanity: the same run works with a stdout
        Assert.Equal(0, result.ExitCode);
        string tool = Environment.GetEnvironmentVariable("PLIMSOLL_TEST_TOOL") is { Length: > 0 } native ? $"'{native}'" : $"dotnet '{CliProcess.ToolPath}'";
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{tool} lint >&-");
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("cannot write the report to standard output", stderr);
    }

    [Fact]
    public void The_previous_report_survives_a_failed_write_and_inputs_are_never_overwritten()
    {
        var root = Project(("Dockerfile", "FROM ubuntu:latest\n"));
        Assert.Equal(1, CliProcess.Run(root, null, "lint", "-f", "sarif", "-o", "report.sarif").ExitCode);
        string report = File.ReadAllText(Path.Combine(root, "report.sarif"));
        Assert.Contains("PL1001", report);

        AssertToolError(CliProcess.Run(root, null, "lint", "-o", "Dockerfile"), "is a file being linted");
        Assert.Equal("FROM ubuntu:latest\n", File.ReadAllText(Path.Combine(root, "Dockerfile")));

        // A run that fails before its report is complete leaves the old one whole, and no temporary file behind.
        AssertToolError(CliProcess.Run(root, null, "lint", "-f", "sarif", "-o", "report.sarif", "--baseline", "nope.sarif"), "no such file");
        Assert.Equal(report, File.ReadAllText(Path.Combine(root, "report.sarif")));
        Assert.Equal(new[] { "Dockerfile", "report.sarif" }, Directory.GetFiles(root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Dockerfile")]
    [InlineData("compose.yaml")]
    public void Special_files_named_like_sources_are_errors_not_hangs(string name)
    {
        var root = Project(("ok/Dockerfile", "FROM alpine:3.20\nUSER 1\n"));
        Directory.CreateDirectory(Path.Combine(root, "fifo"));
        PhysicalFileSystemTests.MakeFifo(Path.Combine(root, "fifo", name));
        AssertToolError(CliProcess.Run(root, null, "lint", "fifo"), "FIFO");
        Directory.CreateDirectory(Path.Combine(root, "zero"));
        File.CreateSymbolicLink(Path.Combine(root, "zero", name), "/dev/zero");
        AssertToolError(CliProcess.Run(root, null, "lint", "zero", "ok"), "character device");
    }

    [Fact]
    public void Special_side_files_are_reported_and_never_block()
    {
        var root = Project(("Dockerfile", "FROM alpine:3.20\nUSER 1\n"));
        foreach (var name in new[] { ".editorconfig", ".hadolint.yaml", ".gitignore", "baseline.sarif" })
            PhysicalFileSystemTests.MakeFifo(Path.Combine(root, name));
        var run = CliProcess.Run(root, null, "lint");
        Assert.Equal(0, run.ExitCode); // side files are warnings: the Dockerfile itself was fully checked
        Assert.Contains(".editorconfig: warning", run.StdOut);
        Assert.Contains(".gitignore: warning The ignore file was not read", run.StdOut);
        AssertToolError(CliProcess.Run(root, null, "lint", "--baseline", "baseline.sarif"), "--baseline baseline.sarif: is a FIFO");
        AssertToolError(CliProcess.Run(root, null, "lint", "--config", "/dev/zero"), "--config /dev/zero: is a character device");
        AssertToolError(CliProcess.Run(root, null, "lint", "--compose-schema", root), "is a directory");
        AssertToolError(CliProcess.Run(root, null, "lint", "--rules", root), "--rules " + root + ": is a directory");
        AssertToolError(CliProcess.Run(root, null, "lint", "--baseline", root), "is a directory");
    }

    [Fact]
    public void Baselines_that_are_not_sarif_say_what_is_wrong()
    {
        var root = Project(("Dockerfile", "FROM alpine:3.20\nUSER 1\n"), ("foo.json", "{\"foo\":1}"), ("list.json", "[1]"), ("runs.json", "{\"runs\":[{\"results\":7}]}"));
        AssertToolError(CliProcess.Run(root, null, "lint", "--baseline", "foo.json"), "has no \"runs\" array");
        AssertToolError(CliProcess.Run(root, null, "lint", "--baseline", "list.json"), "the top level is a JSON array");
        AssertToolError(CliProcess.Run(root, null, "lint", "--baseline", "runs.json"), "\"results\" is a JSON number");
        File.WriteAllBytes(Path.Combine(root, "huge.sarif"), Array.Empty<byte>());
        using (var stream = File.OpenWrite(Path.Combine(root, "huge.sarif"))) stream.SetLength(65L * 1024 * 1024); // sparse
        AssertToolError(CliProcess.Run(root, null, "lint", "--baseline", "huge.sarif"), "larger than the 64 MiB limit");
    }

    [Fact]
    public void Encodings_are_decoded_or_named()
    {
        var root = Project();
        Directory.CreateDirectory(Path.Combine(root, "bom"));
        File.WriteAllBytes(Path.Combine(root, "bom", "Dockerfile"), new System.Text.UnicodeEncoding(false, true).GetPreamble()
            .Concat(new System.Text.UnicodeEncoding(false, false).GetBytes("FROM alpine:latest\nUSER 1\n")).ToArray());
        var decoded = CliProcess.Run(root, null, "lint", "bom");
        Assert.Equal(1, decoded.ExitCode);
        Assert.Contains("PL1001", decoded.StdOut);
        Assert.DoesNotContain("unknown instruction", decoded.StdOut);

        Directory.CreateDirectory(Path.Combine(root, "nobom"));
        File.WriteAllBytes(Path.Combine(root, "nobom", "Dockerfile"), new System.Text.UnicodeEncoding(true, false).GetBytes("FROM alpine:latest\n"));
        AssertToolError(CliProcess.Run(root, null, "lint", "nobom"), "looks like UTF-16BE text without a byte-order mark");
    }

    [Fact]
    public void Named_ignored_folders_are_linted_and_empty_runs_fail_unless_allowed()
    {
        var root = Project((".gitignore", "gen/\n"), ("gen/Dockerfile", "FROM ubuntu:latest\nUSER 1\n"), ("empty/readme.txt", "x"));
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        var named = CliProcess.Run(root, null, "lint", "gen");
        Assert.Equal(1, named.ExitCode);
        Assert.Contains("gen/Dockerfile:1:6", named.StdOut);
        var inside = CliProcess.Run(Path.Combine(root, "gen"), null, "lint", ".");
        Assert.Equal(1, inside.ExitCode);

        var empty = CliProcess.Run(root, null, "lint", "empty");
        AssertToolError(empty, "no Dockerfile or compose file found in 'empty'");
        Assert.Contains("--allow-empty", empty.StdErr);
        Assert.Equal(0, CliProcess.Run(root, null, "lint", "empty", "--allow-empty").ExitCode);
    }

    [Fact]
    public void Syntax_command_messages_and_exit_codes()
    {
        var root = Project(("other.yaml", "services:\n  s:\n    image: x\n"), ("Dockerfile", "FROM x\n"));
        AssertToolError(CliProcess.Run(root, null, "syntax", root), "is a directory");
        AssertToolError(CliProcess.Run(root, null, "syntax", "--roundtrip", "MISSING"), "MISSING: error: no such file or directory");
        var yaml = CliProcess.Run(root, null, "syntax", "other.yaml");
        Assert.Equal(0, yaml.ExitCode);
        Assert.DoesNotContain("Instruction", yaml.StdOut);
        var lint = CliProcess.Run(root, null, "lint", "other.yaml");
        Assert.DoesNotContain("unknown instruction", lint.StdOut);
        Assert.Contains("PL1001", lint.StdOut);
    }

    [Fact]
    public void The_builtin_rules_assembly_given_as_a_rule_pack_does_not_duplicate_findings()
    {
        var root = Project(("Dockerfile", "FROM ubuntu:latest\nUSER 1\n"));
        string rules = Path.Combine(AppContext.BaseDirectory, "Plimsoll.Rules.dll");
        var once = CliProcess.Run(root, null, "lint", "-f", "json");
        var twice = CliProcess.Run(root, null, "lint", "-f", "json", "--rules", rules);
        Assert.Equal(1, twice.ExitCode);
        Assert.Equal(once.StdOut, twice.StdOut);
        Assert.Contains("is the built-in rules assembly", twice.StdErr);
    }
}

/// <summary>What the .editorconfig reader (being moved onto Roslyn's AnalyzerConfig) must add for issue 14 item 17.</summary>
[Trait("Tier", "Slow")]
public class ConfigurationMessagesCliTests
{
    [Fact]
    public void Unknown_rule_ids_in_config_are_warned_about()
    {
        var root = Plimsoll.Tests.Infrastructure.TempDirectory.Create();
        File.WriteAllText(Path.Combine(root, "Dockerfile"), "FROM alpine:3.20\nUSER 1\n");
        File.WriteAllText(Path.Combine(root, "extra.ini"), "[*]\ndotnet_diagnostic.PL9999.severity = none\n");
        var result = CliProcess.Run(root, null, "lint", "--config", "extra.ini");
        Assert.Contains("PL9999", result.StdOut + result.StdErr);
        Assert.Contains("no rule has the id 'PL9999'", result.StdOut + result.StdErr);
    }
}
