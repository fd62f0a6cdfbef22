using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Cli.LanguageServer.Documents;
using Plimsoll.Cli.LanguageServer.Linting;
using Plimsoll.Rules;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.LanguageServer;

/// <summary>
/// <c>plimsoll lsp</c> through a real JSON-RPC stream: an LSP client writing and reading Content-Length frames talks to
/// the server running in-process (StreamJsonRpc on the other end), as an editor would.
/// </summary>
public class LanguageServerProtocolTests
{
    private static readonly string InsecureDockerfile = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "examples", "insecure", "Dockerfile"));

    private static (string Root, string Uri) Workspace(string fileName = "Dockerfile", string? text = null)
    {
        var root = TempDirectory.Create();
        var path = Path.Combine(root, fileName);
        File.WriteAllText(path, text ?? "");
        return (root, new Uri(path).AbsoluteUri);
    }

    private static List<JsonObject> Items(JsonObject report) => report["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    private static List<string> Codes(JsonObject report) => Items(report).Select(i => i["code"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Initialize_advertises_incremental_sync_pull_diagnostics_and_code_actions_in_camelCase()
    {
        await using var client = LspTestClient.StartServer();
        var result = await client.InitializeAsync(TempDirectory.Create());

        var capabilities = result["capabilities"]!.AsObject();
        Assert.Equal(2, capabilities["textDocumentSync"]!["change"]!.GetValue<int>());
        Assert.True(capabilities["textDocumentSync"]!["openClose"]!.GetValue<bool>());
        Assert.Equal("plimsoll", capabilities["diagnosticProvider"]!["identifier"]!.GetValue<string>());
        Assert.True(capabilities["diagnosticProvider"]!["interFileDependencies"]!.GetValue<bool>());
        var kinds = capabilities["codeActionProvider"]!["codeActionKinds"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
        Assert.Contains("quickfix", kinds);
        Assert.Contains("source.fixAll.plimsoll", kinds);
        Assert.Equal("plimsoll", result["serverInfo"]!["name"]!.GetValue<string>());

        // The wire itself: LSP names, never the C# ones, and no nulls for absent members.
        var initializeResponse = client.RawFromServer.First(m => m.Contains("\"capabilities\"", StringComparison.Ordinal));
        Assert.DoesNotContain("\"Capabilities\"", initializeResponse, StringComparison.Ordinal);
        Assert.DoesNotContain("\"TextDocumentSync\"", initializeResponse, StringComparison.Ordinal);
        Assert.DoesNotContain(":null", initializeResponse.Replace(" ", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_without_pull_support_gets_no_diagnostic_provider_and_pushed_diagnostics_with_versions()
    {
        var (root, uri) = Workspace();
        await using var client = LspTestClient.StartServer();
        var result = await client.InitializeAsync(root, pull: false);
        Assert.False(result["capabilities"]!.AsObject().ContainsKey("diagnosticProvider"));

        await client.OpenAsync(uri, "dockerfile", "FROM alpine:3.19\n", version: 1);
        var first = await client.NextNotificationAsync("textDocument/publishDiagnostics", p => p["version"]!.GetValue<int>() == 1);
        Assert.DoesNotContain("PL1001", first["diagnostics"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()));

        await client.ChangeAsync(uri, 2, 0, 5, 0, 16, "ubuntu");
        var second = await client.NextNotificationAsync("textDocument/publishDiagnostics", p => p["version"]!.GetValue<int>() == 2);
        Assert.Equal(uri, second["uri"]!.GetValue<string>());
        Assert.Contains("PL1001", second["diagnostics"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()));
        // The push notification's members are camelCase on the wire too (outgoing parameters are not named by C#).
        Assert.Contains(client.RawFromServer, m => m.Contains("\"method\":\"textDocument/publishDiagnostics\"", StringComparison.Ordinal) && m.Contains("\"diagnostics\":", StringComparison.Ordinal));
        Assert.DoesNotContain(client.RawFromServer, m => m.Contains("\"Diagnostics\"", StringComparison.Ordinal) || m.Contains("\"Uri\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pulled_diagnostics_carry_rule_id_page_source_severity_and_an_unchanged_report_when_nothing_changed()
    {
        var (root, uri) = Workspace("Dockerfile", InsecureDockerfile);
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(root);
        await client.OpenAsync(uri, "dockerfile", InsecureDockerfile);

        var report = await client.PullAsync(uri);
        Assert.Equal("full", report["kind"]!.GetValue<string>());
        var items = Items(report);
        var http = Assert.Single(items, i => i["code"]!.GetValue<string>() == "PL1003" && i["range"]!["start"]!["line"]!.GetValue<int>() == 5);
        Assert.Equal("plimsoll", http["source"]!.GetValue<string>());
        Assert.Equal(1, http["severity"]!.GetValue<int>()); // error
        Assert.EndsWith("PL1003.md", http["codeDescription"]!["href"]!.GetValue<string>());
        Assert.Contains("http://get.example.com", http["message"]!.GetValue<string>());
        Assert.Equal(15, http["range"]!["start"]!["character"]!.GetValue<int>());
        Assert.Equal("unsafe", http["data"]!["fixApplicability"]!.GetValue<string>());
        Assert.Contains(items, i => i["code"]!.GetValue<string>() == "PL1002" && i["severity"]!.GetValue<int>() == 3); // a note is information
        Assert.Equal(Codes(report).Count, Codes(report).Count(c => c.StartsWith("PL", StringComparison.Ordinal)));

        var again = await client.PullAsync(uri, report["resultId"]!.GetValue<string>());
        Assert.Equal("unchanged", again["kind"]!.GetValue<string>());
        Assert.Equal(report["resultId"]!.GetValue<string>(), again["resultId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Workspace_diagnostics_report_every_open_document_and_unchanged_ones_by_their_previous_result_id()
    {
        var (root, uri) = Workspace("Dockerfile", InsecureDockerfile);
        var composeUri = new Uri(Path.Combine(root, "compose.yaml")).AbsoluteUri;
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(root);
        await client.OpenAsync(uri, "dockerfile", InsecureDockerfile);
        await client.OpenAsync(composeUri, "dockercompose", "services:\n  web:\n    image: nginx\n");

        var report = (await client.RequestAsync("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() }))!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(2, report.Count);
        Assert.All(report, r => Assert.Equal("full", r["kind"]!.GetValue<string>()));
        Assert.Contains(report.Single(r => r["uri"]!.GetValue<string>() == composeUri)["items"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "PL1001");

        var previous = new JsonArray(report.Select(r => (JsonNode)new JsonObject { ["uri"] = r["uri"]!.GetValue<string>(), ["value"] = r["resultId"]!.GetValue<string>() }).ToArray());
        await client.ChangeAsync(composeUri, 2, 2, 16, 2, 16, ":1.27");
        var again = (await client.RequestAsync("workspace/diagnostic", new JsonObject { ["previousResultIds"] = previous }))!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal("unchanged", again.Single(r => r["uri"]!.GetValue<string>() == uri)["kind"]!.GetValue<string>());
        var compose = again.Single(r => r["uri"]!.GetValue<string>() == composeUri);
        Assert.Equal("full", compose["kind"]!.GetValue<string>());
        Assert.DoesNotContain(compose["items"]!.AsArray(), d => d!["code"]!.GetValue<string>() == "PL1001");

        // Fix all applies safe fixes only; the one fix in this file (http → https) is not known to be safe.
        var fixAll = (await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = LspTestClient.Range(0, 0, 0, 0),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(), ["only"] = new JsonArray("source.fixAll") },
        }))!.AsArray();
        Assert.Empty(fixAll);
    }

    [Fact]
    public async Task Incremental_edits_are_applied_in_order_and_a_typed_finding_appears_where_it_was_typed()
    {
        var (root, uri) = Workspace();
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(root);
        await client.OpenAsync(uri, "dockerfile", "FROM alpine:3.19\nUSER app\n");
        Assert.DoesNotContain("PL1003", Codes(await client.PullAsync(uri)));

        // Type a new line character by character at the end of line 0, as an editor sends keystrokes.
        var typed = "\nRUN curl -fsSL http://example.com/x.sh -o /x.sh";
        int column = "FROM alpine:3.19".Length, line = 0, version = 1;
        foreach (var ch in typed)
        {
            await client.ChangeAsync(uri, ++version, line, column, line, column, ch.ToString());
            if (ch == '\n') { line++; column = 0; } else column++;
        }
        var report = await client.PullAsync(uri);
        var http = Assert.Single(Items(report), i => i["code"]!.GetValue<string>() == "PL1003");
        Assert.Equal(1, http["range"]!["start"]!["line"]!.GetValue<int>());
        Assert.Equal("RUN curl -fsSL ".Length, http["range"]!["start"]!["character"]!.GetValue<int>());
        Assert.StartsWith($"{version}.", report["resultId"]!.GetValue<string>());

        // A range edit that deletes across lines: the new line goes away again and so does its finding.
        await client.ChangeAsync(uri, ++version, 0, "FROM alpine:3.19".Length, 1, typed.Length - 1, "");
        Assert.DoesNotContain("PL1003", Codes(await client.PullAsync(uri)));
    }

    [Fact]
    public async Task Code_actions_offer_the_rule_fix_suppressions_and_documentation_and_their_edits_do_what_they_say()
    {
        const string text = "FROM alpine:3.19\nRUN apk add curl \\\n && curl -fsSL http://get.example.com/install.sh -o /i.sh\nUSER app\n";
        var (root, uri) = Workspace("Dockerfile", text);
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(root);
        await client.OpenAsync(uri, "dockerfile", text);
        var http = Items(await client.PullAsync(uri)).Single(i => i["code"]!.GetValue<string>() == "PL1003");

        var actions = (await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = http["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(http.DeepClone()) },
        }))!.AsArray().Select(a => a!.AsObject()).ToList();
        var titles = actions.Select(a => a["title"]!.GetValue<string>()).ToList();

        var fix = actions.Single(a => a["title"]!.GetValue<string>().StartsWith("Fix PL1003", StringComparison.Ordinal));
        Assert.Contains("unsafe", fix["title"]!.GetValue<string>());
        Assert.Equal("quickfix", fix["kind"]!.GetValue<string>());
        var fixedText = Apply(text, fix["edit"]!["changes"]![uri]!.AsArray());
        Assert.Contains("curl -fsSL https://get.example.com/install.sh", fixedText);
        Assert.Equal(text.Replace("http://", "https://"), fixedText);

        // The suppression goes above the instruction's first line (not inside the continued RUN) and silences the finding.
        var suppress = actions.Single(a => a["title"]!.GetValue<string>() == "Suppress PL1003 on this line");
        var suppressed = Apply(text, suppress["edit"]!["changes"]![uri]!.AsArray());
        Assert.Equal("FROM alpine:3.19\n# plimsoll disable-next-line PL1003 -- \nRUN apk add curl \\\n", suppressed[..("FROM alpine:3.19\n# plimsoll disable-next-line PL1003 -- \nRUN apk add curl \\\n".Length)]);
        await client.ChangeAsync(uri, 2, 0, 0, 4, 0, suppressed);
        Assert.DoesNotContain("PL1003", Codes(await client.PullAsync(uri)));

        var inFile = actions.Single(a => a["title"]!.GetValue<string>() == "Suppress PL1003 in this file");
        Assert.StartsWith("# plimsoll disable PL1003 -- \nFROM", Apply(text, inFile["edit"]!["changes"]![uri]!.AsArray()));

        var documentation = actions.Single(a => a["title"]!.GetValue<string>() == "Show documentation for PL1003");
        Assert.Equal("plimsoll.showDocumentation", documentation["command"]!["command"]!.GetValue<string>());
        Assert.EndsWith("PL1003.md", documentation["command"]!["arguments"]![0]!.GetValue<string>());

        // Run by the client, the command asks the client to open the rule's page outside the editor (window/showDocument).
        await client.RequestAsync("workspace/executeCommand", documentation["command"]!.DeepClone());
        var shown = client.ServerRequestParams.Single(r => r.Method == "window/showDocument").Params!;
        Assert.Equal(documentation["command"]!["arguments"]![0]!.GetValue<string>(), shown["uri"]!.GetValue<string>());
        Assert.True(shown["external"]!.GetValue<bool>());
    }

    [Fact]
    public async Task With_the_extension_the_suppression_is_a_snippet_command_that_leaves_the_cursor_for_the_reason()
    {
        var (root, uri) = Workspace("Dockerfile", InsecureDockerfile);
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(root, initializationOptions: new JsonObject { ["insertSnippetCommand"] = true });
        await client.OpenAsync(uri, "dockerfile", InsecureDockerfile);
        var finding = Items(await client.PullAsync(uri)).First(i => i["code"]!.GetValue<string>() == "PL4002");
        var actions = (await client.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = finding["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(finding.DeepClone()), ["only"] = new JsonArray("quickfix") },
        }))!.AsArray().Select(a => a!.AsObject()).ToList();
        var suppress = actions.Single(a => a["title"]!.GetValue<string>() == "Suppress PL4002 on this line");
        Assert.Null(suppress["edit"]);
        Assert.Equal("plimsoll.insertSnippet", suppress["command"]!["command"]!.GetValue<string>());
        Assert.Equal("# plimsoll disable-next-line PL4002 -- ${1:reason}\n", suppress["command"]!["arguments"]![2]!.GetValue<string>());
    }

    [Fact]
    public async Task Settings_from_workspace_configuration_turn_optional_code_actions_off_without_a_restart()
    {
        var (root, uri) = Workspace("Dockerfile", InsecureDockerfile);
        await using var client = LspTestClient.StartServer();
        client.Settings = new JsonObject { ["codeAction"] = new JsonObject { ["showDocumentation"] = new JsonObject { ["enable"] = false } } };
        await client.InitializeAsync(root);
        await client.OpenAsync(uri, "dockerfile", InsecureDockerfile);
        var finding = Items(await client.PullAsync(uri)).First(i => i["code"]!.GetValue<string>() == "PL1001");
        var request = new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = finding["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(finding.DeepClone()) },
        };
        await WaitUntil(() => client.ServerRequests.Contains("workspace/configuration"));
        await Task.Delay(200); // the answer is applied after it is received
        var titles = (await client.RequestAsync("textDocument/codeAction", request.DeepClone()))!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("Show documentation for PL1001", titles);
        Assert.Contains("Suppress PL1001 on this line", titles);

        client.Settings = new JsonObject { ["codeAction"] = new JsonObject { ["disableRuleComment"] = new JsonObject { ["enable"] = false } } };
        await client.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = null });
        await WaitUntil(async () =>
        {
            var now = (await client.RequestAsync("textDocument/codeAction", request.DeepClone()))!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
            return now.Contains("Show documentation for PL1001") && !now.Contains("Suppress PL1001 on this line");
        });
    }

    [Fact]
    public async Task An_edited_editorconfig_on_disk_refreshes_diagnostics_through_watched_files()
    {
        var (root, uri) = Workspace("Dockerfile", "FROM ubuntu\nUSER app\n");
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(root);
        await WaitUntil(() => client.ServerRequests.Contains("client/registerCapability"));
        Assert.Contains(client.RawFromServer, m => m.Contains("\"method\":\"workspace/didChangeWatchedFiles\"", StringComparison.Ordinal) && m.Contains("**/.editorconfig", StringComparison.Ordinal));
        await client.OpenAsync(uri, "dockerfile", "FROM ubuntu\nUSER app\n");
        var before = await client.PullAsync(uri);
        Assert.Contains("PL1001", Codes(before));

        var editorConfig = Path.Combine(root, ".editorconfig");
        File.WriteAllText(editorConfig, "root = true\n[*]\ndotnet_diagnostic.PL1001.severity = none\n");
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["uri"] = new Uri(editorConfig).AbsoluteUri, ["type"] = 1 }),
        });
        await WaitUntil(() => client.ServerRequests.Contains("workspace/diagnostic/refresh"));
        var after = await client.PullAsync(uri, before["resultId"]!.GetValue<string>());
        Assert.Equal("full", after["kind"]!.GetValue<string>());
        Assert.DoesNotContain("PL1001", Codes(after));
        Assert.Contains("PL1002", Codes(after));
    }

    [Fact]
    public async Task Compose_yaml_is_judged_with_its_override_as_the_editor_holds_it_and_refreshed_when_the_override_changes()
    {
        var root = TempDirectory.Create();
        var compose = Path.Combine(root, "compose.yaml");
        var overrideFile = Path.Combine(root, "compose.override.yaml");
        File.WriteAllText(compose, "services:\n  web:\n    image: nginx:1.27\n    user: app\n    secrets:\n      - db_password\n");
        File.WriteAllText(overrideFile, "services:\n  web:\n    user: app\n");
        File.WriteAllText(Path.Combine(root, "pw.txt"), "x");
        string composeUri = new Uri(compose).AbsoluteUri, overrideUri = new Uri(overrideFile).AbsoluteUri;
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(root);
        await client.OpenAsync(composeUri, "dockercompose", File.ReadAllText(compose));
        await client.OpenAsync(overrideUri, "dockercompose", File.ReadAllText(overrideFile));
        var before = await client.PullAsync(composeUri);
        Assert.Contains("PL4001", Codes(before)); // the secret is defined nowhere
        int refreshes = client.ServerRequests.Count(r => r == "workspace/diagnostic/refresh");

        // Define the secret in the override buffer, unsaved: the disk still has the old override.
        await client.ChangeAsync(overrideUri, 2, 3, 0, 3, 0, "secrets:\n  db_password:\n    file: ./pw.txt\n");
        await WaitUntil(() => client.ServerRequests.Count(r => r == "workspace/diagnostic/refresh") > refreshes);
        var after = await client.PullAsync(composeUri, before["resultId"]!.GetValue<string>());
        Assert.Equal("full", after["kind"]!.GetValue<string>());
        Assert.DoesNotContain("PL4001", Codes(after));
        Assert.DoesNotContain("secrets:", File.ReadAllText(overrideFile));

        // Closing the override without saving: compose.yaml is judged with the disk's override again.
        refreshes = client.ServerRequests.Count(r => r == "workspace/diagnostic/refresh");
        await client.NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = overrideUri } });
        await WaitUntil(() => client.ServerRequests.Count(r => r == "workspace/diagnostic/refresh") > refreshes);
        Assert.Contains("PL4001", Codes(await client.PullAsync(composeUri)));
    }

    [Fact]
    public async Task A_cancelled_pull_is_answered_as_cancelled_and_a_newer_version_cancels_the_stale_analysis()
    {
        var gate = new BlockingLinter();
        var (root, uri) = Workspace();
        await using var client = LspTestClient.StartServer(_ => gate);
        await client.InitializeAsync(root);
        await client.OpenAsync(uri, "dockerfile", "FROM alpine:3.19\n");

        using (var cancel = new CancellationTokenSource())
        {
            var pull = client.PullAsync(uri);
            await gate.Started.WaitAsync(TimeSpan.FromSeconds(10));
            var cancelled = client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }, cancel.Token);
            cancel.Cancel();
            var error = await Assert.ThrowsAsync<LspErrorException>(() => cancelled);
            Assert.Equal(-32800, error.Code); // RequestCancelled

            // The first pull is still waiting on version 1; version 2 arrives and makes it stale.
            await client.ChangeAsync(uri, 2, 0, 0, 0, 0, "# comment\n");
            var stale = await Assert.ThrowsAsync<LspErrorException>(() => pull);
            Assert.Equal(-32802, stale.Code); // ServerCancelled: the client asks again
            Assert.True(stale.Error["data"]!["retriggerRequest"]!.GetValue<bool>());
        }
        Assert.True(gate.CancelledRuns >= 1);
        gate.Release();
        var fresh = await client.PullAsync(uri);
        Assert.StartsWith("2.", fresh["resultId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_throwing_rule_is_logged_and_the_other_rules_still_report()
    {
        var analyzers = BuiltInRules.CreateAnalyzers().Append(new ThrowingAnalyzer()).ToList();
        var (root, uri) = Workspace();
        await using var client = LspTestClient.StartServer(_ => SessionDocumentLinter.Create(analyzers, ServerOptions.Default));
        await client.InitializeAsync(root);
        await client.OpenAsync(uri, "dockerfile", "FROM ubuntu\n");
        Assert.Contains("PL1001", Codes(await client.PullAsync(uri)));
        var log = await client.NextNotificationAsync("window/logMessage");
        Assert.Contains("A rule failed (ThrowingAnalyzer): InvalidOperationException: boom", log["message"]!.GetValue<string>());
        Assert.Equal(1, log["type"]!.GetValue<int>()); // an error: part of the file was not checked
    }

    [Fact]
    public async Task A_two_megabyte_binary_buffer_and_a_half_typed_file_get_answers_and_the_server_keeps_serving()
    {
        var (root, uri) = Workspace();
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(root);
        var random = new Random(12);
        var binary = new string(Enumerable.Range(0, 2 * 1024 * 1024).Select(_ => (char)random.Next(0, 0xD7FF)).ToArray());
        await client.OpenAsync(uri, "dockerfile", binary);
        Assert.Equal("full", (await client.PullAsync(uri))["kind"]!.GetValue<string>());

        var composeUri = new Uri(Path.Combine(root, "compose.yaml")).AbsoluteUri;
        await client.OpenAsync(composeUri, "dockercompose", "services:\n  web:\n    image: [nginx\n    ports: {\"80\n");
        Assert.Equal("full", (await client.PullAsync(composeUri))["kind"]!.GetValue<string>());

        await client.ChangeAsync(uri, 2, 0, 0, 99999, 0, "FROM ubuntu\n");
        Assert.Contains("PL1001", Codes(await client.PullAsync(uri)));
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_the_server_with_code_zero()
    {
        await using var client = LspTestClient.StartServer();
        await client.InitializeAsync(TempDirectory.Create());
        Assert.Null(await client.RequestAsync("shutdown", null));
        await client.NotifyAsync("exit", null);
        await WaitUntil(() => client.ExitCode == 0);
    }

    internal static string Apply(string text, JsonArray edits)
    {
        var source = SourceText.From(text);
        var changes = edits.Select(e => e!.AsObject()).Select(e => new TextChange(
            DocumentStore.ToSpan(source, new Plimsoll.Cli.LanguageServer.Protocol.Range(
                new(e["range"]!["start"]!["line"]!.GetValue<int>(), e["range"]!["start"]!["character"]!.GetValue<int>()),
                new(e["range"]!["end"]!["line"]!.GetValue<int>(), e["range"]!["end"]!["character"]!.GetValue<int>()))),
            e["newText"]!.GetValue<string>()));
        return source.WithChanges(changes).ToString();
    }

    internal static async Task WaitUntil(Func<bool> condition) => await WaitUntil(() => Task.FromResult(condition()));

    internal static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 20 s");
            await Task.Delay(20);
        }
    }

    /// <summary>A linter that waits until released or cancelled, to hold an analysis in flight.</summary>
    private sealed class BlockingLinter : IDocumentLinter
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _cancelled;

        public Task Started => _started.Task;
        public int CancelledRuns => Volatile.Read(ref _cancelled);
        public void Release() => _release.TrySetResult();

        public DocumentLintResult Lint(OpenDocument document, CancellationToken cancellationToken)
        {
            _started.TrySetResult();
            try
            {
                _release.Task.Wait(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
            return new DocumentLintResult(ImmutableArray<Finding>.Empty, ImmutableArray<Plimsoll.Diagnostics.ToolNotification>.Empty);
        }

        public void BufferChanged(string path, SourceText text)
        {
        }

        public void BufferClosed(string path)
        {
        }

        public void FilesChanged(IReadOnlyCollection<string> paths)
        {
        }

        public IReadOnlyList<string> AffectedDocuments(string path) => Array.Empty<string>();
    }

    private sealed class ThrowingAnalyzer : PlimsollAnalyzer
    {
        private static readonly RuleDescriptor Rule = new(
            "TEST001", "Throws", "Always throws", "never reported", "Test", DiagnosticSeverity.Warning,
            "A rule with a bug.", securitySeverity: "0.0", RulePrecision.VeryHigh);

        public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
            => context.RegisterInstructionAction(_ => throw new InvalidOperationException("boom"), DockerfileSyntaxKind.FromInstruction);
    }
}
