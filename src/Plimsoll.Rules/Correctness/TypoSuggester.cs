namespace Plimsoll.Rules.Correctness;

/// <summary>
/// Finds the known name a misspelt one was meant to be (at most two edits, fewer than a third of the name; ties go to
/// the name added first), as <see cref="StageFacts.Suggest"/> does. A few names are compared one by one; from
/// <see cref="IndexFrom"/> names on, not every name is compared: a Dockerfile with tens of thousands of variables
/// must stay linear. Names are indexed by what can survive two edits:
/// a short name by every remainder after deleting up to two letters (two names within two edits share one), a long
/// name by its five pieces (two edits, a swap counted as two, leave one piece whole, at most two places from where it was).
/// </summary>
internal sealed class TypoSuggester
{
    private const int MaxEdits = 2;
    private const int MaxLength = 128;
    private const int ShortLength = 12;
    private const int Pieces = 5;

    // Up to this many names, a question compares the name with each of them (no index to build: most scopes hold a
    // few dozen names and are asked about a handful of base-image variables); above it, the index keeps it linear.
    internal const int IndexFrom = 64;

    // Lower is filled in on the first question (most scopes are never asked: no variable is misspelt).
    private readonly List<(string Name, string? Lower, int Order)> _names = new();
    private readonly Dictionary<string, List<int>> _byRemainder = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Length, int Piece, string Text), List<int>> _byPiece = new();
    // Answers since the last name was added: a Dockerfile asks about the same base-image variable ($JAVA_HOME) many times.
    private readonly Dictionary<string, string?> _answers = new(StringComparer.Ordinal);
    private bool _indexed;
    private int _nextOrder;

    /// <summary>Adds a known name; one added earlier wins a tie.</summary>
    public void Add(string name) => Add(name, _nextOrder++);

    /// <summary>Adds a known name that loses every tie to the names added with <see cref="Add(string)"/>.</summary>
    public void AddFallback(string name) => Add(name, int.MaxValue / 2 + _nextOrder++);

    private void Add(string name, int order)
    {
        if (name.Length == 0 || name.Length > MaxLength) return;
        _answers.Clear();
        int id = _names.Count;
        _names.Add((name, null, order));
        if (_indexed) Index(id);
    }

    private string LowerOf(int id)
    {
        var (name, lower, order) = _names[id];
        if (lower == null) _names[id] = (name, lower = name.ToLowerInvariant(), order);
        return lower;
    }

    private void Index(int id)
    {
        string lower = LowerOf(id);
        if (lower.Length <= ShortLength)
        {
            foreach (var remainder in Remainders(lower)) Bucket(_byRemainder, remainder).Add(id);
            return;
        }
        for (int piece = 0; piece < Pieces; piece++)
        {
            var (start, length) = PieceOf(lower.Length, piece);
            Bucket(_byPiece, (lower.Length, piece, lower.Substring(start, length))).Add(id);
        }
    }

    /// <summary>The closest known name when <paramref name="name"/> looks like a typo of it, or null.</summary>
    public string? Suggest(string name)
    {
        if (name.Length == 0 || name.Length > MaxLength) return null;
        if (_answers.TryGetValue(name, out var answer)) return answer;
        string lower = name.ToLowerInvariant();
        (string Name, int Distance, int Order)? best = null;
        foreach (int id in Candidates(lower))
        {
            var (candidate, _, order) = _names[id];
            // Lower-casing keeps the length: names too long or too short are passed over before it is done.
            int allowed = Math.Min(MaxEdits, Math.Max(lower.Length, candidate.Length) / 3);
            if (Math.Abs(lower.Length - candidate.Length) > allowed) continue;
            string candidateLower = LowerOf(id);
            if (candidateLower == lower) continue;
            int distance = StageFacts.EditDistance(lower, candidateLower, allowed);
            if (distance > allowed) continue;
            if (best == null || distance < best.Value.Distance || (distance == best.Value.Distance && order < best.Value.Order))
                best = (candidate, distance, order);
        }
        _answers[name] = best?.Name;
        return best?.Name;
    }

    // The names that can be within two edits of `lower`: all of them while there are few, else those the index finds.
    private IEnumerable<int> Candidates(string lower)
    {
        if (!_indexed && _names.Count < IndexFrom) return Enumerable.Range(0, _names.Count);
        if (!_indexed)
        {
            _indexed = true;
            for (int id = 0; id < _names.Count; id++) Index(id);
        }
        var candidates = new HashSet<int>();
        if (lower.Length <= ShortLength + MaxEdits)
            foreach (var remainder in Remainders(lower))
                if (_byRemainder.TryGetValue(remainder, out var ids)) candidates.UnionWith(ids);
        for (int length = Math.Max(ShortLength + 1, lower.Length - MaxEdits); length <= lower.Length + MaxEdits; length++)
        {
            for (int piece = 0; piece < Pieces; piece++)
            {
                var (start, pieceLength) = PieceOf(length, piece);
                for (int at = Math.Max(0, start - MaxEdits); at <= start + MaxEdits && at + pieceLength <= lower.Length; at++)
                    if (_byPiece.TryGetValue((length, piece, lower.Substring(at, pieceLength)), out var ids)) candidates.UnionWith(ids);
            }
        }
        return candidates;
    }

    private static List<int> Bucket<TKey>(Dictionary<TKey, List<int>> index, TKey key) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var ids)) index[key] = ids = new List<int>();
        return ids;
    }

    // The strings left after deleting none, one or two letters.
    private static HashSet<string> Remainders(string text)
    {
        var remainders = new HashSet<string>(StringComparer.Ordinal) { text };
        for (int i = 0; i < text.Length; i++)
        {
            string once = text.Remove(i, 1);
            remainders.Add(once);
            for (int j = i; j < once.Length; j++) remainders.Add(once.Remove(j, 1));
        }
        return remainders;
    }

    // Piece `piece` of a name of `length` letters cut into five nearly equal pieces.
    private static (int Start, int Length) PieceOf(int length, int piece)
    {
        int size = length / Pieces, longer = length % Pieces;
        int start = piece * size + Math.Min(piece, longer);
        return (start, size + (piece < longer ? 1 : 0));
    }
}
