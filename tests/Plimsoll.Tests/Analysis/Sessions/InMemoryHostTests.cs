using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Rules;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Analysis.Sessions;

/// <summary>
/// A host that has only memory (a language server's unsaved buffers, a Roslyn analyzer's additional files): the
/// session reads every other file through its file system, so nothing here touches the disk, and an edit to one
/// buffer changes the findings of another document.
/// </summary>
public class InMemoryHostTests
{
    private const string Root = "/inmemory/project";

    private static (LintSession Session, InMemoryFileSystem Files) CreateProject()
    {
        var files = new InMemoryFileSystem(new Dictionary<string, string>
        {
            [Root + "/compose.yaml"] =
                "include:\n  - ./db/compose.yaml\n" +
                "services:\n  web:\n    image: nginx:${NGINX_TAG}\n    user: \"101\"\n    secrets: [api_key, tls_cert]\n" +
                "secrets:\n  tls_cert:\n    file: ./certs/tls.pem\n",
            [Root + "/.env"] = "NGINX_TAG=1.27\n",
            [Root + "/certs/tls.pem"] = "not a real certificate",
            [Root + "/db/compose.yaml"] =
                "services:\n  db:\n    image: postgres:16\n    user: \"999\"\n    secrets: [db_password]\n" +
                "secrets:\n  db_password:\n    file: ./password.txt\n",
            [Root + "/db/password.txt"] = "not a real password",
            [Root + "/app/Dockerfile"] = "FROM ubuntu\nUSER app\n",
            [Root + "/.editorconfig"] = "root = true\n[*]\ndotnet_diagnostic.PL1002.severity = none\n",
        });
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = files });
        return (session, files);
    }

    private static IEnumerable<string> Ids(FileAnalysisResult result) => result.Findings.Select(f => f.Id);

    [Fact]
    public void A_compose_project_is_read_from_memory_with_its_env_include_and_secret_files()
    {
        var (session, _) = CreateProject();

        var result = session.Lint(Root + "/compose.yaml", null);

        Assert.Empty(result.Notifications);
        // api_key is defined nowhere yet; tls_cert is defined and its file exists; .env pins the tag.
        var undefined = Assert.Single(result.Findings, f => f.Id == "PL4001");
        Assert.Contains("'api_key'", undefined.Diagnostic.GetMessage());
        Assert.DoesNotContain("PL4003", Ids(result));
        Assert.DoesNotContain("PL1001", Ids(result));

        var included = session.Lint(Root + "/db/compose.yaml", null);
        Assert.DoesNotContain("PL4003", Ids(included));
    }

    [Fact]
    public void An_unsaved_override_that_defines_the_secret_removes_PL4001_from_the_base_file()
    {
        var (session, files) = CreateProject();
        var overlay = new OverlayFileSystem(files);
        session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = overlay });
        Assert.Contains("PL4001", Ids(session.Lint(Root + "/compose.yaml", null)));

        // The editor opens compose.override.yaml, never saved: a buffer only.
        string overridePath = Root + "/compose.override.yaml";
        overlay.SetBuffer(overridePath, "secrets:\n  api_key:\n    file: ./api_key.txt\n");
        session.OnFilesChanged(new[] { overridePath });

        Assert.Equal(new[] { FilePaths.Normalize(Root + "/compose.yaml") }, session.GetAffectedDocuments(overridePath));
        var again = session.Lint(Root + "/compose.yaml", null);
        Assert.DoesNotContain("PL4001", Ids(again));
        // The override names a secret file that exists nowhere: its own finding.
        Assert.Contains("PL4003", Ids(session.Lint(overridePath, null)));

        // Closing the buffer without saving brings the finding back.
        overlay.RemoveBuffer(overridePath);
        session.OnFilesChanged(new[] { overridePath });
        Assert.Contains("PL4001", Ids(session.Lint(Root + "/compose.yaml", null)));
    }

    [Fact]
    public void Edits_to_env_and_secret_files_change_the_compose_findings()
    {
        var (session, files) = CreateProject();
        Assert.DoesNotContain("PL1001", Ids(session.Lint(Root + "/compose.yaml", null)));

        files.SetFile(Root + "/.env", "NGINX_TAG=latest\n");
        files.RemoveFile(Root + "/certs/tls.pem");
        Assert.Contains(FilePaths.Normalize(Root + "/compose.yaml"), session.GetAffectedDocuments(Root + "/.env"));
        Assert.Contains(FilePaths.Normalize(Root + "/compose.yaml"), session.GetAffectedDocuments(Root + "/certs/tls.pem"));
        session.OnFilesChanged(new[] { Root + "/.env", Root + "/certs/tls.pem" });

        var result = session.Lint(Root + "/compose.yaml", null);
        Assert.Contains("PL1001", Ids(result));
        Assert.Contains(result.Findings, f => f.Id == "PL4003" && f.Diagnostic.GetMessage().Contains("tls.pem"));
    }

    [Fact]
    public void A_session_that_records_no_dependencies_finds_the_same_and_names_no_affected_documents()
    {
        var (recording, files) = CreateProject();
        var once = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = files, RecordDependencies = false });
        foreach (var document in new[] { Root + "/compose.yaml", Root + "/app/Dockerfile" })
            Assert.Equal(Ids(recording.Lint(document, null)), Ids(once.Lint(document, null)));

        Assert.NotEmpty(recording.GetAffectedDocuments(Root + "/.env"));
        Assert.Empty(once.GetAffectedDocuments(Root + "/.env"));
    }

    [Fact]
    public void An_editorconfig_edit_changes_the_severity_of_a_Dockerfile_finding()
    {
        var (session, files) = CreateProject();
        string dockerfile = Root + "/app/Dockerfile";
        var before = session.Lint(dockerfile, null);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(before.Findings, f => f.Id == "PL1001").Severity);
        Assert.DoesNotContain("PL1002", Ids(before)); // turned off by the .editorconfig

        files.SetFile(Root + "/.editorconfig", "root = true\n[*]\ndotnet_diagnostic.PL1001.severity = error\n");
        Assert.Contains(FilePaths.Normalize(dockerfile), session.GetAffectedDocuments(Root + "/.editorconfig"));
        session.OnFilesChanged(new[] { Root + "/.editorconfig" });

        var after = session.Lint(dockerfile, null);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(after.Findings, f => f.Id == "PL1001").Severity);
        Assert.Contains("PL1002", Ids(after));
    }

    [Fact]
    public void The_editor_buffer_of_the_document_itself_is_linted_instead_of_the_file()
    {
        var (session, _) = CreateProject();
        var result = session.Lint(Root + "/app/Dockerfile", SourceText.From("FROM ubuntu:24.04@sha256:" + new string('a', 64) + "\nUSER app\n"));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_document_that_cannot_be_read_is_reported_not_thrown()
    {
        var (session, _) = CreateProject();
        var result = session.Lint(Root + "/missing/Dockerfile", null);
        Assert.True(result.IsUnreadable);
        Assert.Equal(Plimsoll.Diagnostics.ToolNotificationLevel.Error, Assert.Single(result.Notifications).Level);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Schema_problems_of_a_compose_file_and_of_its_include_are_reported_whether_the_schema_is_built_ahead_or_on_first_use(bool expected)
    {
        var files = new InMemoryFileSystem(new Dictionary<string, string>
        {
            [Root + "/compose.yaml"] = "include:\n  - ./db.yaml\nservices:\n  web:\n    imagee: nginx:1.27\n",
            [Root + "/db.yaml"] = "services:\n  db:\n    image: postgres:16\n    ports: {a: 1}\n",
        });
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = files, ComposeFilesExpected = expected });

        var result = session.Lint(Root + "/compose.yaml", null);

        var own = Assert.Single(result.Findings, f => f.Id == "PL9002");
        Assert.Equal(4, own.Diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("imagee", own.Diagnostic.GetMessage());
        var included = Assert.Single(result.ProjectFiles, p => p.Path.EndsWith("db.yaml", StringComparison.Ordinal));
        var problem = Assert.Single(included.Findings, f => f.Id == "PL9002");
        Assert.Equal(3, problem.Diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }
}
