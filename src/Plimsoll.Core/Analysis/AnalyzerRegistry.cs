using System.Collections.Immutable;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Analysis;

/// <summary>The analyzers of a run and the callbacks they registered, grouped for dispatch.</summary>
public sealed class AnalyzerRegistry
{
    private readonly Dictionary<DockerfileSyntaxKind, ActionList<InstructionAnalysisContext>> _instructionActions = new();
    // FindRule's answers (ids compared ignoring case; of two ids that differ only in case, the first in order).
    private readonly Dictionary<string, RuleDescriptor> _byId = new(StringComparer.OrdinalIgnoreCase);

    public AnalyzerRegistry(IEnumerable<PlimsollAnalyzer> analyzers)
    {
        Analyzers = analyzers.ToImmutableArray();
        var rules = new Dictionary<string, RuleDescriptor>(StringComparer.Ordinal);
        var context = new RegistrationContext(this);
        for (int index = 0; index < Analyzers.Length; index++)
        {
            var analyzer = Analyzers[index];
            foreach (var rule in analyzer.SupportedRules) rules[rule.Id] = rule;
            context.Owner = index;
            analyzer.Initialize(context);
        }
        Rules = rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToImmutableArray();
        foreach (var rule in Rules)
            if (!_byId.ContainsKey(rule.Id)) _byId.Add(rule.Id, rule);
        foreach (var pair in _instructionActions) _actionsByKind[pair.Key] = ActionList<InstructionAnalysisContext>.Concat(AllInstructionActions, pair.Value);
    }

    public ImmutableArray<PlimsollAnalyzer> Analyzers { get; }

    /// <summary>Every rule of every analyzer, by id.</summary>
    public ImmutableArray<RuleDescriptor> Rules { get; }

    public RuleDescriptor? FindRule(string id) => id != null && _byId.TryGetValue(id, out var rule) ? rule : null;

    /// <summary>The Plimsoll rules that declare a hadolint id as equivalent (for <c># hadolint ignore=</c> and .hadolint.yaml).</summary>
    public IEnumerable<string> RulesForHadolintId(string hadolintId)
        => Rules.Where(r => r.PeerIds(PeerTool.Hadolint).Contains(hadolintId, StringComparer.OrdinalIgnoreCase)).Select(r => r.Id);

    internal ActionList<DockerfileAnalysisContext> DockerfileActions { get; } = new();
    internal ActionList<StageAnalysisContext> StageActions { get; } = new();
    internal ActionList<InstructionAnalysisContext> AllInstructionActions { get; } = new();
    internal ActionList<ShellCommandAnalysisContext> ShellCommandActions { get; } = new();
    internal NamedShellCommandActions NamedShellCommandActions { get; } = new();
    internal ActionList<ComposeProjectAnalysisContext> ComposeProjectActions { get; } = new();
    internal ActionList<ComposeServiceAnalysisContext> ComposeServiceActions { get; } = new();
    internal ActionList<ComposeNetworkAnalysisContext> ComposeNetworkActions { get; } = new();
    internal ActionList<ComposeSecretAnalysisContext> ComposeSecretActions { get; } = new();
    internal List<Action<ContainerSettingsAnalysisContext>> ContainerSettingsActions { get; } = new();

    // The callbacks for each instruction kind, those for all kinds first; joined once here, not per instruction.
    private readonly Dictionary<DockerfileSyntaxKind, ActionList<InstructionAnalysisContext>> _actionsByKind = new();

    internal ActionList<InstructionAnalysisContext> InstructionActionsFor(DockerfileSyntaxKind kind)
        => _actionsByKind.TryGetValue(kind, out var actions) ? actions : AllInstructionActions;

    /// <summary>
    /// Which analyzers have a rule that is on under <paramref name="options"/> (by index in <see cref="Analyzers"/>),
    /// or null when all have: an analyzer whose rules are all off (an opt-in rule nobody turned on, a rule set to
    /// none) is not run for that file. Worked out once per options object.
    /// </summary>
    internal bool[]? EnabledAnalyzers(Configuration.AnalyzerOptions options)
        => options.EnabledAnalyzers(this, o =>
        {
            var enabled = new bool[Analyzers.Length];
            bool all = true;
            for (int i = 0; i < Analyzers.Length; i++)
            {
                // An analyzer that declares no rule cannot be judged by them: it runs.
                enabled[i] = Analyzers[i].SupportedRules.IsDefaultOrEmpty;
                foreach (var rule in Analyzers[i].SupportedRules)
                    if (FileSettings.IsOn(o, rule)) { enabled[i] = true; break; }
                all &= enabled[i];
            }
            return all ? null : enabled;
        });

    internal bool HasDockerfileWork =>
        DockerfileActions.Count + StageActions.Count + AllInstructionActions.Count + _instructionActions.Count + ShellCommandActions.Count + NamedShellCommandActions.Count > 0;

    private sealed class RegistrationContext : AnalysisContext
    {
        private readonly AnalyzerRegistry _registry;

        public RegistrationContext(AnalyzerRegistry registry) => _registry = registry;

        /// <summary>The index of the analyzer being initialized.</summary>
        public int Owner { get; set; }

        public override void RegisterDockerfileAction(Action<DockerfileAnalysisContext> action) => _registry.DockerfileActions.Add(action, Owner);

        public override void RegisterStageAction(Action<StageAnalysisContext> action) => _registry.StageActions.Add(action, Owner);

        public override void RegisterInstructionAction(Action<InstructionAnalysisContext> action, params DockerfileSyntaxKind[] kinds)
        {
            if (kinds == null || kinds.Length == 0)
            {
                _registry.AllInstructionActions.Add(action, Owner);
                return;
            }
            foreach (var kind in kinds.Distinct())
            {
                if (!_registry._instructionActions.TryGetValue(kind, out var list)) _registry._instructionActions[kind] = list = new();
                list.Add(action, Owner);
            }
        }

        public override void RegisterShellCommandAction(Action<ShellCommandAnalysisContext> action) => _registry.ShellCommandActions.Add(action, Owner);

        public override void RegisterShellCommandAction(Action<ShellCommandAnalysisContext> action, Func<string, bool> runsFor)
            => _registry.NamedShellCommandActions.Add(runsFor ?? throw new ArgumentNullException(nameof(runsFor)), action, Owner);

        public override void RegisterComposeProjectAction(Action<ComposeProjectAnalysisContext> action) => _registry.ComposeProjectActions.Add(action, Owner);

        public override void RegisterComposeServiceAction(Action<ComposeServiceAnalysisContext> action) => _registry.ComposeServiceActions.Add(action, Owner);

        public override void RegisterComposeNetworkAction(Action<ComposeNetworkAnalysisContext> action) => _registry.ComposeNetworkActions.Add(action, Owner);

        public override void RegisterComposeSecretAction(Action<ComposeSecretAnalysisContext> action) => _registry.ComposeSecretActions.Add(action, Owner);

        public override void RegisterContainerSettingsAction(Action<ContainerSettingsAnalysisContext> action) => _registry.ContainerSettingsActions.Add(action);
    }
}
