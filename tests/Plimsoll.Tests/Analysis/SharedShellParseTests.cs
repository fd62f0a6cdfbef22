using System.Text.RegularExpressions;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Rules;
using Plimsoll.Tests.Syntax.Shell;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Tests.Analysis;

/// <summary>
/// RUN scripts that repeat (in one file, and across files linted at once) share one parse tree: each copy must still
/// get the findings of its own text, at its own line and column, whichever copy was parsed first and on whatever thread.
/// </summary>
public class SharedShellParseTests
{
    [Fact]
    public void A_corpus_script_repeated_in_one_file_and_in_another_is_reported_at_each_copy()
    {
        // Single-line POSIX RUN scripts of the corpus (every 10th): many draw findings from the command rules.
        var scripts = DockerfileRunCorpus.Runs
            .Where(r => r.IsPosixShell && !r.Text.Contains('\n') && !r.Text.Contains("<<") && r.Text.Length < 2_000)
            .Select(r => r.Text).Distinct().Where((_, i) => i % 10 == 0).ToList();
        Assert.True(scripts.Count > 100, $"only {scripts.Count} scripts");

        var files = new InMemoryFileSystem();
        for (int i = 0; i < scripts.Count; i++)
        {
            // Alone at line 2; indented at line 4 of another file; twice in one stage of a third; and in a fourth, twice
            // but the second copy ending in a comment: another text, so its own tree (what the copy must get).
            files.SetFile($"/p/{i}/alone/Dockerfile", $"FROM debian:12\nRUN {scripts[i]}\n");
            files.SetFile($"/p/{i}/indented/Dockerfile", $"FROM debian:12\nLABEL x=y\n\n  RUN {scripts[i]}\n");
            files.SetFile($"/p/{i}/twice/Dockerfile", $"FROM debian:12\nRUN {scripts[i]}\nRUN {scripts[i]}\n");
            files.SetFile($"/p/{i}/own/Dockerfile", $"FROM debian:12\nRUN {scripts[i]}\nRUN {scripts[i]} # own tree\n");
        }
        var session = LintSession.Create(new LintSessionOptions { Analyzers = BuiltInRules.CreateAnalyzers(), FileSystem = files });

        // The files of a script linted at once on two threads, the scripts in turn: the copies meet in the shared cache.
        string[] kinds = { "alone", "indented", "twice", "own" };
        var results = new FileAnalysisResult[scripts.Count, kinds.Length];
        Parallel.For(0, scripts.Count * kinds.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, n =>
            results[n / kinds.Length, n % kinds.Length] = session.Lint($"/p/{n / kinds.Length}/{kinds[n % kinds.Length]}/Dockerfile", null));

        int reported = 0;
        for (int i = 0; i < scripts.Count; i++)
        {
            var alone = OnLine(results[i, 0], line: 1, indent: 0);
            reported += alone.Count;
            Assert.Equal(alone, OnLine(results[i, 1], line: 3, indent: 2));
            for (int line = 1; line <= 2; line++)
                Assert.Equal(WithoutLengths(OnLine(results[i, 3], line, indent: 0)), WithoutLengths(OnLine(results[i, 2], line, indent: 0)));
        }
        Assert.True(reported > 100, $"only {reported} findings on the scripts: the test would prove little");
    }

    // A finding that covers the whole RUN is longer by the comment in the "own" file.
    private static List<string> WithoutLengths(List<string> findings) =>
        findings.Select(f => f.Split(' ', 4)).Select(p => $"{p[0]} {p[1]} {p[3]}").ToList();

    // The findings that start on a (0-based) line, as rule, column less the RUN's indent, length and message.
    private static List<string> OnLine(FileAnalysisResult result, int line, int indent) =>
        result.Findings
            .Select(f => (f, span: f.Diagnostic.Location.GetLineSpan()))
            .Where(x => x.span.StartLinePosition.Line == line)
            .Select(x => $"{x.f.Id} {x.span.StartLinePosition.Character - indent} {x.f.Diagnostic.Location.SourceSpan.Length} {LineNumbers.Replace(x.f.Diagnostic.GetMessage(), "line N")}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

    private static readonly Regex LineNumbers = new(@"line \d+");
}
