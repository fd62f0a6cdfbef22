using System.Text.Json;
using System.Xml.Linq;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>`plimsoll lint --format json|github|gitlab|checkstyle` on the real examples, parsed back.</summary>
[Trait("Tier", "Slow")]
public class OutputFormatTests
{
    private const string Insecure = "examples/insecure";

    // A finding whose message quotes a URL with '%' and ',' (PL1004: ADD without --checksum), in a folder whose
    // name has ',' and ':' so the file property needs escaping too.
    private static (string Parent, string Folder) CraftedDockerfile(string contents)
    {
        string parent = TempDirectory.Create();
        const string folder = "odd,dir:1";
        Directory.CreateDirectory(Path.Combine(parent, folder));
        File.WriteAllText(Path.Combine(parent, folder, "Dockerfile"), contents);
        return (parent, folder);
    }

    private const string PercentDockerfile =
        "FROM alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000\n" +
        "USER 10001\n" +
        "ADD https://example.com/100%25,x.tgz /opt/\n";

    [Fact]
    public void Json_has_a_version_the_tool_and_every_finding_with_one_based_positions()
    {
        var result = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "--format", "json", Insecure);
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        var root = doc.RootElement;
        Assert.Equal("1", root.GetProperty("version").GetString());
        Assert.Equal("plimsoll", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("tool").GetProperty("version").GetString()));

        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        var latest = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "PL1001" && f.GetProperty("path").GetString() == "examples/insecure/Dockerfile");
        // `FROM ubuntu` is line 2; the image name starts at column 6 and ends after column 11.
        Assert.Equal(2, latest.GetProperty("startLine").GetInt32());
        Assert.Equal(6, latest.GetProperty("startColumn").GetInt32());
        Assert.Equal(2, latest.GetProperty("endLine").GetInt32());
        Assert.Equal(12, latest.GetProperty("endColumn").GetInt32());
        Assert.Equal("warning", latest.GetProperty("severity").GetString());
        Assert.Contains("ubuntu", latest.GetProperty("message").GetString());
        Assert.False(latest.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, latest.GetProperty("justification").ValueKind);

        var http = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "PL1003" && f.GetProperty("startLine").GetInt32() == 6);
        Assert.Equal("error", http.GetProperty("severity").GetString());
        Assert.Equal(16, http.GetProperty("startColumn").GetInt32());

        // The compose file is linted too.
        Assert.Contains(findings, f => f.GetProperty("path").GetString() == "examples/insecure/compose.yaml");
        foreach (var f in findings)
        {
            Assert.True(f.GetProperty("startLine").GetInt32() >= 1);
            Assert.True(f.GetProperty("startColumn").GetInt32() >= 1);
            Assert.True(f.GetProperty("endLine").GetInt32() >= f.GetProperty("startLine").GetInt32());
        }
    }

    [Fact]
    public void Json_names_the_peer_rules_an_attributed_finding_corresponds_to()
    {
        string temp = TempDirectory.Create();
        File.WriteAllText(Path.Combine(temp, "compose.yaml"),
            "services:\n  debug:\n    image: app:1.0\n    cap_add: [SYS_PTRACE]\n    volumes: [\"/srv/app:/app\"]\n");
        using var doc = JsonDocument.Parse(CliProcess.Run(temp, null, "lint", "--format", "json", "compose.yaml").StdOut);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var capability = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "PL2003");
        Assert.Equal(new[] { "CL-0027", "CL-0011" },
            capability.GetProperty("peerRules").GetProperty("composeLint").EnumerateArray().Select(e => e.GetString()));
        // No attribution: the field is left out (the finding corresponds to every peer rule its rule declares).
        Assert.False(Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "PL2009").TryGetProperty("peerRules", out _));
    }

    [Fact]
    public void Json_keeps_suppressed_findings_with_their_justification_and_others_leave_them_out()
    {
        string temp = TempDirectory.Create();
        File.WriteAllText(Path.Combine(temp, "Dockerfile"),
            "# plimsoll disable-next-line PL1001 -- pinned by the base image policy\nFROM ubuntu:latest\nUSER 10001\n");
        var text = CliProcess.Run(temp, null, "lint", "--format", "text", "Dockerfile");
        Assert.Contains("suppressed", text.StdOut); // the comment syntax really suppresses here

        using var doc = JsonDocument.Parse(CliProcess.Run(temp, null, "lint", "--format", "json", "Dockerfile").StdOut);
        var suppressed = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "PL1001");
        Assert.True(suppressed.GetProperty("suppressed").GetBoolean());
        Assert.Contains("pinned by the base image policy", suppressed.GetProperty("justification").GetString());

        Assert.DoesNotContain("PL1001", CliProcess.Run(temp, null, "lint", "--format", "github", "Dockerfile").StdOut);
        Assert.DoesNotContain("PL1001", CliProcess.Run(temp, null, "lint", "--format", "gitlab", "Dockerfile").StdOut);
        Assert.DoesNotContain("PL1001", CliProcess.Run(temp, null, "lint", "--format", "checkstyle", "Dockerfile").StdOut);
    }

    [Fact]
    public void GitHub_writes_one_workflow_command_per_finding()
    {
        var result = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "--format", "github", Insecure);
        Assert.Equal(1, result.ExitCode);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("::warning file=examples/insecure/Dockerfile,line=2,col=6,endLine=2,endColumn=12,title=PL1001::Image 'ubuntu' has no tag, so it means 'latest': pin a specific version tag", lines);
        Assert.Contains("::error file=examples/insecure/Dockerfile,line=6,col=16,endLine=6,endColumn=49,title=PL1003::curl downloads over plain HTTP (http://get.example.com/install.sh): use https", lines);
        Assert.Contains(lines, l => l.StartsWith("::notice file=examples/insecure/Dockerfile,line=2,col=6,", StringComparison.Ordinal) && l.Contains("title=PL1002::"));
        Assert.All(lines, l => Assert.Matches(@"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=PL\d{4}::.", l));
    }

    [Fact]
    public void GitHub_escapes_percent_comma_and_colon()
    {
        var (parent, folder) = CraftedDockerfile(PercentDockerfile);
        var result = CliProcess.Run(parent, null, "lint", "--format", "github", folder + "/Dockerfile");
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // Property: ',' -> %2C, ':' -> %3A. Message: '%' -> %25, ',' kept.
        Assert.Equal(
            "::warning file=odd%2Cdir%3A1/Dockerfile,line=3,col=5,endLine=3,endColumn=37,title=PL1004::ADD downloads https://example.com/100%2525,x.tgz without --checksum: add --checksum=sha256:<digest>",
            line);
    }

    [Fact]
    public void GitLab_code_quality_issues_have_stable_fingerprints_and_repository_paths()
    {
        var first = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "--format", "gitlab", Insecure);
        Assert.Equal(1, first.ExitCode);
        using var doc = JsonDocument.Parse(first.StdOut);
        var issues = doc.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(issues);
        foreach (var issue in issues)
        {
            Assert.Matches("^PL\\d{4}$", issue.GetProperty("check_name").GetString());
            Assert.Matches("^[0-9a-f]{64}$", issue.GetProperty("fingerprint").GetString());
            Assert.Contains(issue.GetProperty("severity").GetString(), new[] { "info", "minor", "major", "critical", "blocker" });
            Assert.False(string.IsNullOrEmpty(issue.GetProperty("description").GetString()));
            Assert.True(issue.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32() >= 1);
        }
        // Fingerprints are unique (GitLab drops duplicates) — the same rule twice on a line is the only way to collide.
        var http = Assert.Single(issues, i => i.GetProperty("check_name").GetString() == "PL1003" && i.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32() == 6);
        Assert.Equal("examples/insecure/Dockerfile", http.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal("major", http.GetProperty("severity").GetString());

        // Run from elsewhere: paths stay relative to the repository root, fingerprints stay the same.
        var again = CliProcess.Run(Path.Combine(TestPaths.RepoRoot, "examples"), null, "lint", "--format", "gitlab", "insecure");
        using var doc2 = JsonDocument.Parse(again.StdOut);
        Assert.Equal(
            issues.Select(i => i.GetProperty("fingerprint").GetString()).ToList(),
            doc2.RootElement.EnumerateArray().Select(i => i.GetProperty("fingerprint").GetString()).ToList());
    }

    [Fact]
    public void GitLab_fingerprint_survives_a_finding_moving_down()
    {
        var (parent, folder) = CraftedDockerfile(PercentDockerfile);
        string Fingerprint()
        {
            using var doc = JsonDocument.Parse(CliProcess.Run(parent, null, "lint", "--format", "gitlab", folder + "/Dockerfile").StdOut);
            var issue = Assert.Single(doc.RootElement.EnumerateArray());
            return issue.GetProperty("fingerprint").GetString()!;
        }
        string before = Fingerprint();
        File.WriteAllText(Path.Combine(parent, folder, "Dockerfile"), "# a comment above\n" + PercentDockerfile);
        Assert.Equal(before, Fingerprint());
    }

    [Fact]
    public void Checkstyle_is_xml_with_one_error_per_finding()
    {
        var result = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "--format", "checkstyle", Insecure);
        Assert.Equal(1, result.ExitCode);
        var doc = XDocument.Parse(result.StdOut);
        Assert.Equal("checkstyle", doc.Root!.Name.LocalName);
        Assert.Equal("4.3", doc.Root.Attribute("version")!.Value);
        var file = Assert.Single(doc.Root.Elements("file"), f => f.Attribute("name")!.Value == "examples/insecure/Dockerfile");
        var latest = Assert.Single(file.Elements("error"), e => e.Attribute("source")!.Value == "plimsoll.PL1001");
        Assert.Equal("2", latest.Attribute("line")!.Value);
        Assert.Equal("6", latest.Attribute("column")!.Value);
        Assert.Equal("warning", latest.Attribute("severity")!.Value);
        Assert.Contains("ubuntu", latest.Attribute("message")!.Value);
        Assert.Contains(file.Elements("error"), e => e.Attribute("severity")!.Value == "error" && e.Attribute("source")!.Value == "plimsoll.PL1003");
        Assert.Contains(doc.Root.Elements("file"), f => f.Attribute("name")!.Value == "examples/insecure/compose.yaml");

        // The JSON report (suppressed ones aside) and the checkstyle one list the same findings.
        using var json = JsonDocument.Parse(CliProcess.Run(TestPaths.RepoRoot, null, "lint", "--format", "json", Insecure).StdOut);
        int unsuppressed = json.RootElement.GetProperty("findings").EnumerateArray().Count(f => !f.GetProperty("suppressed").GetBoolean());
        Assert.Equal(unsuppressed, doc.Root.Elements("file").Elements("error").Count());
    }

    [Fact]
    public void Several_files_as_arguments_are_linted_as_pre_commit_passes_them()
    {
        var result = CliProcess.Run(TestPaths.RepoRoot, null, "lint", "--format", "json", "examples/insecure/Dockerfile", "examples/secure/Dockerfile", "examples/insecure/compose.yaml");
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.StdOut);
        var paths = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString()).Distinct().ToList();
        Assert.Contains("examples/insecure/Dockerfile", paths);
        Assert.Contains("examples/insecure/compose.yaml", paths);
        Assert.DoesNotContain("examples/secure/Dockerfile", paths);
    }
}
