using System.Text;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Reporting.Sarif;

namespace Plimsoll.Tests.Reporting.Sarif;

/// <summary>
/// The rolling hash against a direct (non-rolling) statement of the same definition, and its documented invariances.
/// The Multitool comparisons on real files are in <see cref="SarifValidatorTests"/> and <see cref="CorpusSarifTests"/>.
/// </summary>
public sealed class PrimaryLocationLineHashTests
{
    // Spaces, tabs and every kind of line end, letters, non-ASCII and a surrogate pair.
    private static readonly string[] Alphabet = { "a", "b", "F", " ", "\t", "\n", "\r", "\r\n", "é", "🐳", "#" };

    private static string TextFrom(byte[] codes)
    {
        var builder = new StringBuilder();
        foreach (var code in codes ?? Array.Empty<byte>()) builder.Append(Alphabet[code % Alphabet.Length]);
        return builder.ToString();
    }

    [Property(MaxTest = 300)]
    public bool Rolling_hash_equals_the_direct_definition(byte[] codes)
    {
        string text = TextFrom(codes);
        return PrimaryLocationLineHash.ComputeAll(text).SequenceEqual(Direct(text));
    }

    [Property(MaxTest = 200)]
    public bool Long_lines_hash_only_their_first_hundred_significant_characters(byte[] codes)
    {
        // A line of 150 letters followed by anything: its hash depends on its first 100 letters only.
        string head = new string('x', 100);
        string a = head + new string('y', 50) + TextFrom(codes);
        string b = head + new string('z', 50) + "\n" + TextFrom(codes);
        return PrimaryLocationLineHash.ComputeAll(a)[0] == PrimaryLocationLineHash.ComputeAll(b)[0];
    }

    [Fact]
    public void Line_ends_and_blanks_do_not_matter_but_line_count_does()
    {
        var lf = PrimaryLocationLineHash.ComputeAll("FROM alpine\nRUN a  b\n\nCMD x\n");
        Assert.Equal(lf, PrimaryLocationLineHash.ComputeAll("FROM alpine\r\nRUN a  b\r\n\r\nCMD x\r\n"));
        Assert.Equal(lf, PrimaryLocationLineHash.ComputeAll("FROM alpine\rRUN a  b\r\rCMD x\r"));
        Assert.Equal(lf, PrimaryLocationLineHash.ComputeAll("  FROM\talpine\nRUN ab\n \t\nCMD x\n"));
        Assert.Equal(5, lf.Length); // four lines and the empty one after the final line break
        Assert.NotEqual(lf, PrimaryLocationLineHash.ComputeAll("FROM alpine\nRUN a  b\nCMD x\n"));
    }

    [Fact]
    public void Repeated_blocks_are_numbered_in_order()
    {
        // Far from the end, every line of a repetitive file sees the same 100 characters.
        var hashes = PrimaryLocationLineHash.ComputeAll(string.Concat(Enumerable.Repeat("a\n", 300)));
        Assert.Equal(301, hashes.Length);
        string value = hashes[0].Split(':')[0];
        for (int i = 0; i < 200; i++) Assert.Equal(value + ":" + (i + 1), hashes[i]);
        Assert.DoesNotContain(hashes.Skip(251), h => h.StartsWith(value + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Source_text_and_string_agree_and_empty_text_has_one_line()
    {
        string text = string.Concat(Enumerable.Range(0, 5000).Select(i => "line " + i + "\r\n"));
        Assert.Equal(PrimaryLocationLineHash.ComputeAll(text), PrimaryLocationLineHash.ComputeAll(SourceText.From(text)));
        Assert.Single(PrimaryLocationLineHash.ComputeAll(""));
    }

    /// <summary>
    /// The definition, stated directly: the file's significant characters (no spaces or tabs; CR, LF and CRLF as one LF),
    /// then 65535, then zeros; a line's hash is the base-37 polynomial (mod 2^64) of the 100 characters from its first one.
    /// </summary>
    private static string[] Direct(string text)
    {
        var stream = new List<int>();
        var lineStarts = new List<int>();
        bool lineStart = true, afterCr = false;
        foreach (int raw in text.Select(c => (int)c).Append(65535))
        {
            int c = raw;
            if (c == ' ' || c == '\t' || (afterCr && c == '\n')) { afterCr = false; continue; }
            afterCr = c == '\r';
            if (afterCr) c = '\n';
            if (lineStart) { lineStarts.Add(stream.Count); lineStart = false; }
            if (c == '\n') lineStart = true;
            stream.Add(c);
        }
        stream.AddRange(Enumerable.Repeat(0, 100));

        var seen = new Dictionary<string, int>();
        var result = new List<string>();
        foreach (int start in lineStarts)
        {
            ulong hash = 0;
            for (int i = 0; i < 100; i++) hash = unchecked(hash * 37 + (ulong)stream[start + i]);
            string value = hash.ToString("x");
            seen[value] = seen.TryGetValue(value, out int n) ? n + 1 : 1;
            result.Add(value + ":" + seen[value]);
        }
        return result.ToArray();
    }
}
