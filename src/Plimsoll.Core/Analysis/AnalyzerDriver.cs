using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Dockerfile;
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
    private readonly Func<string, FileSettings> _settingsFor;

    public AnalyzerDriver(AnalyzerRegistry registry, Func<string, FileSettings>? settingsFor = null)
    {
        _registry = registry;
        _settingsFor = settingsFor ?? (_ => FileSettings.Default);
    }

    public AnalyzerRegistry Registry => _registry;

    public FileAnalysisResult AnalyzeDockerfile(SourceText text, string path)
    {
        var tree = DockerfileSyntaxTree.Parse(text, path);
        var model = DockerfileSemanticModel.Create(tree);
        var settings = _settingsFor(path);
        var sink = new FindingSink();
        var notifications = new List<ToolNotification>();

        void Run<T>(IEnumerable<Action<T>> actions, T context)
        {
            foreach (var action in actions)
            {
                try
                {
                    action(context);
                }
                catch (Exception e)
                {
                    notifications.Add(new ToolNotification(path, $"A rule failed ({action.Method.DeclaringType?.Name}): {e.GetType().Name}: {e.Message}.", ToolNotificationLevel.Warning));
                }
            }
        }

        if (_registry.HasDockerfileWork)
        {
            Run(_registry.DockerfileActions, new DockerfileAnalysisContext(model, settings.Options, sink));
            foreach (var stage in model.Stages)
                Run(_registry.StageActions, new StageAnalysisContext(model, stage, settings.Options, sink));
            foreach (var instruction in AllInstructions(tree.Root))
            {
                Run(_registry.InstructionActionsFor(instruction.Kind), new InstructionAnalysisContext(model, instruction, settings.Options, sink));
                if (_registry.ShellCommandActions.Count > 0 && instruction is RunInstructionSyntax run)
                {
                    foreach (var script in RunScripts.For(model, run))
                        foreach (var command in script.Parse.Script.DescendantCommands())
                            if (command.SimpleCommand != null)
                                Run(_registry.ShellCommandActions, new ShellCommandAnalysisContext(model, script, command, settings.Options, sink));
                }
            }
        }

        var findings = new List<Finding>();
        foreach (var diagnostic in tree.Diagnostics) findings.Add(new Finding(diagnostic, null, null, null));
        foreach (var (rule, diagnostic, fix) in sink.Items)
        {
            var finding = settings.Apply(rule, diagnostic, fix);
            if (finding != null) findings.Add(finding);
        }
        findings.Sort(FindingOrder.Instance);
        return new FileAnalysisResult(path, text, findings.ToImmutableArray(), notifications.ToImmutableArray());
    }

    private static IEnumerable<InstructionSyntax> AllInstructions(DockerfileSyntax root)
    {
        foreach (var instruction in root.Instructions)
        {
            yield return instruction;
            if (instruction is OnbuildInstructionSyntax { Inner: { } inner }) yield return inner;
        }
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
