namespace Plimsoll.Syntax.Shell;

/// <summary>
/// Shell parses kept by their text and dialect, shared by every file and thread of the process. A repository's
/// Dockerfiles repeat their RUN scripts (the variants of an image made from one template; in the test corpus 71% of the
/// RUN text is a script seen before), and a parse depends on nothing but its text and dialect. Sharing is safe because
/// the trees are immutable, the facts they work out on first use may be worked out twice (either answer is right), and
/// their offsets are relative to the script: each RUN maps them to its own place in its own file.
/// </summary>
/// <remarks>
/// Small on purpose: every tree kept is copied by the collector out of the youngest generation. Repeats come close
/// together (the files of one repository sort together), so two generations of at most <see cref="GenerationSize"/>
/// scripts (and <see cref="MaxGenerationChars"/> characters) hold them: when the young one is full it becomes the old
/// one, and a tree found in the old one moves to the young one, so a script in use stays (nearly least-recently-used,
/// without a list). A tree is kept only when its script comes a second time (the hashes of scripts seen once are
/// remembered, one per slot): scripts that never repeat then cost a hash, not a copy. Measured on the corpus: keeping
/// every tree made the run 3% faster still, but a corpus whose scripts never repeat 9% slower; keeping 256 trees made
/// it slower than keeping 32. A script longer than <see cref="MaxScriptChars"/> is parsed each time and never kept.
/// </remarks>
internal sealed class ShellParseCache
{
    /// <summary>The cache of the process: the one every lint reads through.</summary>
    public static ShellParseCache Shared { get; } = new();

    public const int GenerationSize = 32;
    public const int MaxGenerationChars = 128 * 1024;
    public const int MaxScriptChars = 32 * 1024;
    private const int SeenSlots = 4096;

    private readonly object _gate = new();
    private Dictionary<Key, ShellParseResult> _young = new();
    private Dictionary<Key, ShellParseResult> _old = new();
    private int _youngChars;
    private readonly int[] _seen = new int[SeenSlots];

    /// <summary><see cref="ShellParser.Parse(string, ShellDialect)"/>, or the result of a recent call with the same text and dialect.</summary>
    public ShellParseResult Parse(string text, ShellDialect dialect)
    {
        if (text.Length > MaxScriptChars) return ShellParser.Parse(text, dialect);
        var key = new Key(text, dialect);
        bool seenBefore;
        lock (_gate)
        {
            if (_young.TryGetValue(key, out var kept)) return kept;
            if (_old.TryGetValue(key, out kept))
            {
                Keep(key, kept);
                return kept;
            }
            ref int seen = ref _seen[key.Hash & (SeenSlots - 1)];
            seenBefore = seen == key.Hash;
            seen = key.Hash;
        }
        // Parsed outside the lock: the other threads go on meanwhile.
        var parsed = ShellParser.Parse(text, dialect);
        if (!seenBefore) return parsed;
        lock (_gate)
        {
            // Two threads may parse one text at once: the first to come back keeps its tree, and both use that one.
            if (_young.TryGetValue(key, out var raced)) return raced;
            Keep(key, parsed);
        }
        return parsed;
    }

    // Under the lock.
    private void Keep(Key key, ShellParseResult parse)
    {
        if (_young.Count >= GenerationSize || _youngChars + key.Text.Length > MaxGenerationChars)
        {
            (_old, _young) = (_young, _old);
            _young.Clear();
            _youngChars = 0;
        }
        _young[key] = parse;
        _youngChars += key.Text.Length;
    }

    /// <summary>How many scripts are kept now (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (_gate) return _young.Count + _old.Count;
        }
    }

    /// <summary>A script and its dialect, with the text's hash worked out once (a lookup needs it twice on a miss).</summary>
    /// <remarks>
    /// The hash reads the length, both ends and 32 characters between: hashing every character took a quarter of the
    /// cache's time. Texts that agree on all of these are told apart by the comparison of the whole text.
    /// </remarks>
    private readonly struct Key : IEquatable<Key>
    {
        public Key(string text, ShellDialect dialect)
        {
            Text = text;
            Dialect = dialect;
            Hash = HashOf(text) * 31 + (int)dialect;
        }

        public string Text { get; }
        public ShellDialect Dialect { get; }
        public int Hash { get; }

        public bool Equals(Key other) => Hash == other.Hash && Dialect == other.Dialect && string.Equals(Text, other.Text, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is Key other && Equals(other);
        public override int GetHashCode() => Hash;

        private static int HashOf(string text)
        {
            const int Ends = 32, Between = 32;
            uint hash = 2166136261u ^ (uint)text.Length;
            int n = text.Length;
            if (n <= 2 * Ends + Between)
            {
                for (int i = 0; i < n; i++) hash = (hash ^ text[i]) * 16777619u;
                return (int)hash;
            }
            for (int i = 0; i < Ends; i++) hash = (hash ^ text[i]) * 16777619u;
            for (int i = n - Ends; i < n; i++) hash = (hash ^ text[i]) * 16777619u;
            int step = (n - 2 * Ends) / Between;
            for (int i = Ends; i < n - Ends; i += step) hash = (hash ^ text[i]) * 16777619u;
            return (int)hash;
        }
    }
}
