using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Analysis.ShellChecking;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Shell;

/// <summary>
/// PL7001: what ShellCheck says about each shell script a Dockerfile RUN executes (shell form, heredoc scripts, in the
/// dialect of the stage's SHELL), at the exact line and column of the Dockerfile. Runs only when the host provides a
/// ShellCheck runner; each finding carries its SC code, which can be configured and suppressed on its own.
/// </summary>
[PlimsollAnalyzer]
public sealed class ShellCheckAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Finding = new("finding", "SC{code}: {message}");

    public static readonly RuleDescriptor Rule = new(
        id: "PL7001", name: "ShellCheck", title: "ShellCheck finding in a shell script",
        category: "Shell", defaultSeverity: DiagnosticSeverity.Warning,
        description: "ShellCheck finds quoting mistakes, unchecked cd, wrong tests and other shell bugs that make a RUN do something other than what it says; each finding keeps ShellCheck's level and code.",
        securitySeverity: "2.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Finding],
        peers: []);

    // Build arguments every build knows without an ARG (BuildKit's predefined proxy arguments).
    private static readonly string[] PredefinedArgs = { "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy" };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            if (file.ShellScriptChecker is not { UnavailableReason: null } checker || IsOff(file.Options)) return;
            var scripts = new List<(ShellCheckScript Script, RunShellInput Run)>();
            var skipped = new SkippedScripts();
            foreach (var stage in file.Model.Stages)
            {
                var defined = new HashSet<string>(PredefinedArgs, StringComparer.Ordinal);
                foreach (var name in InheritedEnvNames(stage)) defined.Add(name);
                foreach (var instruction in stage.Instructions)
                {
                    file.CancellationToken.ThrowIfCancellationRequested();
                    if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.ArgInstruction or DockerfileSyntaxKind.EnvInstruction } pairs)
                        foreach (var pair in pairs.Pairs)
                            if (IsShellName(pair.Key)) defined.Add(pair.Key);
                    if (instruction is not RunInstructionSyntax run) continue;
                    foreach (var script in file.GetRunScripts(run))
                    {
                        if (ShellCheckScript.DialectOf(script.Shell) is not { } dialect) continue;
                        if ((script.Heredoc == null ? RunShellInput.ForCommand(script) : RunShellInput.ForScript(script)) is not { } input) continue;
                        if (skipped.Skip(input.Text, dialect, script.Parse)) continue;
                        scripts.Add((new ShellCheckScript(input.Text, dialect, defined, mayAppend: !script.Parse.HasErrors), input));
                    }
                }
            }
            skipped.Notify(file.Notify, "RUN scripts");
            if (scripts.Count == 0) return;

            var result = checker.Check(scripts.Select(s => s.Script.Input).ToList(), ShellCheckSettings.For(file.Options), file.CancellationToken);
            if (result.Failure != null)
            {
                file.Notify($"ShellCheck could not check the RUN scripts of this file (PL7001 is silent for it): {result.Failure}", ToolNotificationLevel.Warning);
                return;
            }
            for (int i = 0; i < scripts.Count && i < result.Comments.Count; i++)
            {
                var (script, run) = scripts[i];
                foreach (var comment in result.Comments[i])
                {
                    if (script.Locate(comment) is not { } at) continue;
                    var span = run.MapToSource(at.Start, at.End - at.Start);
                    file.Report(Finding, span, SeverityOf(comment.Level), PropertiesOf(comment), comment.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), comment.Message);
                }
            }
        });
        context.RegisterComposeProjectAction(CheckCompose);
    }

    private static void CheckCompose(ComposeProjectAnalysisContext file)
    {
        if (file.ShellScriptChecker is not { UnavailableReason: null } checker || IsOff(file.Options)) return;
        var scripts = new List<(ShellCheckScript Script, ComposeShellScript Written)>();
        var skipped = new SkippedScripts();
        foreach (var service in file.Project.Services)
        {
            // The service's environment is set in its container: names the script may read.
            var defined = service.Environment.Select(e => e.Name).Where(IsShellName).ToList();
            foreach (var script in ComposeShellScripts.Of(service))
            {
                if (skipped.Skip(script.Text, script.Dialect)) continue;
                scripts.Add((new ShellCheckScript(script.Text, script.Dialect, defined, mayAppend: true), script));
            }
        }
        skipped.Notify(file.Notify, "shell commands");
        if (scripts.Count == 0) return;
        var result = checker.Check(scripts.Select(s => s.Script.Input).ToList(), ShellCheckSettings.For(file.Options), file.CancellationToken);
        if (result.Failure != null)
        {
            file.Notify($"ShellCheck could not check the shell commands of this file (PL7001 is silent for it): {result.Failure}", ToolNotificationLevel.Warning);
            return;
        }
        for (int i = 0; i < scripts.Count && i < result.Comments.Count; i++)
        {
            var (script, written) = scripts[i];
            foreach (var comment in result.Comments[i])
            {
                if (script.Locate(comment) is not { } at) continue;
                file.Report(Finding, written.Map(at.Start, at.End - at.Start), SeverityOf(comment.Level), PropertiesOf(comment),
                    comment.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), comment.Message);
            }
        }
    }

    // The scripts of one file that are not handed to ShellCheck, and why: said once per file, as a warning, because
    // PL7001 is silent for them. Besides each script's own limits, one file gets at most MaxScripts scripts and
    // MaxTotalLength characters of them checked (the corpus's largest: 16 scripts, 10 KB): each script costs a few
    // milliseconds of ShellCheck, so a generated file with 100,000 RUNs would otherwise hold the run for minutes.
    private sealed class SkippedScripts
    {
        internal const int MaxScripts = 200;
        internal const int MaxTotalLength = 128 * 1024;

        private int _count;
        private string? _firstReason;
        private int _accepted;
        private long _acceptedLength;

        public bool Skip(string text, ShellCheckDialect dialect, ShellParseResult? parse = null)
        {
            string? why = ShellCheckScript.WhyNotChecked(text, dialect, parse);
            if (why == null && (_accepted >= MaxScripts || _acceptedLength + text.Length > MaxTotalLength))
                why = $"ShellCheck is given at most {MaxScripts} scripts and {MaxTotalLength / 1024} KB of them from one file";
            if (why == null)
            {
                _accepted++;
                _acceptedLength += text.Length;
                return false;
            }
            _count++;
            _firstReason ??= why;
            return true;
        }

        public void Notify(Action<string, ToolNotificationLevel> notify, string what)
        {
            if (_count == 0) return;
            string which = _count == 1 ? "one of the " + what : $"{_count} of the {what}";
            notify($"ShellCheck did not check {which} of this file (PL7001 is silent for it): {_firstReason}", ToolNotificationLevel.Warning);
        }
    }

    // Turned off for this file: no process is started for nothing.
    internal static bool IsOff(IRuleOptions options)
        => options is AnalyzerOptions configured && configured.GetSeverity(Rule.Descriptor) == ReportDiagnostic.Suppress;

    internal static DiagnosticSeverity SeverityOf(ShellCheckLevel level) => level switch
    {
        ShellCheckLevel.Error => DiagnosticSeverity.Error,
        ShellCheckLevel.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    internal static ImmutableDictionary<string, string?> PropertiesOf(ShellCheckComment comment)
        => ImmutableDictionary<string, string?>.Empty
            .Add(SubRules.PropertyKey, "SC" + comment.Code.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("shellcheckLevel", comment.Level.ToString().ToLowerInvariant());

    // ENV of the stages a stage is built on: their names are set in its containers too.
    private static IEnumerable<string> InheritedEnvNames(BuildStage stage)
    {
        var seen = new HashSet<BuildStage>();
        for (var parent = stage.ParentStage; parent != null && parent.Index < stage.Index && seen.Add(parent); parent = parent.ParentStage)
            foreach (var instruction in parent.Instructions)
                if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.EnvInstruction } env)
                    foreach (var pair in env.Pairs)
                        if (IsShellName(pair.Key)) yield return pair.Key;
    }

    internal static bool IsShellName(string name)
        => name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_'));
}
