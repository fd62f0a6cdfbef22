using Plimsoll.Text;

namespace Plimsoll.Tests.Text;

/// <summary>The string table gives the text asked for, every time, and shares only what it may.</summary>
public class SharedStringsTests
{
    [Fact]
    public void Gives_the_same_instance_for_the_same_short_text_in_another_string()
    {
        string first = SharedStrings.Substring("RUN apt-get install", 4, 7);
        string second = SharedStrings.Substring("apt-get update", 0, 7);
        Assert.Equal("apt-get", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Long_text_is_cut_as_usual()
    {
        string text = new string('a', SharedStrings.MaxLength + 1) + " ";
        string first = SharedStrings.Substring(text, 0, SharedStrings.MaxLength + 1);
        string second = SharedStrings.Substring(text, 0, SharedStrings.MaxLength + 1);
        Assert.Equal(text.TrimEnd(), first);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Many_different_texts_sharing_slots_always_come_back_right()
    {
        // Far more strings than slots: every collision must give the text asked for, never the one in the slot.
        var random = new Random(7);
        for (int i = 0; i < 50_000; i++)
        {
            string word = new(Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)('a' + random.Next(4))).ToArray());
            string text = "<" + word + ">";
            Assert.Equal(word, SharedStrings.Substring(text, 1, word.Length));
        }
        Assert.Same(string.Empty, SharedStrings.Substring("abc", 1, 0));
    }

    [Fact]
    public void Similar_words_spread_over_the_table()
    {
        // 200 package-like names that differ in a few characters: with a hash that spreads them, about 82% keep their
        // slot until asked again (a direct-mapped table of 1,024 slots); a hash blind to the middle of a word keeps few.
        var words = Enumerable.Range(0, 200).Select(i => $"lib{(char)('a' + i % 26)}{i / 26}x-dev").ToArray();
        int shared = 0;
        // The table is per thread: a fresh one starts empty.
        var thread = new Thread(() =>
        {
            var made = words.Select(w => SharedStrings.Substring(" " + w, 1, w.Length)).ToArray();
            for (int i = 0; i < words.Length; i++)
                if (ReferenceEquals(made[i], SharedStrings.Substring(words[i] + " ", 0, words[i].Length))) shared++;
        });
        thread.Start();
        thread.Join();
        Assert.True(shared >= 150, $"only {shared} of 200 words were shared");
    }
}
