using System.Collections.Immutable;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>
/// The first item of each key among an immutable list, as a table made on first use: what a search from the start
/// would find, without a search per question (a project's services or a large mapping's entries are looked up for every
/// reference to them). Two threads may both make the table (an editor's): either is right, one is kept.
/// </summary>
internal static class FirstByKey
{
    public static T? Find<T>(ref Dictionary<string, T>? table, ImmutableArray<T> items, Func<T, string?> keyOf, string key) where T : class
    {
        if (key == null) return null; // as the search did: no item has a null key worth finding
        var byKey = Volatile.Read(ref table);
        if (byKey == null)
        {
            byKey = new Dictionary<string, T>(items.Length, StringComparer.Ordinal);
            foreach (var item in items)
                if (keyOf(item) is { } itemKey && !byKey.ContainsKey(itemKey)) byKey[itemKey] = item;
            byKey = Interlocked.CompareExchange(ref table, byKey, null) ?? byKey;
        }
        return byKey.TryGetValue(key, out var found) ? found : null;
    }
}
