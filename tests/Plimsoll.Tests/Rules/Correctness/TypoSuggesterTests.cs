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
            // A third of the rounds hold enough names for the index; the others are compared name by name.
            int count = round % 3 == 0 ? random.Next(TypoSuggester.IndexFrom, 4 * TypoSuggester.IndexFrom) : random.Next(1, 30);
            var known = Enumerable.Range(0, count).Select(_ => Word(random.Next(1, 24))).ToList();
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

    [Theory]
    [InlineData(3)]
    [InlineData(TypoSuggester.IndexFrom + 5)]
    public void A_name_added_after_a_question_is_found_by_the_next_one(int others)
    {
        var suggester = new TypoSuggester();
        for (int i = 0; i < others; i++) suggester.Add("UNRELATED_NAME_" + i);
        Assert.Null(suggester.Suggest("JAVA_HOME"));
        suggester.Add("JAVA_HOMR");
        Assert.Equal("JAVA_HOMR", suggester.Suggest("JAVA_HOME"));
        suggester.Add("JAVA_HOM");
        Assert.Equal("JAVA_HOMR", suggester.Suggest("JAVA_HOME"));
        suggester.Add("JAVA_HOMEE");
        Assert.Equal("JAVA_HOMR", suggester.Suggest("JAVA_HOME"));
    }

    [Fact]
    public void The_bounded_edit_distance_agrees_with_the_full_one_up_to_its_bound()
    {
        var random = new Random(4);
        for (int i = 0; i < 2000; i++)
        {
            string a = new(Enumerable.Range(0, random.Next(0, 14)).Select(_ => "abc"[random.Next(3)]).ToArray());
            string b = new(Enumerable.Range(0, random.Next(0, 14)).Select(_ => "abc"[random.Next(3)]).ToArray());
            int full = StageFacts.EditDistance(a, b, int.MaxValue);
            for (int max = 0; max < 4; max++)
            {
                int bounded = StageFacts.EditDistance(a, b, max);
                Assert.True(full <= max ? bounded == full : bounded > max, $"'{a}' '{b}' max {max}: {bounded}, full {full}");
            }
        }
        Assert.Equal(1, StageFacts.EditDistance("ab", "ba", 2));
        Assert.Equal(3, StageFacts.EditDistance("kitten", "sitting", 5));
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
