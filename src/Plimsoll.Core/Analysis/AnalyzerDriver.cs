using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Compose;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Semantics.DotNet;
using Plimsoll.Syntax.Compose;
using Plimsoll.Syntax.Yaml;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis;

/// <summary>
/// Runs the registered analyzers over one file: parses once, builds the semantic model once, walks once
/// and dispatches. A rule that throws does not stop the run: its failure becomes a tool notification.
/// </summary>
public sealed class AnalyzerDriver
{
    private readonly AnalyzerRegistry _registry;
    private readonly IAnalyzerOptionsProvider? _options;
    private readonly IFileSystem _fileSystem;

    /// <param name="options">Where per-file configuration comes from (.editorconfig, --config, .hadolint.yaml); none when null.</param>
    /// <param name="fileSystem">Where every file besides the analyzed one is read (.env, override and secret files); null: the disk.</param>
    public AnalyzerDriver(AnalyzerRegistry registry, IAnalyzerOptionsProvider? options = null, IFileSystem? fileSystem = null)
    {
        _registry = registry;
        _options = options;
        _fileSystem = fileSystem ?? PhysicalFileSystem.Instance;
    }

    private AnalyzerOptions OptionsFor(string path) => _options?.GetOptions(path) ?? AnalyzerOptions.Empty;

    public AnalyzerRegistry Registry => _registry;

    /// <summary>The host's shell-script checker (ShellCheck) rules may use; null: none (the engine starts no process itself).</summary>
    public ShellChecking.IShellScriptChecker? ShellScriptChecker { get; init; }

    public FileAnalysisResult AnalyzeDockerfile(SourceText text, string path, CancellationToken cancellationToken = default)
        => AnalyzeDockerfile(DockerfileSemanticModel.Create(DockerfileSyntaxTree.Parse(text, path)), null, cancellationToken);

    /// <summary>
    /// Analyzes a Dockerfile already parsed (a host may keep trees and models between runs).
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="fileSystem">Overrides the driver's file system for this run (a host recording what was read).</param>
    public FileAnalysisResult AnalyzeDockerfile(DockerfileSemanticModel model, IFileSystem? fileSystem, CancellationToken cancellationToken)
    {
        var tree = model.Tree;
        string path = tree.Path;
        var text = tree.Text;
        cancellationToken.ThrowIfCancellationRequested();
        var settings = new FileSettings(OptionsFor(path), SourceComments.ForDockerfile(tree, _registry));
        var sink = new FindingSink(fileSystem ?? _fileSystem, cancellationToken, ShellScriptChecker);
        var notifications = new List<ToolNotification>();
        var notAnalysed = new List<Diagnostic>();

        if (_registry.HasDockerfileWork)
        {
            var options = settings.Options;
            var enabled = _registry.EnabledAnalyzers(options);
            RunActions(_registry.DockerfileActions, enabled, new DockerfileAnalysisContext(model, options, sink), path, notifications, cancellationToken);
            if (_registry.StageActions.Count > 0)
                foreach (var stage in model.Stages)
                    RunActions(_registry.StageActions, enabled, new StageAnalysisContext(model, stage, options, sink), path, notifications, cancellationToken);
            foreach (var instruction in tree.Root.Instructions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AnalyzeInstruction(model, instruction, options, enabled, sink, path, notifications, notAnalysed);
                // An ONBUILD trigger is an instruction of its own.
                if (instruction is OnbuildInstructionSyntax { Inner: { } inner }) AnalyzeInstruction(model, inner, options, enabled, sink, path, notifications, notAnalysed);
            }
        }

        var findings = new List<Finding>();
        foreach (var diagnostic in tree.Diagnostics) findings.Add(new Finding(diagnostic, null, null, null));
        // What was left unanalysed at a limit (read after the rules ran: the model resolves words as they ask).
        foreach (var diagnostic in model.Diagnostics) findings.Add(new Finding(diagnostic, null, null, null));
        foreach (var diagnostic in notAnalysed) findings.Add(new Finding(diagnostic, null, null, null));
        AddSuppressionProblems(settings, path, notifications);
        notifications.AddRange(sink.Notifications);
        foreach (var (rule, diagnostic, fix) in sink.Items)
        {
            var finding = settings.Apply(rule, diagnostic, fix);
            if (finding != null) findings.Add(finding);
        }
        findings.Sort(FindingOrder.Instance);
        return new FileAnalysisResult(path, tree.Text, findings.ToImmutableArray(), notifications.ToImmutableArray());
    }

