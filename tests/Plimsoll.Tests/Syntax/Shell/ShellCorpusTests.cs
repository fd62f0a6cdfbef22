using Plimsoll.Syntax.Shell;
using Xunit.Abstractions;
using static Plimsoll.Tests.Syntax.Shell.ShellTestHelpers;

namespace Plimsoll.Tests.Syntax.Shell;

/// <summary>Every RUN command of the corpus parses without throwing; nearly all parse without errors.</summary>
public class ShellCorpusTests
{
    private readonly ITestOutputHelper _output;

    public ShellCorpusTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void CorpusRunCommands_Parse()
    {
        var runs = DockerfileRunCorpus.Runs.Where(r => r.IsPosixShell).ToList();
        Assert.True(runs.Count > 5000, $"only {runs.Count} RUN commands found");
        var failures = new List<(CorpusRun Run, ShellParseResult Result)>();
        var results = new List<ShellParseResult>(runs.Count);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var run in runs) results.Add(ShellParser.Parse(run.Text));
        watch.Stop();
        for (var i = 0; i < runs.Count; i++)
        {
            AssertSpansNest(results[i]);
            if (results[i].HasErrors) failures.Add((runs[i], results[i]));
        }
        _output.WriteLine($"{runs.Count - failures.Count} of {runs.Count} RUN commands parse without ShellSyntaxError " +
                          $"({runs.Sum(r => r.Text.Length)} chars parsed in {watch.ElapsedMilliseconds} ms)");
        foreach (var (run, result) in failures)
        {
            var d = result.Diagnostics[0];
            var around = run.Text.Substring(Math.Max(0, d.Start - 40), Math.Min(run.Text.Length, d.End + 40) - Math.Max(0, d.Start - 40));
            _output.WriteLine($"{run.File}:{run.Line}: {d.Message} @{d.Start}: …{around.Replace("\n", "⏎")}…");
        }
        // Target: all but a handful (see the test output for any that remain and why).
        Assert.True(failures.Count <= 5, $"{failures.Count} of {runs.Count} RUN commands have syntax errors");
    }

    /// <summary>
    /// Sketches of the rules this parser serves, run over the corpus: the API must find these patterns,
    /// and the figures are printed for the record.
    /// </summary>
    [Fact]
    public void CorpusRunCommands_RulePatterns()
    {
        var shells = new HashSet<string> { "sh", "bash", "dash", "ash", "zsh" };
        int pipedToShell = 0, insecureCurl = 0, insecureWget = 0, plainHttp = 0, verified = 0, downloads = 0;
        foreach (var run in DockerfileRunCorpus.Runs.Where(r => r.IsPosixShell))
        {
            var result = ShellParser.Parse(run.Text);
            var commands = result.Script.DescendantCommands().ToList();
            var hasDownload = false;
            foreach (var ctx in commands)
            {
                var resolved = ctx.SimpleCommand!.ResolvedCommand;
                if (resolved.Name is not ("curl" or "wget")) continue;
                hasDownload = true;
                var options = resolved.ParseOptions(resolved.Name == "curl" ? ShellOptionSpec.Curl : ShellOptionSpec.Wget);
                if (ctx.SimpleCommandsPipedTo().Any(c => c.ResolvedCommand.Name is { } n && shells.Contains(n))) pipedToShell++;
                if (resolved.Name == "curl" && options.Has('k', "insecure")) insecureCurl++;
                if (resolved.Name == "wget" && options.Has(null, "no-check-certificate")) insecureWget++;
                if (options.Operands.Any(w => w.LiteralPrefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase))) plainHttp++;
            }
            if (hasDownload)
            {
                downloads++;
                if (commands.Any(c => c.SimpleCommand!.ResolvedCommand.Name is "sha256sum" or "sha512sum" or "gpg"))
                    verified++;
            }
        }
        _output.WriteLine($"RUNs with curl/wget: {downloads}, of which with sha256sum/sha512sum/gpg: {verified}");
        _output.WriteLine($"curl/wget piped into a shell: {pipedToShell}; curl -k/--insecure: {insecureCurl}; " +
                          $"wget --no-check-certificate: {insecureWget}; http:// operands: {plainHttp}");
        Assert.True(downloads > 0 && pipedToShell > 0 && plainHttp > 0);
    }

    [Fact]
    public void CorpusNonPosixRuns_ScanWithoutThrowing()
    {
        var runs = DockerfileRunCorpus.Runs.Where(r => !r.IsPosixShell).ToList();
        Assert.NotEmpty(runs);
        var downloads = 0;
        foreach (var run in runs)
        {
            foreach (var u in ShellUrlScanner.FindUrls(run.Text))
                Assert.True(u.Start >= 0 && u.End <= run.Text.Length && run.Text.Substring(u.Start, u.Length) == u.Value);
            foreach (var d in ShellDownloadScanner.FindDownloads(run.Text))
            {
                Assert.True(d.StatementStart <= d.Start && d.End <= d.StatementEnd && d.StatementEnd <= run.Text.Length);
                downloads++;
            }
        }
        _output.WriteLine($"{runs.Count} non-sh RUN commands, {downloads} downloads spotted");
        Assert.True(downloads > 0);
    }
}
