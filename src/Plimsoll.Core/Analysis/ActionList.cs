namespace Plimsoll.Analysis;

/// <summary>
/// Callbacks of one kind in registration order, each with the index of the analyzer that registered it, so that a
/// file can skip the analyzers whose rules are all off for it (opt-in rules nobody turned on, rules set to none).
/// </summary>
internal sealed class ActionList<T>
{
    private readonly List<Action<T>> _actions = new();
    private readonly List<int> _owners = new();

    public int Count => _actions.Count;

    public Action<T> this[int index] => _actions[index];

    /// <summary>The index (in <see cref="AnalyzerRegistry.Analyzers"/>) of the analyzer that registered callback <paramref name="index"/>.</summary>
    public int OwnerAt(int index) => _owners[index];

    public void Add(Action<T> action, int owner)
    {
        _actions.Add(action);
        _owners.Add(owner);
    }

    /// <summary>The callbacks of <paramref name="first"/>, then those of <paramref name="second"/>.</summary>
    public static ActionList<T> Concat(ActionList<T> first, ActionList<T> second)
    {
        var joined = new ActionList<T>();
        for (int i = 0; i < first.Count; i++) joined.Add(first[i], first.OwnerAt(i));
        for (int i = 0; i < second.Count; i++) joined.Add(second[i], second.OwnerAt(i));
        return joined;
    }
}
