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
        var sink = new FindingSink(fileSystem ?? _fileSystem, cancellationToken);
        var notifications = new List<ToolNotification>();

        if (_registry.HasDockerfileWork)
        {
            var options = settings.Options;
            RunActions(_registry.DockerfileActions, new DockerfileAnalysisContext(model, options, sink), path, notifications, cancellationToken);
            if (_registry.StageActions.Count > 0)
                foreach (var stage in model.Stages)
                    RunActions(_registry.StageActions, new StageAnalysisContext(model, stage, options, sink), path, notifications, cancellationToken);
            foreach (var instruction in tree.Root.Instructions)
            {
                cancellationToken.ThrowIfCancellationRequested();
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
    /// Analyzes one compose file (or swarm stack file, <paramref name="isStack"/>): YAML and schema problems become
    /// PL9002; values are interpolated with the .env beside the file (not for stacks, as swarm does not read it).
    /// </summary>
    public FileAnalysisResult AnalyzeComposeFile(SourceText text, string path, bool isStack, ComposeSchema? schema = null, CancellationToken cancellationToken = default)
        => AnalyzeComposeFile(YamlSyntaxTree.Parse(text, path), isStack, schema, new ComposeProjectOptions { CancellationToken = cancellationToken });

    /// <summary>
    /// Analyzes a compose file already parsed. <paramref name="project"/> says how the rest of its project is read
    /// (file system, a YAML parse cache, cancellation); its variable settings are not used (the file's kind decides them).
    /// Throws <see cref="OperationCanceledException"/> when its token is cancelled.
    /// </summary>
    public FileAnalysisResult AnalyzeComposeFile(YamlSyntaxTree tree, bool isStack, ComposeSchema? schema, ComposeProjectOptions? project)
    {
        string path = tree.Path;
        var text = tree.Text;
        var fileSystem = project?.FileSystem ?? _fileSystem;
        var cancellationToken = project?.CancellationToken ?? default;
        var loading = new ComposeProjectOptions { FileSystem = fileSystem, ParseYaml = project?.ParseYaml, CancellationToken = cancellationToken };
        cancellationToken.ThrowIfCancellationRequested();
        var settings = new FileSettings(OptionsFor(path), SourceComments.ForYaml(tree, _registry));
        var sink = new FindingSink(fileSystem, cancellationToken);
        var notifications = new List<ToolNotification>();
        var findings = new List<Finding>();
        foreach (var diagnostic in tree.Diagnostics) findings.Add(new Finding(diagnostic, null, null, null));

        if (!tree.HasErrors && tree.Root != null)
        {
            if (schema != null)
                foreach (var diagnostic in ComposeSchemaValidator.Validate(tree, schema)) findings.Add(new Finding(diagnostic, null, null, null));

            var file = ComposeFile.Load(tree);
            var variables = ComposeVariables.Load(path, isStack ? ComposeVariablesOptions.ForStack(false, null) : ComposeVariablesOptions.Compose, fileSystem);
            var interpolator = new ComposeInterpolator(variables, isStack ? InterpolationDialect.Stack : InterpolationDialect.Compose);
            var merged = new Lazy<ComposeProject>(() => LoadProject(text, path, isStack, loading));
            var projectContext = new ComposeProjectAnalysisContext(file, isStack, interpolator, merged, settings.Options, sink);

            void Run<T>(IReadOnlyList<Action<T>> actions, T context)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunActions(actions, context, path, notifications, cancellationToken);
            }

            Run(_registry.ComposeProjectActions, projectContext);
            foreach (var service in file.Services)
                Run(_registry.ComposeServiceActions, new ComposeServiceAnalysisContext(projectContext, service, interpolator, settings.Options, sink));
            foreach (var network in file.Networks)
                Run(_registry.ComposeNetworkActions, new ComposeNetworkAnalysisContext(projectContext, network, interpolator, settings.Options, sink));
            foreach (var secret in file.Secrets.Cast<ComposeResource>().Concat(file.Configs))
                Run(_registry.ComposeSecretActions, new ComposeSecretAnalysisContext(projectContext, secret, interpolator, settings.Options, sink));
        }

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
    /// Analyzes the SDK container settings of one .NET project. Each finding lands in the file whose element defined
    /// the setting, so the result is one <see cref="FileAnalysisResult"/> per such file (read through the file system).
    /// </summary>
    public IReadOnlyList<FileAnalysisResult> AnalyzeContainerSettings(ContainerSettings settings, IFileSystem? fileSystem, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var files = fileSystem ?? _fileSystem;
        var reports = new List<(RuleDescriptor, ContainerSetting, object?[])>();
        var notifications = new List<ToolNotification>();
        var context = new ContainerSettingsAnalysisContext(settings, OptionsFor(settings.ProjectPath), files, cancellationToken, reports);
        RunActions(_registry.ContainerSettingsActions, context, settings.ProjectPath, notifications, cancellationToken);

        var results = new List<FileAnalysisResult>();
        foreach (var group in reports.GroupBy(r => r.Item2.Location.Path, FilePaths.Comparer))
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
            foreach (var (rule, setting, args) in group)
            {
                var span = MSBuildElementSpan.Find(text, setting.Location, setting.Name);
                var finding = fileSettings.Apply(rule, PlimsollDiagnostic.Create(rule.Descriptor, group.Key, text, span, args), null);
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

    private void AnalyzeInstruction(DockerfileSemanticModel model, InstructionSyntax instruction, AnalyzerOptions options, FindingSink sink, string path, List<ToolNotification> notifications)
    {
        var actions = _registry.InstructionActionsFor(instruction.Kind);
        var cancellationToken = sink.CancellationToken;
        if (actions.Length > 0) RunActions(actions, new InstructionAnalysisContext(model, instruction, options, sink), path, notifications, cancellationToken);
        if (_registry.ShellCommandActions.Count == 0 || instruction is not RunInstructionSyntax run) return;
        foreach (var script in RunScripts.For(model, run))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var command in script.Parse.DescendantCommandsWithInlineScripts())
            {
                if (command.SimpleCommand == null) continue;
                cancellationToken.ThrowIfCancellationRequested();
                RunActions(_registry.ShellCommandActions, new ShellCommandAnalysisContext(model, script, command, options, sink), path, notifications, cancellationToken);
            }
        }
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
                notifications.Add(new ToolNotification(path, $"A rule failed ({DescribeRule(action)}): {e.GetType().Name}: {e.Message}.", ToolNotificationLevel.Error));
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
    // The analyzed text stands in for the file on disk (it may be an unsaved buffer).
    private static ComposeProject LoadProject(SourceText text, string path, bool isStack, ComposeProjectOptions loading)
    {
        var overlay = new OverlayFileSystem(loading.FileSystem ?? PhysicalFileSystem.Instance);
        overlay.SetBuffer(path, text);
        var options = new ComposeProjectOptions { FileSystem = overlay, ParseYaml = loading.ParseYaml, CancellationToken = loading.CancellationToken };
        if (!isStack)
        {
            string name = Path.GetFileName(path);
            string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            if (ComposeProjectLoader.DefaultFileNames.Contains(name) || ComposeProjectLoader.OverrideFileNames.Contains(name))
            {
                var files = ComposeProjectLoader.FindProjectFiles(directory, overlay);
                if (files.Any(f => string.Equals(Path.GetFileName(f), name, StringComparison.Ordinal)))
                    return ComposeProjectLoader.LoadFiles(files, options);
            }
        }
        return ComposeProjectLoader.LoadText(text.ToString(), path, isStack, options);
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
