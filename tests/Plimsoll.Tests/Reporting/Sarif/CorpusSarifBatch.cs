using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Cli.Linting;
using Plimsoll.Cli.Output;
using Plimsoll.Diagnostics;
using Plimsoll.Reporting.Sarif;
using Plimsoll.Rules;
using Plimsoll.Tests.Infrastructure;
using Plimsoll.Workspace;

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>
/// A realistic run over the whole corpus, as <c>plimsoll lint --kind dockerfile|compose --format sarif</c> makes it: the
/// built-in rules through a lint session, their fixes, and a baseline written from a first run that suppresses every
/// tenth finding of the second. (In-source suppressions are covered by the writer's own tests: the corpus files carry
/// none that name a Plimsoll rule, and edited copies would not match the files the Multitool fingerprints.)
/// </summary>
internal static class CorpusSarifBatch
{
    public static IEnumerable<string> Files() => FilesIn("dockerfiles").Concat(FilesIn("compose"));

    /// <summary>The text as GitHub reads it: UTF-8, BOM dropped.</summary>
    public static SourceText Read(string path) => SourceText.From(File.ReadAllText(path, new UTF8Encoding(false)));

    public static SarifRunInput Build()
    {
        var first = Lint(baselinePath: null);
        var baselined = first.Findings.Where(f => !f.IsSuppressed).Where((_, i) => i % 10 == 0).Select(f => f.Diagnostic).ToList();
        string baseline = Path.Combine(TempDirectory.Create(), "baseline.sarif");
        using (var stream = File.Create(baseline))
        {
            SarifLogWriter.Write(stream, new SarifRunInput("0.1.0")
            {
                Rules = first.Registry.Rules.Select(SarifReporter.ToMetadata).ToList(),
                Diagnostics = baselined,
                ReadText = path => first.Files.FirstOrDefault(f => f.Path == path)?.Text,
                RepositoryRoot = TestPaths.SharedRoot,
            });
        }
        var run = Lint(baseline);
        return SarifReporter.CreateInput(run, TestPaths.SharedRoot,
            new SarifVersionControl("https://github.com/plimsoll-lint/plimsoll", "0123456789abcdef0123456789abcdef01234567", "refs/heads/main"));
    }

    private static LintRun Lint(string? baselinePath)
    {
        var analyzers = BuiltInRules.CreateAnalyzers();
        var results = new List<FileAnalysisResult>();
        AnalyzerRegistry? registry = null;
        foreach (var (folder, kind) in new[] { ("dockerfiles", SourceFileKind.Dockerfile), ("compose", SourceFileKind.Compose) })
        {
            var session = LintSession.Create(new LintSessionOptions
            {
                Analyzers = analyzers,
                ForcedKind = kind,
                BaselinePath = baselinePath,
                RepositoryRoot = TestPaths.SharedRoot,
                Threshold = SeverityThreshold.None,
                CacheDocuments = false,
            });
            registry = session.Registry;
            foreach (var path in FilesIn(folder)) results.Add(session.Lint(path, null));
        }
        return LintRun.OfWholeResults(FileAnalysisResult.MergeByPath(results), ImmutableArray<ToolNotification>.Empty, registry!);
    }

    private static IEnumerable<string> FilesIn(string folder)
        => Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, folder)).OrderBy(f => f, StringComparer.Ordinal);
}
