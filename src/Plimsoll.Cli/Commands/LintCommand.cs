using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using System.Collections.Immutable;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Sessions;
using Plimsoll.Cli.Hosting;
using Plimsoll.Cli.Linting;
using Plimsoll.Cli.Output;
using Plimsoll.Cli.Workspace;
using Plimsoll.Rules;
using Plimsoll.Workspace;
using Plimsoll.Workspace.FileSystems;

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
        var allowEmpty = new Option<bool>("--allow-empty") { Description = "Succeed when the paths hold no Dockerfile or compose file (by default that is an error, exit 2)." };
        var fix = new Option<bool>("--fix") { Description = "Apply safe fixes to the files (atomically; standard input: print the fixed text)." };
        var unsafeFixes = new Option<bool>("--unsafe-fixes") { Description = "Apply unsafe fixes too (implies --fix unless --diff is given)." };
        var diff = new Option<bool>("--diff") { Description = "Print the fixes as a unified diff instead of writing them." };

        var command = new Command("lint", "Lint Dockerfiles and Docker Compose / Swarm stack files.")
        {
            paths, format, output, threshold, config, baseline, rules, noColor, quiet, stdinName, kind, composeSchema, allowEmpty, fix, unsafeFixes, diff,
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
                parseResult.GetValue(composeSchema),
                parseResult.GetValue(allowEmpty));
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

        if (OptionFilesProblem(request) is { } optionProblem)
        {
            Console.Error.WriteLine("plimsoll lint: " + optionProblem);
            return ExitCodes.UsageOrToolError;
        }
        // Rule packs and .NET solutions/projects (MSBuild evaluation) need the .NET runtime.
        // The folders named are listed once, for .NET projects here and for the files to lint by the runner.
        var disk = new PhysicalFileSystem(remembersListings: true);
        var dotnetTargets = request.Paths.Select(p => DotNetLintTargets.Resolve(p, disk)).OfType<string>().ToList();
        if (JitHandoff.IsNeeded && (request.RulePacks.Count > 0 || dotnetTargets.Count > 0))
            return JitHandoff.Run();
        request = request with { DotNetTargets = dotnetTargets };
        var analyzers = new List<PlimsollAnalyzer>(BuiltInRules.CreateAnalyzers());
        var builtInAssembly = analyzers[0].GetType().Assembly;
        foreach (var pack in request.RulePacks)
        {
            var loaded = LoadRulePack(pack, out var error);
            if (error != null)
            {
                Console.Error.WriteLine("plimsoll lint: " + error);
                return ExitCodes.UsageOrToolError;
            }
            // The built-in rules are always loaded: naming their assembly again must not report every finding twice.
            if (loaded.Count > 0 && loaded[0].GetType().Assembly.FullName == builtInAssembly.FullName)
            {
                Console.Error.WriteLine($"plimsoll lint: warning: --rules {pack}: is the built-in rules assembly, which is always loaded; ignored");
                continue;
            }
            analyzers.AddRange(loaded);
        }

        LintSession session;
        try
        {
            session = LintSession.Create(new LintSessionOptions
            {
                Analyzers = analyzers,
                FileSystem = disk,
                ConfigPath = request.ConfigPath,
                ComposeSchemaPath = request.ComposeSchemaPath,
                BaselinePath = request.BaselinePath,
                RepositoryRoot = request.BaselinePath == null ? null : DisplayPaths.RepositoryRoot(),
                Threshold = request.Threshold,
                ForcedKind = request.ForcedKind,
                ComposeFilesExpected = NamesComposeFile(request),
                // Each file is linted once: keeping its tree, or the list of files it read, would only hold memory.
                CacheDocuments = false,
                RecordDependencies = false,
                ShellScriptChecker = ShellCheckRunner.FromEnvironment(),
            });
        }
        catch (LintSessionSetupException e)
        {
            Console.Error.WriteLine("plimsoll lint: " + e.Message);
            return ExitCodes.UsageOrToolError;
        }
        var report = LintReport.For(request.Format, UsesColor(request), request.Quiet);
        // A fix run needs each file's text to apply its fixes: it keeps whole results.
        var run = new LintRunner(session).Run(request, Console.In, ProgressReporter.Create(), fixMode == null ? report.Keep : null);
        if (fixMode != null)
        {
            // Fix first; then lint again, so the report shows what is left (standard input: the fixed text is the output).
            var outcome = new Fixing.LintFixer(session, request).Run(run, fixMode, Console.Out, Console.Error);
            if (outcome.StdinResult is { } fixedStdin)
                return fixedStdin.Remaining.Any(f => !f.IsSuppressed && SeverityThresholds.Reaches(f.Severity, request.Threshold)) ? ExitCodes.Findings : ExitCodes.Clean;
            if (fixMode.DiffOnly) return outcome.HadErrors ? ExitCodes.UsageOrToolError : outcome.Applied > 0 ? ExitCodes.Findings : ExitCodes.Clean;
            if (outcome.FilesChanged > 0) run = new LintRunner(session).Run(request, Console.In, ProgressReporter.Create());
        }

        try
        {
            if (request.OutputPath == null)
            {
                using var stdout = Console.OpenStandardOutput();
                report.Write(run, stdout);
            }
            else
            {
                ReportFile.Write(request.OutputPath, run.Files.Select(f => f.Path), stream => report.Write(run, stream));
            }
        }
        catch (ReportFileException e)
        {
            Console.Error.WriteLine("plimsoll lint: " + e.Message);
            return ExitCodes.UsageOrToolError;
        }
        catch (Exception e) when (request.OutputPath == null && (e is IOException or UnauthorizedAccessException))
        {
            Console.Error.WriteLine("plimsoll lint: cannot write the report to standard output: " + (e.InnerException?.Message ?? e.Message));
            return ExitCodes.UsageOrToolError;
        }

        if (run.Files.IsEmpty && !request.AllowEmpty && !run.AllNotifications.Any(n => n.Level == Plimsoll.Diagnostics.ToolNotificationLevel.Error))
        {
            // ESLint's convention: a run that lints nothing is an error, so a CI job pointed at the wrong folder does not pass.
            Console.Error.WriteLine($"plimsoll lint: no Dockerfile or compose file found in {string.Join(", ", request.Paths.Select(p => "'" + p + "'"))} (use --allow-empty to accept a run with nothing to lint)");
            return ExitCodes.UsageOrToolError;
        }
        if (run.AllNotifications.Any(n => n.Level == Plimsoll.Diagnostics.ToolNotificationLevel.Error)) return ExitCodes.UsageOrToolError;
        return run.Counts.Reach(request.Threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    // A path whose name (or the forced kind) says compose; folders are only known once listed.
    private static bool NamesComposeFile(LintRequest request)
        => request.Paths.Any(p => SourceFileKinds.Classify(p == "-" ? request.StdinFileName ?? p : p, null, request.ForcedKind).IsComposeFamily());

    private static bool UsesColor(LintRequest request)
        => request.OutputPath == null && !request.NoColor && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    // Files named by options are checked before anything loads them (directory, FIFO, missing, size limit).
    private static string? OptionFilesProblem(LintRequest request)
    {
        if (request.ConfigPath != null && OptionFile.Problem("--config", request.ConfigPath, OptionFile.MaxConfigBytes) is { } config) return config;
        if (request.BaselinePath != null && OptionFile.Problem("--baseline", request.BaselinePath, Plimsoll.Reporting.Sarif.SarifBaseline.MaxBaselineBytes) is { } baseline) return baseline;
        if (request.ComposeSchemaPath != null && OptionFile.Problem("--compose-schema", request.ComposeSchemaPath, OptionFile.MaxComposeSchemaBytes) is { } schema) return schema;
        foreach (var pack in request.RulePacks)
            if (OptionFile.Problem("--rules", pack, OptionFile.MaxRulePackBytes) is { } rules) return rules;
        return null;
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
