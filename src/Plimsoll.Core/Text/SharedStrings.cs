namespace Plimsoll.Text;

/// <summary>
/// Short strings cut from source text, shared within a thread: the same words come back in script after script
/// (`apt-get`, `install`, `-y`, `&amp;&amp;`), and a parser that allocates each again spends its time in the garbage
/// collector. A fixed table per thread, one slot per hash (a newer string takes the slot): no lock, bounded memory.
/// Roslyn's lexer keeps a string table for the same reason.
/// </summary>
internal static class SharedStrings
{
    /// <summary>Longer strings are rarely repeated: they are cut as usual.</summary>
    public const int MaxLength = 32;

    private const int Slots = 1024;

    [ThreadStatic] private static string?[]? t_table;

    /// <summary><paramref name="text"/>[<paramref name="start"/>, <paramref name="start"/>+<paramref name="length"/>) as a string, shared when short.</summary>
    public static string Substring(string text, int start, int length)
    {
        if (length == 0) return string.Empty;
        if (length > MaxLength) return text.Substring(start, length);
        if (length == text.Length) return text;
        // FNV-1a over the characters.
        uint hash = 2166136261;
        for (int i = start; i < start + length; i++) hash = (hash ^ text[i]) * 16777619;
        var table = t_table ??= new string?[Slots];
        ref string? slot = ref table[hash & (Slots - 1)];
        var cached = slot;
        if (cached != null && cached.Length == length && string.CompareOrdinal(cached, 0, text, start, length) == 0) return cached;
        return slot = text.Substring(start, length);
    }
}
