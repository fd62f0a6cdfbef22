using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Rules;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Analysis.Sessions;

/// <summary>Linting again after an edit parses only what changed: trees are kept by path and content.</summary>
public class IncrementalLintTests
{
    private const int Parts = 19;

    private static (LintSession Session, InMemoryFileSystem Files) TwentyFileProject(bool cacheDocuments = true)
    {
        var files = new InMemoryFileSystem();
        var root = new System.Text.StringBuilder("include:\n");
        for (int i = 0; i < Parts; i++)
        {
            root.Append("  - ./services/part").Append(i).Append(".yaml\n");
            files.SetFile($"/p/services/part{i}.yaml", $"services:\n  s{i}:\n    image: nginx:1.{i}\n    user: \"101\"\n    secrets: [shared]\n");
        }
        root.Append("services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n    secrets: [shared, extra]\nsecrets:\n  shared:\n    environment: SHARED\n");
        files.SetFile("/p/compose.yaml", root.ToString());
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = files, CacheDocuments = cacheDocuments });
        return (session, files);
    }

    [Fact]
    public void Relinting_after_editing_one_file_of_a_twenty_file_project_parses_that_file_only()
    {
        var (session, files) = TwentyFileProject();
        var first = session.Lint("/p/compose.yaml", null);
        Assert.Contains(first.Findings, f => f.Id == "PL4001" && f.Diagnostic.GetMessage().Contains("'extra'"));
        Assert.Equal(Parts + 1, session.YamlParseCount); // every file once (the linted one is shared with the project load)
        Assert.Equal(Parts + 1, session.ComposeReadCount); // and read into the model once

        // Unchanged: nothing is parsed or read again.
        session.Lint("/p/compose.yaml", null);
        Assert.Equal(Parts + 1, session.YamlParseCount);
        Assert.Equal(Parts + 1, session.ComposeReadCount);

        // One included file defines the missing secret: only it is parsed again.
        files.SetFile("/p/services/part7.yaml", "services:\n  s7:\n    image: nginx:1.7\n    user: \"101\"\nsecrets:\n  extra:\n    environment: EXTRA\n");
        session.OnFilesChanged(new[] { "/p/services/part7.yaml" });
        var after = session.Lint("/p/compose.yaml", null);

        Assert.Equal(Parts + 2, session.YamlParseCount);
        Assert.Equal(Parts + 2, session.ComposeReadCount);
        Assert.DoesNotContain(after.Findings, f => f.Id == "PL4001");
    }

    [Fact]
    public void A_session_that_lints_each_file_once_keeps_the_files_a_project_loads_but_not_the_linted_documents_tree()
    {
        var (session, _) = TwentyFileProject(cacheDocuments: false);
        var first = session.Lint("/p/compose.yaml", null);
        Assert.Equal(Parts, session.YamlParseCount); // the included files, cached for other documents that load them

        var again = session.Lint("/p/compose.yaml", null);
        Assert.Equal(Parts, session.YamlParseCount); // the linted file was parsed outside the cache, the includes reused
        Assert.Equal(first.Findings.Select(f => (f.Id, f.Diagnostic.Location.SourceSpan)), again.Findings.Select(f => (f.Id, f.Diagnostic.Location.SourceSpan)));
        Assert.Contains(again.Findings, f => f.Id == "PL4001" && f.Diagnostic.GetMessage().Contains("'extra'"));
    }

    [Fact]
    public void A_changed_env_file_reads_the_files_it_interpolates_again_and_an_unchanged_one_does_not()
    {
        var files = new InMemoryFileSystem();
        files.SetFile("/p/.env", "TAG=latest\n");
        files.SetFile("/p/compose.yaml", "services:\n  web:\n    image: \"nginx:${TAG}\"\n    user: \"101\"\n");
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = files });

        Assert.Contains(session.Lint("/p/compose.yaml", null).Findings, f => f.Id == "PL1001");
        Assert.Equal(1, session.ComposeReadCount);

        // The .env read again with the same content: the model is kept.
        session.OnFilesChanged(new[] { "/p/.env" });
        Assert.Contains(session.Lint("/p/compose.yaml", null).Findings, f => f.Id == "PL1001");
        Assert.Equal(1, session.ComposeReadCount);

        // Another tag: the file is interpolated again, and the finding goes.
        files.SetFile("/p/.env", "TAG=1.27.3\n");
        session.OnFilesChanged(new[] { "/p/.env" });
        Assert.DoesNotContain(session.Lint("/p/compose.yaml", null).Findings, f => f.Id == "PL1001");
        Assert.Equal(2, session.ComposeReadCount);
        Assert.Equal(1, session.YamlParseCount); // compose.yaml itself was never parsed again
    }

    [Fact]
    public void An_edited_buffer_is_parsed_once_per_version()
    {
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = new InMemoryFileSystem() });
        session.Lint("/d/Dockerfile", SourceText.From("FROM ubuntu\n"));
        session.Lint("/d/Dockerfile", SourceText.From("FROM ubuntu\n")); // same content, another buffer object
        Assert.Equal(1, session.DockerfileParseCount);

        var edited = session.Lint("/d/Dockerfile", SourceText.From("FROM ubuntu:24.04\n"));
        Assert.Equal(2, session.DockerfileParseCount);
        Assert.DoesNotContain(edited.Findings, f => f.Id == "PL1001");
    }
}
