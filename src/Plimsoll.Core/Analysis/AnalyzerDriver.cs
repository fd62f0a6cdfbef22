using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis.Configuration;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Compose;
using Plimsoll.Semantics.Compose.Interpolation;
using Plimsoll.Semantics.Compose.Projects;
using Plimsoll.Semantics.Dockerfile;
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

    /// <param name="options">Where per-file configuration comes from (.editorconfig, --config, .hadolint.yaml); none when null.</param>
    public AnalyzerDriver(AnalyzerRegistry registry, IAnalyzerOptionsProvider? options = null)
    {
        _registry = registry;
        _options = options;
    }

    private AnalyzerOptions OptionsFor(string path) => _options?.GetOptions(path) ?? AnalyzerOptions.Empty;

    public AnalyzerRegistry Registry => _registry;

    public FileAnalysisResult AnalyzeDockerfile(SourceText text, string path)
    {
        var tree = DockerfileSyntaxTree.Parse(text, path);
        var model = DockerfileSemanticModel.Create(tree);
        var settings = new FileSettings(OptionsFor(path), SourceComments.ForDockerfile(tree, _registry));
        var sink = new FindingSink();
        var notifications = new List<ToolNotification>();

        if (_registry.HasDockerfileWork)
        {
            var options = settings.Options;
            RunActions(_registry.DockerfileActions, new DockerfileAnalysisContext(model, options, sink), path, notifications);
            if (_registry.StageActions.Count > 0)
                foreach (var stage in model.Stages)
                    RunActions(_registry.StageActions, new StageAnalysisContext(model, stage, options, sink), path, notifications);
            foreach (var instruction in tree.Root.Instructions)
            {
                AnalyzeInstruction(model, instruction, options, sink, path, notifications);
                // An ONBUILD trigger is an instruction of its own.
                if (instruction is OnbuildInstructionSyntax { Inner: { } inner }) AnalyzeInstruction(model, inner, options, sink, path, notifications);
            }
        }

        var findings = new List<Finding>();
        foreach (var diagnostic in tree.Diagnostics) findings.Add(new Finding(diagnostic, null, null, null));
        AddSuppressionProblems(settings, path, notifications);
        foreach (var (rule, diagnostic, fix) in sink.Items)
        {
            var finding = settings.Apply(rule, diagnostic, fix);
            if (finding != null) findings.Add(finding);
        }
        findings.Sort(FindingOrder.Instance);
        return new FileAnalysisResult(path, text, findings.ToImmutableArray(), notifications.ToImmutableArray());
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
    {
        compose ??= ComposeAnalysisOptions.Default;
        var tree = YamlSyntaxTree.Parse(text, path);
        var own = new ComposeFileAnalysis(this, tree, path);
        foreach (var diagnostic in tree.Diagnostics) own.AddProblem(diagnostic);
        var others = new Dictionary<string, ComposeFileAnalysis>(StringComparer.Ordinal);

        if (!tree.HasErrors && tree.Root != null)
        {
            var project = LoadProject(text, path, isStack, compose);
            string fullPath = ProjectBuilder.Full(path);
            own.Run(schema, project, isStack, compose.FileSystem);

            // Files of the project that nobody else lints (included and extended files, an override not named): judged here.
            foreach (var other in project.AllTrees)
            {
                if (other.Path == fullPath || compose.IsLintedOnItsOwn(other.Path) || others.ContainsKey(other.Path)) continue;
                var analysis = new ComposeFileAnalysis(this, other, other.Path);
                others[other.Path] = analysis;
                if (!other.HasErrors && other.Root != null) analysis.Run(schema, project, isStack, compose.FileSystem);
            }

            foreach (var diagnostic in project.Diagnostics)
            {
                string? at = diagnostic.Location == Location.None ? null : diagnostic.Location.GetLineSpan().Path;
                if (at == null || at == fullPath || at == path)
                {
                    own.AddProblem(at == null ? PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, path, text, default, diagnostic.GetMessage()) : Relocate(diagnostic, path, text));
                }
                else if (!compose.IsLintedOnItsOwn(at))
                {
                    if (!others.TryGetValue(at, out var analysis))
                    {
                        if (project.GetText(at) is not { } otherText) continue;
                        analysis = new ComposeFileAnalysis(this, null, at, otherText);
                        others[at] = analysis;
                    }
                    analysis.AddProblem(diagnostic);
                }
            }
        }

        return own.Result() with { ProjectFiles = others.Values.Select(o => o.Result()).ToImmutableArray() };
    }

    // The same diagnostic, at the same span of the linted file as the host named it.
    private static Diagnostic Relocate(Diagnostic diagnostic, string path, SourceText text)
        => Diagnostic.Create(diagnostic.Descriptor, PlimsollDiagnostic.CreateLocation(path, text, diagnostic.Location.SourceSpan),
            diagnostic.AdditionalLocations, diagnostic.GetMessage());

    /// <summary>The findings of one compose file of a project: its rules' reports (with its own suppressions and options) and its problems.</summary>
    private sealed class ComposeFileAnalysis
    {
        private readonly AnalyzerDriver _driver;
        private readonly YamlSyntaxTree? _tree;
        private readonly string _path;
        private readonly SourceText _text;
        private readonly FileSettings? _settings;
        private readonly FindingSink _sink = new();
        private readonly List<ToolNotification> _notifications = new();
        private readonly List<Finding> _problems = new();
        private readonly HashSet<(string Id, TextSpan Span, string Message)> _seen = new();

        public ComposeFileAnalysis(AnalyzerDriver driver, YamlSyntaxTree? tree, string path, SourceText? text = null)
        {
            _driver = driver;
            _tree = tree;
            _path = path;
            _text = tree?.Text ?? text!;
            if (tree != null) _settings = new FileSettings(driver.OptionsFor(path), SourceComments.ForYaml(tree, driver._registry));
        }

        public void AddProblem(Diagnostic diagnostic)
        {
            if (_seen.Add((diagnostic.Id, diagnostic.Location.SourceSpan, diagnostic.GetMessage()))) _problems.Add(new Finding(diagnostic, null, null, null));
        }

        public void Run(ComposeSchema? schema, ComposeProject project, bool isStack, Plimsoll.Workspace.FileSystems.IFileSystem fileSystem)
        {
            var tree = _tree!;
            var settings = _settings!;
            var registry = _driver._registry;
            if (schema != null)
                foreach (var diagnostic in ComposeSchemaValidator.Validate(tree, schema)) AddProblem(diagnostic);

            var file = ComposeFile.Load(tree);
            var interpolator = new ComposeInterpolator(project.Variables, isStack ? InterpolationDialect.Stack : InterpolationDialect.Compose);
            var context = new ComposeProjectAnalysisContext(file, isStack, interpolator, new Lazy<ComposeProject>(project), fileSystem, settings.Options, _sink);

            void Run<T>(IReadOnlyList<Action<T>> actions, T c) => RunActions(actions, c, _path, _notifications);

            Run(registry.ComposeProjectActions, context);
            foreach (var service in file.Services)
                Run(registry.ComposeServiceActions, new ComposeServiceAnalysisContext(context, service, interpolator, settings.Options, _sink));
            foreach (var network in file.Networks)
                Run(registry.ComposeNetworkActions, new ComposeNetworkAnalysisContext(context, network, interpolator, settings.Options, _sink));
            foreach (var secret in file.Secrets.Cast<ComposeResource>().Concat(file.Configs))
                Run(registry.ComposeSecretActions, new ComposeSecretAnalysisContext(context, secret, interpolator, settings.Options, _sink));
        }

        public FileAnalysisResult Result()
        {
            var findings = new List<Finding>(_problems);
            if (_settings != null)
            {
                AddSuppressionProblems(_settings, _path, _notifications);
                foreach (var (rule, diagnostic, fix) in _sink.Items)
                {
                    var finding = _settings.Apply(rule, diagnostic, fix);
                    if (finding != null) findings.Add(finding);
                }
            }
            findings.Sort(FindingOrder.Instance);
            return new FileAnalysisResult(_path, _text, findings.ToImmutableArray(), _notifications.ToImmutableArray());
        }
    }

    private void AnalyzeInstruction(DockerfileSemanticModel model, InstructionSyntax instruction, AnalyzerOptions options, FindingSink sink, string path, List<ToolNotification> notifications)
    {
        var actions = _registry.InstructionActionsFor(instruction.Kind);
        if (actions.Length > 0) RunActions(actions, new InstructionAnalysisContext(model, instruction, options, sink), path, notifications);
        if (_registry.ShellCommandActions.Count == 0 || instruction is not RunInstructionSyntax run) return;
        foreach (var script in RunScripts.For(model, run))
            foreach (var command in script.Parse.DescendantCommandsWithInlineScripts())
                if (command.SimpleCommand != null)
                    RunActions(_registry.ShellCommandActions, new ShellCommandAnalysisContext(model, script, command, options, sink), path, notifications);
    }

    // A suppression comment that names an unknown rule (or is malformed) is a mistake the user wants to hear about.
    private static void AddSuppressionProblems(FileSettings settings, string path, List<ToolNotification> notifications)
    {
        foreach (var problem in settings.Suppressions.Problems)
            notifications.Add(new ToolNotification(path, $"line {problem.Line + 1}: {problem.Message}", ToolNotificationLevel.Warning));
    }

    /// <summary>Calls each rule callback; a rule that throws becomes a tool notification and the others still run.</summary>
    private static void RunActions<T>(IReadOnlyList<Action<T>> actions, T context, string path, List<ToolNotification> notifications)
    {
        // Indexed, not foreach over the interface: this runs for every instruction and shell command of every file.
        for (int i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            try
            {
                action(context);
            }
            catch (Exception e)
            {
                notifications.Add(new ToolNotification(path, $"A rule failed ({DescribeRule(action)}): {e.GetType().Name}: {e.Message}.", ToolNotificationLevel.Warning));
            }
        }
    }

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
    private static ComposeProject LoadProject(SourceText text, string path, bool isStack, ComposeAnalysisOptions compose)
    {
        var options = new ComposeProjectOptions { FileSystem = compose.FileSystem, Cache = compose.Cache };
        if (!isStack)
        {
            string name = Path.GetFileName(path);
            string directory = Path.GetDirectoryName(ProjectBuilder.Full(path)) ?? ".";
            if (ComposeProjectLoader.DefaultFileNames.Contains(name) || ComposeProjectLoader.OverrideFileNames.Contains(name))
            {
                var files = ComposeProjectLoader.FindProjectFiles(directory, compose.FileSystem);
                if (files.Any(f => string.Equals(Path.GetFileName(f), name, StringComparison.Ordinal)))
                    return ComposeProjectLoader.LoadFiles(files, text, path, isStack, options);
            }
        }
        return ComposeProjectLoader.LoadText(text, path, isStack, options);
    }
}

