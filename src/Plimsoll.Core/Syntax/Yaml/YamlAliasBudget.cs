namespace Plimsoll.Syntax.Yaml;

/// <summary>
/// A count of the nodes a walk may visit through aliases. Aliases are never expanded into copies; code that
/// follows them (merge keys, the Compose model) spends from a budget and stops when it runs out, so a
/// "billion laughs" file costs a bounded amount of time and memory.
/// </summary>
public sealed class YamlAliasBudget
{
    public const int DefaultLimit = 100_000;

    public YamlAliasBudget(int limit = DefaultLimit)
    {
        Limit = limit;
    }

    public int Limit { get; }

    public int Visited { get; private set; }

    /// <summary>True once a visit has been refused.</summary>
    public bool IsExhausted { get; private set; }

    /// <summary>The node whose visit was refused first (when the caller said), to locate the report.</summary>
    public YamlNode? ExhaustedAt { get; private set; }

    /// <summary>Counts one visit; false (and <see cref="IsExhausted"/>) when the budget is spent.</summary>
    public bool TryVisit(YamlNode? at = null)
    {
        if (Visited >= Limit)
        {
            if (!IsExhausted) ExhaustedAt = at;
            IsExhausted = true;
            return false;
        }
        Visited++;
        return true;
    }
}