    /// <summary>
    /// Analyzes one compose file (or swarm stack file, <paramref name="isStack"/>) in its project (override file,
    /// <c>include</c>, <c>extends</c>, <c>.env</c>). A finding is reported in the file that wrote the offending value:
    /// this file's in the result, and those of project files the host does not lint on their own (an included file,
    /// an <c>.env</c>) in <see cref="FileAnalysisResult.ProjectFiles"/>. Project problems (YAML and schema errors,
    /// unreadable or non-compose includes, cycles, interpolation errors, malformed <c>.env</c> lines, what swarm
    /// rejects) are PL9002 findings at their own file and line.
    /// </summary>
    public FileAnalysisResult AnalyzeComposeFile(SourceText text, string path, bool isStack, ComposeSchema? schema = null, ComposeAnalysisOptions? compose = null)
        => AnalyzeComposeFile(YamlSyntaxTree.Parse(text, path), isStack, schema, compose);

    /// <summary>
    /// Analyzes a compose file already parsed (a host may keep trees between runs); <paramref name="compose"/> says how
    /// the rest of its project is read (file system, parse cache, which files are linted on their own, cancellation).
    /// Throws <see cref="OperationCanceledException"/> when its token is cancelled.
    /// </summary>
    public FileAnalysisResult AnalyzeComposeFile(YamlSyntaxTree tree, bool isStack, ComposeSchema? schema, ComposeAnalysisOptions? compose)
    {
        compose ??= ComposeAnalysisOptions.Default;
        var cancellationToken = compose.CancellationToken;
        cancellationToken.ThrowIfCancellationRequested();
        string path = tree.Path;
        var own = new ComposeFileFindings(this, tree, path, tree.Text);
        foreach (var diagnostic in tree.Diagnostics) own.AddProblem(diagnostic);
        if (tree.HasErrors || tree.Root == null) return own.Result();

        var project = LoadProject(tree, isStack, compose);
        string fullPath = ProjectBuilder.Full(path);
        var others = new Dictionary<string, ComposeFileFindings>(StringComparer.Ordinal);

        // The findings of a file of the project: this file's own, another's when nobody lints that one on its own.
        ComposeFileFindings? FindingsFor(string? at)
        {
            if (at == null || at == path) return own;
            string full = ProjectBuilder.Full(at);
            if (full == fullPath) return own;
            if (compose.IsLintedOnItsOwn(full)) return null;
            if (others.TryGetValue(full, out var known)) return known;
            var otherTree = project.AllTrees.FirstOrDefault(t => t.Path == at);
            var otherText = otherTree?.Text ?? project.GetText(at);
            if (otherText == null) return null;
            var created = new ComposeFileFindings(this, otherTree, at, otherText);
            others[full] = created;
            return created;
        }

        var sink = new FindingSink(compose.FileSystem, cancellationToken, ShellScriptChecker);
        var context = new ComposeProjectAnalysisContext(tree, project, own.Options, sink);
        var notifications = own.Notifications;
        var enabled = EnabledInProject(own.Options, project);
        void Run<T>(ActionList<T> actions, T c)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunActions(actions, enabled, c, path, notifications, cancellationToken);
        }
        Run(_registry.ComposeProjectActions, context);
        foreach (var service in project.Services)
            Run(_registry.ComposeServiceActions, new ComposeServiceAnalysisContext(context, service, sink));
        foreach (var network in project.Networks)
            Run(_registry.ComposeNetworkActions, new ComposeNetworkAnalysisContext(context, network, sink));
        foreach (var secret in project.Secrets.Concat(project.Configs))
            Run(_registry.ComposeSecretActions, new ComposeSecretAnalysisContext(context, secret, sink));

        // The schema is checked after the rules: on a cold start it is still being built on another thread meanwhile.
        if (schema != null)
            foreach (var diagnostic in ComposeSchemaValidator.Validate(tree, schema)) own.AddProblem(diagnostic);
        // Included and extended files nobody lints on their own are checked here (and counted as checked even when clean).
        foreach (var other in project.AllTrees)
        {
            if (other.HasErrors || other.Root?.Resolve() is not YamlMappingNode || FindingsFor(other.Path) is not { } findings || findings == own) continue;
            if (schema != null)
                foreach (var diagnostic in ComposeSchemaValidator.Validate(other, schema)) findings.AddProblem(diagnostic);
        }

