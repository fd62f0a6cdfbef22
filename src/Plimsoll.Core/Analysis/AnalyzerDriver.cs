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
        var notAnalysed = new List<Diagnostic>();

        if (_registry.HasDockerfileWork)
        {
            var options = settings.Options;
            RunActions(_registry.DockerfileActions, new DockerfileAnalysisContext(model, options, sink), path, notifications);
            if (_registry.StageActions.Count > 0)
                foreach (var stage in model.Stages)
                    RunActions(_registry.StageActions, new StageAnalysisContext(model, stage, options, sink), path, notifications);
            foreach (var instruction in tree.Root.Instructions)
            {
                AnalyzeInstruction(model, instruction, options, sink, path, notifications, notAnalysed);
                // An ONBUILD trigger is an instruction of its own.
                if (instruction is OnbuildInstructionSyntax { Inner: { } inner }) AnalyzeInstruction(model, inner, options, sink, path, notifications, notAnalysed);
            }
        }

        var findings = new List<Finding>();
        foreach (var diagnostic in tree.Diagnostics) findings.Add(new Finding(diagnostic, null, null, null));
        // What was left unanalysed at a limit (read after the rules ran: the model resolves words as they ask).
        foreach (var diagnostic in model.Diagnostics) findings.Add(new Finding(diagnostic, null, null, null));
        foreach (var diagnostic in notAnalysed) findings.Add(new Finding(diagnostic, null, null, null));
        AddSuppressionProblems(settings, path, notifications);
        foreach (var (rule, diagnostic, fix) in sink.Items)
        {
            var finding = settings.Apply(rule, diagnostic, fix);
            if (finding != null) findings.Add(finding);
        }
        findings.Sort(FindingOrder.Instance);
        return new FileAnalysisResult(path, tree.Text, findings.ToImmutableArray(), notifications.ToImmutableArray());
    }

    /// <summary>
    /// Analyzes one compose file (or swarm stack file, <paramref name="isStack"/>): YAML and schema problems become
    /// PL9002; values are interpolated with the .env beside the file (not for stacks, as swarm does not read it).
    /// </summary>
    public FileAnalysisResult AnalyzeComposeFile(SourceText text, string path, bool isStack, ComposeSchema? schema = null)
    {
        var tree = YamlSyntaxTree.Parse(text, path);
        var settings = new FileSettings(OptionsFor(path), SourceComments.ForYaml(tree, _registry));
        var sink = new FindingSink();
        var notifications = new List<ToolNotification>();
        var findings = new List<Finding>();
        foreach (var diagnostic in tree.Diagnostics) findings.Add(new Finding(diagnostic, null, null, null));

        if (!tree.HasErrors && tree.Root != null)
        {
            if (schema != null)
                foreach (var diagnostic in ComposeSchemaValidator.Validate(tree, schema)) findings.Add(new Finding(diagnostic, null, null, null));

            var budget = new YamlAliasBudget();
            var file = ComposeFile.Load(tree, budget);
            // The model stops reading at the budget: say so (and fail the run), as the services after it were not checked.
            if (file.BudgetExceeded)
                findings.Add(new Finding(PlimsollDiagnostic.Create(SyntaxDiagnostics.ComposeSyntax, path, tree.Text, budget.ExhaustedAt?.Span ?? tree.Root.Span,
                    $"The file is too large to analyse: reading it visited more than {budget.Limit:N0} nodes; the rest of the file is not analysed."), null, null, null));
            var variables = ComposeVariables.Load(path, isStack ? ComposeVariablesOptions.ForStack(false, null) : ComposeVariablesOptions.Compose);
            var interpolator = new ComposeInterpolator(variables, isStack ? InterpolationDialect.Stack : InterpolationDialect.Compose);
            var merged = new Lazy<ComposeProject>(() => LoadProject(text, path, isStack));
            var project = new ComposeProjectAnalysisContext(file, isStack, interpolator, merged, settings.Options, sink);

            void Run<T>(IReadOnlyList<Action<T>> actions, T context) => RunActions(actions, context, path, notifications);

            Run(_registry.ComposeProjectActions, project);
            foreach (var service in file.Services)
                Run(_registry.ComposeServiceActions, new ComposeServiceAnalysisContext(project, service, interpolator, settings.Options, sink));
            foreach (var network in file.Networks)
                Run(_registry.ComposeNetworkActions, new ComposeNetworkAnalysisContext(project, network, interpolator, settings.Options, sink));
            foreach (var secret in file.Secrets.Cast<ComposeResource>().Concat(file.Configs))
                Run(_registry.ComposeSecretActions, new ComposeSecretAnalysisContext(project, secret, interpolator, settings.Options, sink));
        }

        AddSuppressionProblems(settings, path, notifications);
        foreach (var (rule, diagnostic, fix) in sink.Items)
        {
            var finding = settings.Apply(rule, diagnostic, fix);
            if (finding != null) findings.Add(finding);
        }
        findings.Sort(FindingOrder.Instance);
        return new FileAnalysisResult(path, tree.Text, findings.ToImmutableArray(), notifications.ToImmutableArray());
    }

    private void AnalyzeInstruction(DockerfileSemanticModel model, InstructionSyntax instruction, AnalyzerOptions options, FindingSink sink, string path,
        List<ToolNotification> notifications, List<Diagnostic> notAnalysed)
    {
        var actions = _registry.InstructionActionsFor(instruction.Kind);
        if (actions.Length > 0) RunActions(actions, new InstructionAnalysisContext(model, instruction, options, sink), path, notifications);
        if (_registry.ShellCommandActions.Count == 0 || instruction is not RunInstructionSyntax run) return;
        foreach (var script in RunScripts.For(model, run))
        {
            // The shell parser stops at its nesting and work limits: what follows was not seen by any rule.
            foreach (var error in script.Parse.Diagnostics)
                if (error.IsLimit)
                    notAnalysed.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.NotAnalysed, path, model.Tree.Text, script.MapToSource(error.Start, error.Length),
                        $"The shell script is not analysed from here on: {error.Message}."));
            foreach (var command in script.Parse.DescendantCommandsWithInlineScripts())
                if (command.SimpleCommand != null)
                    RunActions(_registry.ShellCommandActions, new ShellCommandAnalysisContext(model, script, command, options, sink), path, notifications);
        }
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
    private static ComposeProject LoadProject(SourceText text, string path, bool isStack)
    {
        if (!isStack)
        {
            string name = Path.GetFileName(path);
            string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            if (ComposeProjectLoader.DefaultFileNames.Contains(name) || ComposeProjectLoader.OverrideFileNames.Contains(name))
            {
                var files = ComposeProjectLoader.FindProjectFiles(directory);
                if (files.Any(f => string.Equals(Path.GetFileName(f), name, StringComparison.Ordinal)))
                    return ComposeProjectLoader.LoadFiles(files);
            }
        }
        return ComposeProjectLoader.LoadText(text.ToString(), path, isStack);
    }
}

/// <summary>What analyzing one file produced.</summary>
public sealed record FileAnalysisResult(string Path, SourceText Text, ImmutableArray<Finding> Findings, ImmutableArray<ToolNotification> Notifications);

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
