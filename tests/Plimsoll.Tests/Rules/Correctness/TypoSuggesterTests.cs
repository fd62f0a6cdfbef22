using Plimsoll.Rules.Correctness;

namespace Plimsoll.Tests.Rules.Correctness;

/// <summary>The indexed typo search finds what comparing a name with every known name finds.</summary>
public class TypoSuggesterTests
{
    // The definition the index must agree with: the closest name within min(2, longer/3) edits, first added on a tie.
    private static string? EveryName(string name, IReadOnlyList<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        if (name.Length > 128) return null;
        foreach (var candidate in known)
        {
            if (candidate.Length > 128 || candidate.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            int distance = StageFacts.EditDistance(name, candidate);
            if (distance <= Math.Min(2, Math.Max(name.Length, candidate.Length) / 3) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    [Fact]
    public void Agrees_with_comparing_every_name_on_random_near_misses_of_short_and_long_names()
    {
        var random = new Random(20261204);
        const string letters = "abAB_1";
        string Word(int length) => new(Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)]).ToArray());
        string Mutate(string word)
        {
            var chars = word.ToList();
            for (int edits = random.Next(4); edits > 0; edits--)
            {
                int at = random.Next(chars.Count + 1);
                switch (random.Next(4))
                {
                    case 0: chars.Insert(at, letters[random.Next(letters.Length)]); break;
                    case 1 when at < chars.Count: chars.RemoveAt(at); break;
                    case 2 when at < chars.Count: chars[at] = letters[random.Next(letters.Length)]; break;
                    case 3 when at + 1 < chars.Count: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
                }
            }
            return new string(chars.ToArray());
        }

        int suggested = 0;
        for (int round = 0; round < 300; round++)
        {
            var known = Enumerable.Range(0, random.Next(1, 30)).Select(_ => Word(random.Next(1, 24))).ToList();
            var suggester = new TypoSuggester();
            foreach (var name in known) suggester.Add(name);
            for (int query = 0; query < 20; query++)
            {
                string name = random.Next(3) == 0 ? Word(random.Next(1, 26)) : Mutate(known[random.Next(known.Count)]);
                string? expected = EveryName(name, known);
                Assert.True(expected == suggester.Suggest(name), $"'{name}' among [{string.Join(", ", known)}]: expected {expected ?? "nothing"}");
                if (expected != null) suggested++;
            }
        }
        Assert.True(suggested > 500, $"only {suggested} queries had a near miss: the cases do not test the index");
    }

    [Fact]
    public void Names_added_as_fallback_lose_ties_to_the_others()
    {
        var suggester = new TypoSuggester();
        suggester.AddFallback("VERSION1");
        suggester.Add("VERSION2");
        Assert.Equal("VERSION2", suggester.Suggest("VERSION"));
    }
}