        foreach (var (rule, diagnostic, fix) in sink.Items)
            FindingsFor(PathOf(diagnostic))?.AddRuleFinding(rule, diagnostic, fix);
        notifications.AddRange(sink.Notifications);
        foreach (var diagnostic in project.Diagnostics)
            FindingsFor(PathOf(diagnostic))?.AddProblem(diagnostic);

        return own.Result() with { ProjectFiles = others.Values.Select(o => o.Result()).ToImmutableArray() };
    }

    // The analyzers to run for a compose file: those with a rule on for it or for another file of its project (a
    // finding lands in the file that wrote the value, under that file's options). Null: all of them.
    private bool[]? EnabledInProject(AnalyzerOptions own, ComposeProject project)
    {
        var enabled = _registry.EnabledAnalyzers(own);
        foreach (var other in project.AllTrees)
        {
            if (enabled == null) return null;
            var more = _registry.EnabledAnalyzers(OptionsFor(other.Path));
            if (more == null) return null;
            if (ReferenceEquals(more, enabled)) continue;
            var union = (bool[])enabled.Clone();
            for (int i = 0; i < union.Length; i++) union[i] |= more[i];
            enabled = union;
        }
        return enabled;
    }

    private static string? PathOf(Diagnostic diagnostic) => diagnostic.Location == Location.None ? null : diagnostic.Location.GetLineSpan().Path;

    /// <summary>
    /// The findings of one file of a compose project, with that file's suppressions and options. A diagnostic is
    /// moved to the path the file is known by here (the host's spelling for the linted file); a value reported twice
    /// (a service and the service that extends it share the value) is reported once.
    /// </summary>
    private sealed class ComposeFileFindings
    {
        private readonly string _path;
        private readonly SourceText _text;
        private readonly FileSettings? _settings;
        private readonly List<Finding> _findings = new();
        private readonly HashSet<(string Id, TextSpan Span, string? SubRule)> _ruleFindings = new();
        private readonly HashSet<(TextSpan Span, string Message)> _problems = new();

        public ComposeFileFindings(AnalyzerDriver driver, YamlSyntaxTree? tree, string path, SourceText text)
        {
            _path = path;
            _text = text;
            if (tree != null) _settings = new FileSettings(driver.OptionsFor(path), SourceComments.ForYaml(tree, driver._registry));
        }

        public List<ToolNotification> Notifications { get; } = new();

        public AnalyzerOptions Options => _settings?.Options ?? AnalyzerOptions.Empty;

        public void AddProblem(Diagnostic diagnostic)
        {
            var at = Here(diagnostic);
            if (_problems.Add((at.Location.SourceSpan, at.GetMessage()))) _findings.Add(new Finding(at, null, null, null));
        }

        public void AddRuleFinding(RuleDescriptor rule, Diagnostic diagnostic, CodeFix? fix)
        {
            // Two codes of one rule (ShellCheck's SC2154 and SC2086) at one place are two findings.
            diagnostic.Properties.TryGetValue(SubRules.PropertyKey, out string? subRule);
            if (_settings == null || !_ruleFindings.Add((diagnostic.Id, diagnostic.Location.SourceSpan, subRule))) return;
            var finding = _settings.Apply(rule, diagnostic, fix);
            if (finding != null) _findings.Add(finding);
        }

        // A problem of the whole project (an unreadable env file given by name) is shown at the start of the linted file.
        private Diagnostic Here(Diagnostic diagnostic)
            => diagnostic.Location != Location.None ? diagnostic
                : PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, _path, _text, default, diagnostic.GetMessage());

        public FileAnalysisResult Result()
        {
            if (_settings != null) AddSuppressionProblems(_settings, _path, Notifications);
            _findings.Sort(FindingOrder.Instance);
            return new FileAnalysisResult(_path, _text, _findings.ToImmutableArray(), Notifications.ToImmutableArray());
        }
    }

    /// <summary>
    /// Analyzes the SDK container settings of one .NET project. Each finding lands in the file whose element defined
    /// the setting, so the result is one <see cref="FileAnalysisResult"/> per such file (read through the file system).
    /// </summary>
    public IReadOnlyList<FileAnalysisResult> AnalyzeContainerSettings(ContainerSettings settings, IFileSystem? fileSystem, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var files = fileSystem ?? _fileSystem;
        var reports = new List<(RuleDescriptor, DiagnosticDescriptor, ContainerSetting, object?[])>();
        var notifications = new List<ToolNotification>();
        var context = new ContainerSettingsAnalysisContext(settings, OptionsFor(settings.ProjectPath), files, cancellationToken, reports);
        RunActions(_registry.ContainerSettingsActions, context, settings.ProjectPath, notifications, cancellationToken);

        var results = new List<FileAnalysisResult>();
        foreach (var group in reports.GroupBy(r => r.Item3.Location.Path, FilePaths.Comparer))
        {
            var read = files.ReadFile(group.Key);
            if (!read.IsOk)
            {
                notifications.Add(new ToolNotification(group.Key, $"Cannot read the file that sets a container property: it {read.Message}.", ToolNotificationLevel.Error));
                continue;
            }
            var text = read.Content!.Text;
            // MSBuild files have no Plimsoll suppression comments; .editorconfig severities still apply.
            var fileSettings = new FileSettings(OptionsFor(group.Key), Suppression.SuppressionIndex.Empty);
            var findings = new List<Finding>();
            foreach (var (rule, descriptor, setting, args) in group)
            {
                var span = MSBuildElementSpan.Find(text, setting.Location, setting.Name);
                var finding = fileSettings.Apply(rule, PlimsollDiagnostic.Create(descriptor, group.Key, text, span, args), null);
                if (finding != null) findings.Add(finding);
            }
            findings.Sort(FindingOrder.Instance);
            results.Add(new FileAnalysisResult(group.Key, text, findings.ToImmutableArray(), ImmutableArray<ToolNotification>.Empty));
        }
        if (notifications.Count > 0)
        {
            if (results.Count == 0) results.Add(new FileAnalysisResult(settings.ProjectPath, SourceText.From(""), ImmutableArray<Finding>.Empty, ImmutableArray<ToolNotification>.Empty));
            results[0] = results[0] with { Notifications = results[0].Notifications.AddRange(notifications) };
        }
        return results;
    }

    private void AnalyzeInstruction(DockerfileSemanticModel model, InstructionSyntax instruction, AnalyzerOptions options, bool[]? enabled, FindingSink sink, string path,
        List<ToolNotification> notifications, List<Diagnostic> notAnalysed)
    {
        var actions = _registry.InstructionActionsFor(instruction.Kind);
        var cancellationToken = sink.CancellationToken;
        if (actions.Count > 0) RunActions(actions, enabled, new InstructionAnalysisContext(model, instruction, options, sink), path, notifications, cancellationToken);
        var named = _registry.NamedShellCommandActions;
        if (_registry.ShellCommandActions.Count + named.Count == 0 || instruction is not RunInstructionSyntax run) return;
        var scripts = ExecFormScripts.AllFor(model, run);
        for (int s = 0; s < scripts.Count; s++)
        {
            var script = scripts[s];
            cancellationToken.ThrowIfCancellationRequested();
            // The shell parser stops at its nesting and work limits: what follows was not seen by any rule.
            var errors = script.Parse.Diagnostics;
            for (int e = 0; e < errors.Count; e++)
                if (errors[e] is { IsLimit: true } error)
                    notAnalysed.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.NotAnalysed, path, model.Tree.Text, script.MapToSource(error.Start, error.Length),
                        $"The shell script is not analysed from here on: {error.Message}."));
            // By index: an enumerator boxed per script otherwise.
            var commands = script.Parse.CommandsWithInlineScripts;
            for (int c = 0; c < commands.Count; c++)
            {
                var command = commands[c];
                if (command.SimpleCommand == null) continue;
                cancellationToken.ThrowIfCancellationRequested();
                int reported = sink.Items.Count;
                var context = new ShellCommandAnalysisContext(model, script, command, options, sink);
                RunActions(_registry.ShellCommandActions, enabled, context, path, notifications, cancellationToken);
                if (named.Count > 0 && command.SimpleCommand.ResolvedCommand.Name is { } name)
                {
                    var forName = named.For(name);
                    RunActions(forName.Actions, enabled, context, path, notifications, cancellationToken);
                    if (forName.Failures != null)
                        foreach (var (action, owner, error) in forName.Failures)
                            if (enabled == null || enabled[owner])
                                notifications.Add(RuleFailed(path, action, error));
                }
                if (script.ExecForm != null) sink.DropFixesFrom(reported, fix => ExecFormScripts.KeepsFix(script, fix));
                // An inline script ('sh -c …') nested too deep, or not written so that it can be read in place (escaped
                // quotes), was not seen by any rule: say so.
                if (command.SimpleCommand.ResolvedCommand.TryGetInlineScript(out _) && InlineScriptNotAnalysed(command, script.Parse.Text) is { } why)
                    notAnalysed.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.NotAnalysed, path, model.Tree.Text, script.MapToSource(command.Command.Start, command.Command.Length),
                        $"The inline script of this command is not analysed: {why}."));
            }
        }
    }

    private static string? InlineScriptNotAnalysed(ShellCommandContext command, string source)
    {
        int depth = 0;
        for (var outer = command.Outer; outer != null; outer = outer.Outer) depth++;
        if (depth >= ShellParseResult.MaxInlineDepth) return $"scripts run by 'sh -c' are followed {ShellParseResult.MaxInlineDepth} levels deep";
        return command.SimpleCommand!.ResolvedCommand.HasInlineScriptReadableInPlace(source) ? null : "it is not written so that it can be read in place (escaped quotes or expansions in it)";
    }

    // A suppression comment that names an unknown rule (or is malformed) is a mistake the user wants to hear about.
    private static void AddSuppressionProblems(FileSettings settings, string path, List<ToolNotification> notifications)
    {
        foreach (var problem in settings.Suppressions.Problems)
            notifications.Add(new ToolNotification(path, $"line {problem.Line + 1}: {problem.Message}", ToolNotificationLevel.Warning));
    }

    /// <summary>
    /// Calls each rule callback; a rule that throws becomes an error notification and the others still run. An error,
    /// because the file was not fully checked: the run reports everything else and then fails with exit 2.
    /// </summary>
    /// <summary>Runs the callbacks of the analyzers <paramref name="enabled"/> lets through (null: all).</summary>
    private static void RunActions<T>(ActionList<T> actions, bool[]? enabled, T context, string path, List<ToolNotification> notifications, CancellationToken cancellationToken)
    {
        for (int i = 0; i < actions.Count; i++)
        {
            if (enabled != null && !enabled[actions.OwnerAt(i)]) continue;
            var action = actions[i];
            try
            {
                action(context);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                notifications.Add(RuleFailed(path, action, e));
            }
        }
    }

    private static void RunActions<T>(IReadOnlyList<Action<T>> actions, T context, string path, List<ToolNotification> notifications, CancellationToken cancellationToken)
    {
        // Indexed, not foreach over the interface: this runs for every instruction and shell command of every file.
        for (int i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            try
            {
                action(context);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                notifications.Add(RuleFailed(path, action, e));
            }
        }
    }

    /// <summary>A callback (or its command-name filter) that threw: the file was not fully checked, so an error.</summary>
    private static ToolNotification RuleFailed(string path, Delegate action, Exception error)
        => new(path, $"A rule failed ({DescribeRule(action)}): {error.GetType().Name}: {error.Message}.", ToolNotificationLevel.Error);

    // The analyzer class a callback belongs to. Lambdas live in compiler-generated nested classes ("<>c"), so step
    // out to the class a person wrote. Reflection may be missing (Native AOT): then say so rather than fail here.
    private static string DescribeRule(Delegate action)
    {
        try
        {
            var type = action.Method.DeclaringType;
            while (type != null && type.Name.StartsWith("<", StringComparison.Ordinal)) type = type.DeclaringType;
            return type?.Name ?? "unknown rule";
        }
        catch (Exception)
        {
            return "unknown rule";
        }
    }

    // The project docker compose would build from this file: with its sibling default/override file when it is one of them.
    private static ComposeProject LoadProject(YamlSyntaxTree document, bool isStack, ComposeAnalysisOptions compose)
    {
        string path = document.Path;
        var options = new ComposeProjectOptions { FileSystem = compose.FileSystem, Cache = compose.Cache, Summaries = compose.Summaries, CancellationToken = compose.CancellationToken };
        if (!isStack)
        {
            string name = Path.GetFileName(path);
            string directory = Path.GetDirectoryName(ProjectBuilder.Full(path)) ?? ".";
            if (ComposeProjectLoader.DefaultFileNames.Contains(name) || ComposeProjectLoader.OverrideFileNames.Contains(name))
            {
                var files = ComposeProjectLoader.FindProjectFiles(directory, compose.FileSystem);
                if (files.Any(f => string.Equals(Path.GetFileName(f), name, StringComparison.Ordinal)))
                    return ComposeProjectLoader.LoadFiles(files, document, isStack, options);
            }
        }
        return ComposeProjectLoader.LoadFiles(new[] { path }, document, isStack, options);
    }
}