/// <summary>What analyzing one file produced.</summary>
public sealed record FileAnalysisResult(string Path, SourceText Text, ImmutableArray<Finding> Findings, ImmutableArray<ToolNotification> Notifications)
{
    /// <summary>
    /// Findings this analysis made in other files of a compose project that the host does not lint on their own
    /// (an included or extended file, an <c>.env</c>): one result per file. Two linted files of one project may both
    /// report such a file; <see cref="MergeByPath"/> joins them without repeating a finding.
    /// </summary>
    public ImmutableArray<FileAnalysisResult> ProjectFiles { get; init; } = ImmutableArray<FileAnalysisResult>.Empty;

    /// <summary>The results and their <see cref="ProjectFiles"/> as one list, a file once, its findings without repeats, in the results' order.</summary>
    public static ImmutableArray<FileAnalysisResult> MergeByPath(IEnumerable<FileAnalysisResult> results)
    {
        var order = new List<string>();
        var byPath = new Dictionary<string, FileAnalysisResult>(StringComparer.Ordinal);
        foreach (var result in results.SelectMany(r => new[] { r with { ProjectFiles = ImmutableArray<FileAnalysisResult>.Empty } }.Concat(r.ProjectFiles)))
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
        int c = x!.Diagnostic.Location.SourceSpan.Start.CompareTo(y!.Diagnostic.Location.SourceSpan.Start);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }
}
