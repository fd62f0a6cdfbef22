using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Reporting.Sarif;
using Plimsoll.Syntax.Compose;
using Plimsoll.Cli.Hosting;
using Plimsoll.Cli.Linting;
using Plimsoll.Cli.Output;
using Plimsoll.Rules;

namespace Plimsoll.Cli.Commands;

/// <summary><c>plimsoll lint [PATH…]</c>: analyze Dockerfiles and compose files and report findings.</summary>
internal static class LintCommand
{
    public static readonly string[] Formats = { "text", "sarif", "json", "github", "gitlab", "checkstyle" };

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or directories to lint (default: the current directory). '-' reads standard input.", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var threshold = new Option<string>("--severity-threshold") { Description = "Exit with 1 when a finding is at or above this severity.", DefaultValueFactory = _ => "warning" };
        threshold.AcceptOnlyFromAmong("none", "note", "warning", "error");
        var config = new Option<string?>("--config") { Description = "An .editorconfig-style file applied under the project's own .editorconfig files." };
        var baseline = new Option<string?>("--baseline") { Description = "A SARIF log of an earlier run: only findings not in it are reported." };
        var rules = new Option<string[]>("--rules") { Description = "A rule pack assembly to load (repeatable).", AllowMultipleArgumentsPerToken = false };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the text output." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only findings: no source lines, no summary when clean." };
        var composeSchema = new Option<string?>("--compose-schema") { Description = "The Compose specification JSON schema: unknown keys and wrong types become PL9002." };
        var stdinName = new Option<string?>("--stdin-filename") { Description = "The file name to report for '-' (standard input); also decides its kind." };
        var kind = KindOption.Create();
        var fix = new Option<bool>("--fix") { Description = "Apply safe fixes to the files (atomically; standard input: print the fixed text)." };
        var unsafeFixes = new Option<bool>("--unsafe-fixes") { Description = "Apply unsafe fixes too (implies --fix unless --diff is given)." };
        var diff = new Option<bool>("--diff") { Description = "Print the fixes as a unified diff instead of writing them." };

        var command = new Command("lint", "Lint Dockerfiles and Docker Compose / Swarm stack files.")
        {
            paths, format, output, threshold, config, baseline, rules, noColor, quiet, stdinName, kind, composeSchema, fix, unsafeFixes, diff,
        };
        command.SetAction(parseResult =>
        {
            var selected = parseResult.GetValue(paths);
            var request = new LintRequest(
                selected == null || selected.Length == 0 ? new[] { "." } : selected,
                KindOption.Parse(parseResult.GetValue(kind)),
                parseResult.GetValue(format) ?? "text",
                parseResult.GetValue(output),
                Enum.Parse<SeverityThreshold>(parseResult.GetValue(threshold) ?? "warning", ignoreCase: true),
                parseResult.GetValue(config),
                parseResult.GetValue(baseline),
                parseResult.GetValue(rules) ?? Array.Empty<string>(),
                parseResult.GetValue(noColor),
                parseResult.GetValue(quiet),
                parseResult.GetValue(stdinName),
                parseResult.GetValue(composeSchema));
            return Execute(request, Fixing.FixMode.From(parseResult.GetValue(fix), parseResult.GetValue(unsafeFixes), parseResult.GetValue(diff)));
        });
        return command;
    }

    private static int Execute(LintRequest request, Fixing.FixMode? fixMode = null)
    {
        if (request.Paths.Contains("-") && request.Paths.Count > 1)
        {
            Console.Error.WriteLine("plimsoll lint: '-' (standard input) cannot be combined with other paths");
            return ExitCodes.UsageOrToolError;
        }

        if (request.RulePacks.Count > 0 && JitHandoff.IsNeeded) return JitHandoff.Run();
        var analyzers = new List<PlimsollAnalyzer>(BuiltInRules.CreateAnalyzers());
        foreach (var pack in request.RulePacks)
        {
            var loaded = LoadRulePack(pack, out var error);
            if (error != null)
            {
                Console.Error.WriteLine("plimsoll lint: " + error);
                return ExitCodes.UsageOrToolError;
            }
            analyzers.AddRange(loaded);
        }

        var registry = new AnalyzerRegistry(analyzers);
        if (request.ConfigPath != null && !File.Exists(request.ConfigPath))
        {
            Console.Error.WriteLine($"plimsoll lint: {request.ConfigPath}: configuration file not found");
            return ExitCodes.UsageOrToolError;
        }
        var configuration = new EditorConfigOptionsProvider(
            request.ConfigPath,
            categoryOf: id => registry.FindRule(id)?.Category ?? "",
            mapHadolintRule: id => registry.RulesForHadolintId(id));
        ComposeSchema? schema = null;
        if (request.ComposeSchemaPath != null)
        {
            try
            {
                schema = ComposeSchema.Load(request.ComposeSchemaPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"plimsoll lint: {request.ComposeSchemaPath}: cannot read the compose schema: {e.Message}");
                return ExitCodes.UsageOrToolError;
            }
        }
        SarifBaseline? baseline = null;
        if (request.BaselinePath != null)
        {
            baseline = SarifBaseline.Load(request.BaselinePath, DisplayPaths.RepositoryRoot(), out var baselineError);
            if (baseline == null)
            {
                Console.Error.WriteLine("plimsoll lint: " + baselineError);
                return ExitCodes.UsageOrToolError;
            }
        }
        var driver = new AnalyzerDriver(registry, configuration);
        var run = new LintRunner(driver, schema).Run(request, Console.In, ProgressReporter.Create());
        if (fixMode != null)
        {
            // Fix first; then lint again, so the report shows what is left (standard input: the fixed text is the output).
            var fixer = new Fixing.LintFixer(driver, schema, request);
            var outcome = fixer.Run(run, fixMode, Console.Out, Console.Error);
            if (outcome.StdinResult is { } fixedStdin)
                return fixedStdin.Remaining.Any(f => !f.IsSuppressed && SeverityThresholds.Reaches(f.Severity, request.Threshold)) ? ExitCodes.Findings : ExitCodes.Clean;
            if (fixMode.DiffOnly) return outcome.HadErrors ? ExitCodes.UsageOrToolError : outcome.Applied > 0 ? ExitCodes.Findings : ExitCodes.Clean;
            if (outcome.FilesChanged > 0) run = new LintRunner(driver, schema).Run(request, Console.In, ProgressReporter.Create());
        }
        if (baseline != null) run = BaselineFilter.Apply(run, baseline);
        var configurationProblems = configuration.Problems
            .Select(p => new Plimsoll.Diagnostics.ToolNotification(p.Path, $"line {p.Line + 1}: {p.Message}", Plimsoll.Diagnostics.ToolNotificationLevel.Warning))
            .ToImmutableArray();
        if (!configurationProblems.IsEmpty) run = run with { Notifications = run.Notifications.AddRange(configurationProblems) };

        using (var stream = request.OutputPath == null ? Console.OpenStandardOutput() : File.Create(request.OutputPath))
        {
            if (request.Format == "sarif")
            {
                SarifReporter.Write(run, stream);
            }
            else if (request.Format == "json")
            {
                JsonReporter.Write(run, stream);
            }
            else if (request.Format == "gitlab")
            {
                GitLabReporter.Write(run, stream);
            }
            else if (request.Format == "checkstyle")
            {
                CheckstyleReporter.Write(run, stream);
            }
            else if (request.Format == "github")
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                GitHubReporter.Write(run, writer);
            }
            else
            {
                // Flushed once when disposed: flushing every line costs a write call per line.
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                bool color = request.OutputPath == null && !request.NoColor && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
                new TextReporter(color, request.Quiet).Write(run, writer);
            }
        }

        if (run.AllNotifications.Any(n => n.Level == Plimsoll.Diagnostics.ToolNotificationLevel.Error)) return ExitCodes.UsageOrToolError;
        bool failed = run.Findings.Any(f => !f.IsSuppressed && SeverityThresholds.Reaches(f.Severity, request.Threshold));
        return failed ? ExitCodes.Findings : ExitCodes.Clean;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only reached where dynamic code runs: the native build hands --rules runs to the JIT build (JitHandoff).")]
    private static IReadOnlyList<PlimsollAnalyzer> LoadRulePack(string path, out string? error) => AnalyzerLoader.FromFile(path, out error);
}

/// <summary>A progress line on stderr, only when a run takes more than a second and stderr is a terminal.</summary>
internal static class ProgressReporter
{
    public static Action<int, int>? Create()
    {
        if (Console.IsErrorRedirected) return null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        long lastShown = 0;
        return (done, total) =>
        {
            long elapsed = started.ElapsedMilliseconds;
            if (elapsed < 1000 || elapsed - Interlocked.Read(ref lastShown) < 200 && done < total) return;
            Interlocked.Exchange(ref lastShown, elapsed);
            lock (started) Console.Error.Write(done < total ? $"\rlinting {done}/{total} files…" : "\r" + new string(' ', 40) + "\r");
        };
    }
}
