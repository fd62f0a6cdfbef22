using System.Text;

namespace Plimsoll.Text;

/// <summary>
/// One <see cref="StringBuilder"/> per thread for strings put together from a few pieces (a shell word's value from
/// its parts): reused, instead of a builder and its growing chunks made for each string. The runtime keeps the same
/// cache for itself (its internal StringBuilderCache).
/// </summary>
internal static class StringBuilderCache
{
    // A builder grown past this is not kept: one long string must not hold its memory for the thread's life.
    private const int MaxKeptCapacity = 1024;

    [ThreadStatic] private static StringBuilder? t_cached;

    /// <summary>An empty builder: this thread's cached one, or a new one when it is taken (a nested use).</summary>
    public static StringBuilder Acquire()
    {
        var builder = t_cached;
        if (builder == null) return new StringBuilder();
        t_cached = null;
        builder.Clear();
        return builder;
    }

    /// <summary>The builder's text; the builder goes back to the cache (it must not be used after this).</summary>
    public static string ToStringAndRelease(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= MaxKeptCapacity) t_cached = builder;
        return text;
    }
}
