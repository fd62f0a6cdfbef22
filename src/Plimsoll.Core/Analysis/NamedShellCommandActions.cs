using System.Collections.Concurrent;

namespace Plimsoll.Analysis;

/// <summary>
/// Shell command callbacks registered for some command names only
/// (<see cref="AnalysisContext.RegisterShellCommandAction(Action{ShellCommandAnalysisContext}, Func{string, bool})"/>),
/// dispatched by the name a command resolves to. A corpus has a few hundred command names and a few hundred thousand
/// commands, so each name's callbacks are worked out once, as Roslyn dispatches syntax-node callbacks by kind: a rule
/// about apt-get is not called for every echo and rm.
/// </summary>
internal sealed class NamedShellCommandActions
{
    // Names beyond this many are answered without being remembered: a generated script cannot grow the table unbounded.
    private const int MaxRememberedNames = 4096;

    private readonly List<(Func<string, bool> RunsFor, Action<ShellCommandAnalysisContext> Action, int Owner)> _registered = new();
    private readonly ConcurrentDictionary<string, ForName> _byName = new(StringComparer.Ordinal);

    public int Count => _registered.Count;

    public void Add(Func<string, bool> runsFor, Action<ShellCommandAnalysisContext> action, int owner) => _registered.Add((runsFor, action, owner));

    /// <summary>The callbacks that run for commands named <paramref name="name"/>, in registration order.</summary>
    public ForName For(string name)
    {
        if (_byName.TryGetValue(name, out var known)) return known;
        var computed = Compute(name);
        if (_byName.Count < MaxRememberedNames) _byName.TryAdd(name, computed);
        return computed;
    }

    private ForName Compute(string name)
    {
        var actions = new ActionList<ShellCommandAnalysisContext>();
        List<(Delegate, int, Exception)>? failures = null;
        foreach (var (runsFor, action, owner) in _registered)
        {
            try
            {
                if (runsFor(name)) actions.Add(action, owner);
            }
            catch (Exception e)
            {
                // A filter that fails is the rule failing: reported for each command so named, never a silent skip.
                (failures ??= new()).Add((action, owner, e));
            }
        }
        return new ForName(actions, failures);
    }

    /// <summary>A name's callbacks, and the callbacks whose name filter failed on it.</summary>
    internal sealed record ForName(ActionList<ShellCommandAnalysisContext> Actions, IReadOnlyList<(Delegate Action, int Owner, Exception Error)>? Failures);
}