/// <summary>What analyzing one file produced.</summary>
public sealed record FileAnalysisResult(string Path, SourceText Text, ImmutableArray<Finding> Findings, ImmutableArray<ToolNotification> Notifications)
{
    /// <summary>True when the file could not be read: nothing was checked, and <see cref="Notifications"/> says why.</summary>
    public bool IsUnreadable { get; init; }

    public static FileAnalysisResult Unreadable(string path, string message)
        => new(path, SourceText.From(""), ImmutableArray<Finding>.Empty, ImmutableArray.Create(new ToolNotification(path, message, ToolNotificationLevel.Error)))
        {
            IsUnreadable = true,
        };

    /// <summary>
    /// Findings this analysis made in other files of a compose project that the host does not lint on their own
    /// (an included or extended file, an <c>.env</c>): one result per file. Two linted files of one project may both
    /// report such a file; <see cref="MergeByPath"/> joins them without repeating a finding.
    /// </summary>
    public ImmutableArray<FileAnalysisResult> ProjectFiles { get; init; } = ImmutableArray<FileAnalysisResult>.Empty;

    /// <summary>The results and their <see cref="ProjectFiles"/> as one list, a file once, its findings without repeats, in the results' order.</summary>
    public static ImmutableArray<FileAnalysisResult> MergeByPath(IEnumerable<FileAnalysisResult> results)
    {
        // A run of Dockerfiles (most runs) has no project files and no path twice: nothing to merge, and a copy of
        // each result made to be merged with nothing cost milliseconds at the end of a corpus run.
        var list = results as IReadOnlyList<FileAnalysisResult> ?? results.ToList();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        bool mergeNeeded = false;
        for (int i = 0; i < list.Count && !mergeNeeded; i++)
            mergeNeeded = !list[i].ProjectFiles.IsEmpty || !paths.Add(list[i].Path);
        if (!mergeNeeded) return list.ToImmutableArray();

        var order = new List<string>();
        var byPath = new Dictionary<string, FileAnalysisResult>(StringComparer.Ordinal);
        foreach (var result in list.SelectMany(r => new[] { r with { ProjectFiles = ImmutableArray<FileAnalysisResult>.Empty } }.Concat(r.ProjectFiles)))
        {
            if (!byPath.TryGetValue(result.Path, out var known))
            {
                order.Add(result.Path);
                byPath[result.Path] = result;
                continue;
            }
            var findings = known.Findings.Concat(result.Findings)
                .GroupBy(f => (f.Id, f.Diagnostic.Location.SourceSpan, f.Diagnostic.GetMessage())).Select(g => g.First()).ToList();
            findings.Sort(FindingOrder.Instance);
            byPath[result.Path] = known with { Findings = findings.ToImmutableArray(), Notifications = known.Notifications.AddRange(result.Notifications).Distinct().ToImmutableArray() };
        }
        return order.Select(p => byPath[p]).ToImmutableArray();
    }
}

/// <summary>Findings in file order: line, column, then rule id.</summary>
internal sealed class FindingOrder : IComparer<Finding>
{
    public static readonly FindingOrder Instance = new();

    public int Compare(Finding? x, Finding? y)
    {
        // Position, then id, then message: one rule can report twice at one place (ShellCheck codes), and the
        // output must not depend on the order the checks finished in.
        int c = x!.Diagnostic.Location.SourceSpan.Start.CompareTo(y!.Diagnostic.Location.SourceSpan.Start);
        if (c == 0) c = string.CompareOrdinal(x.Id, y.Id);
        return c != 0 ? c : string.CompareOrdinal(x.Diagnostic.GetMessage(), y.Diagnostic.GetMessage());
    }
}
