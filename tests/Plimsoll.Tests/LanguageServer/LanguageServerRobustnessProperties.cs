using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.LanguageServer;

/// <summary>
/// Whatever prefix of a real file the editor holds (a file being typed), the server answers with diagnostics over the
/// wire and logs no analysis failure. One server serves every case, so a failure that poisons its state shows too.
/// </summary>
public class LanguageServerRobustnessProperties : IAsyncLifetime
{
    private static readonly Lazy<(string Name, string Language, string Text)[]> Corpus = new(() =>
    {
        var dockerfiles = Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "dockerfiles")).OrderBy(f => f, StringComparer.Ordinal).Take(40)
            .Select(f => ("Dockerfile", "dockerfile", File.ReadAllText(f)));
        var compose = Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "compose")).OrderBy(f => f, StringComparer.Ordinal).Take(40)
            .Select(f => ("compose.yaml", "dockercompose", File.ReadAllText(f)));
        return dockerfiles.Concat(compose).ToArray();
    });

    private LspTestClient _client = null!;
    private string _root = null!;
    private int _document;

    public async Task InitializeAsync()
    {
        _root = TempDirectory.Create();
        _client = LspTestClient.StartServer();
        await _client.InitializeAsync(_root);
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Property(MaxTest = 150)]
    public Property Every_prefix_of_a_corpus_file_gets_a_full_report_and_no_analysis_failure()
    {
        var cases = from index in Gen.Choose(0, Corpus.Value.Length - 1)
                    from fraction in Gen.Choose(0, 1000)
                    select (index, fraction);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (name, language, text) = Corpus.Value[c.index];
            var prefix = text[..(int)((long)text.Length * c.fraction / 1000)];
            var directory = Path.Combine(_root, (++_document).ToString());
            Directory.CreateDirectory(directory);
            var uri = new Uri(Path.Combine(directory, name)).AbsoluteUri;
            var report = Run(async () =>
            {
                await _client.OpenAsync(uri, language, prefix);
                var pulled = await _client.PullAsync(uri);
                await _client.NotifyAsync("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } });
                return pulled;
            });
            var failures = _client.RawFromServer.Where(m => m.Contains("Analysis failed", StringComparison.Ordinal)).ToList();
            return (report["kind"]!.GetValue<string>() == "full" && failures.Count == 0).Label($"{name} prefix of {prefix.Length} chars; failures: {string.Join(" | ", failures)}");
        });
    }

    private static T Run<T>(Func<Task<T>> action) => Task.Run(action).GetAwaiter().GetResult();
}
