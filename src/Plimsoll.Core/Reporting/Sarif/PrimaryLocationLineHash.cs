using Microsoft.CodeAnalysis.Text;
using Plimsoll.Text;

namespace Plimsoll.Reporting.Sarif;

/// <summary>
/// GitHub code scanning's <c>primaryLocationLineHash</c> (the one its CodeQL action and the SARIF Multitool
/// compute when a tool gives none): for every line, a polynomial rolling hash of the next 100 characters of the
/// file with spaces and tabs left out and CR, LF and CRLF all read as LF, then ":n" where n counts how often
/// that hash value has occurred so far in the file. Computing it here means GitHub need not read the sources.
/// </summary>
public static class PrimaryLocationLineHash
{
    private const int BlockSize = 100;
    private const ulong Multiplier = 37;

    // Fed once after the last character so that the final lines hash differently from a file that goes on;
    // GitHub reads it as a 16-bit char code.
    private const int EndOfFile = 65535;

    // Multiplier^BlockSize (mod 2^64): the weight of the character leaving the window.
    private static readonly ulong LeavingWeight = ComputeLeavingWeight();

    /// <summary>
    /// The hash of every line: element 0 is line 1. Lines are counted as GitHub counts them (CR, LF, CRLF), plus
    /// one line after a final line break, so a consumer can look up any 1-based SARIF <c>startLine</c>.
    /// </summary>
    public static string[] ComputeAll(SourceText text)
    {
        var hashes = Compute(text);
        var all = new string[hashes.LineCount];
        for (int i = 0; i < all.Length; i++) all[i] = hashes.ForLine(i + 1)!;
        return all;
    }

    /// <summary>The hashes of every line of <paramref name="text"/>; see <see cref="ComputeAll(SourceText)"/>.</summary>
    public static string[] ComputeAll(string text) => ComputeAll(SourceText.From(text ?? throw new ArgumentNullException(nameof(text))));

    /// <summary>The hashes of every line, formatted only when asked for (a log needs a few lines of each file).</summary>
    public static LineHashes Compute(SourceText text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        // A Dockerfile's lone CR is not a line break (BuildKit splits on LF only): leaving CRs out keeps the hash of
        // reported line n on line n, and is the same hash as GitHub's for LF and CRLF files.
        var hasher = new Hasher(carriageReturnBreaksLine: text is not FormatSourceText { Rule: LineBreakRule.LineFeed });
        var buffer = new char[Math.Min(Math.Max(text.Length, 1), 8192)];
        for (int position = 0; position < text.Length; position += buffer.Length)
        {
            int count = Math.Min(buffer.Length, text.Length - position);
            text.CopyTo(position, buffer, 0, count);
            for (int i = 0; i < count; i++) hasher.Add(buffer[i]);
        }
        return hasher.Finish();
    }

    /// <summary>The line hashes of one file.</summary>
    public sealed class LineHashes
    {
        private readonly ulong[] values;
        private readonly int[] occurrences;

        internal LineHashes(ulong[] values, int[] occurrences)
        {
            this.values = values;
            this.occurrences = occurrences;
        }

        public int LineCount => values.Length;

        /// <summary>"hash:n" for a 1-based line, or null when the file has no such line.</summary>
        public string? ForLine(int line) => line < 1 || line > values.Length ? null
            : values[line - 1].ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ":" + occurrences[line - 1].ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ulong ComputeLeavingWeight()
    {
        ulong weight = 1;
        for (int i = 0; i < BlockSize; i++) weight = unchecked(weight * Multiplier);
        return weight;
    }

    /// <summary>One pass over one file: a ring buffer of the last 100 significant characters and, for each slot, the line starting there.</summary>
    private sealed class Hasher
    {
        private readonly int[] window = new int[BlockSize];
        private readonly int[] lineAt = Fill(BlockSize, -1);
        private readonly List<ulong> values = new();
        private readonly List<int> counts = new();
        private readonly Dictionary<ulong, int> occurrences = new();
        private ulong hash;
        private int index;
        private int lineNumber;
        private bool atLineStart = true;
        private bool afterCarriageReturn;
        private readonly bool carriageReturnBreaksLine;

        public Hasher(bool carriageReturnBreaksLine) => this.carriageReturnBreaksLine = carriageReturnBreaksLine;

        public void Add(int c)
        {
            if (c == '\r' && !carriageReturnBreaksLine) return;
            // Spaces and tabs do not count, nor does the LF of a CRLF (the CR already stood for it).
            if (c == ' ' || c == '\t' || (afterCarriageReturn && c == '\n'))
            {
                afterCarriageReturn = false;
                return;
            }
            afterCarriageReturn = c == '\r';
            if (afterCarriageReturn) c = '\n';

            // The slot about to be overwritten held the first character of a line 100 characters ago:
            // the hash now covers exactly that line's block.
            if (lineAt[index] != -1) Emit();
            if (atLineStart)
            {
                atLineStart = false;
                lineAt[index] = ++lineNumber;
            }
            if (c == '\n') atLineStart = true;
            Roll(c);
        }

        public LineHashes Finish()
        {
            Add(EndOfFile);
            // Pad with zeros so that the last lines also get a full block.
            for (int i = 0; i < BlockSize; i++)
            {
                if (lineAt[index] != -1) Emit();
                Roll(0);
            }
            return new LineHashes(values.ToArray(), counts.ToArray());
        }

        private void Roll(int c)
        {
            int leaving = window[index];
            window[index] = c;
            hash = unchecked(Multiplier * hash + (ulong)c - LeavingWeight * (ulong)leaving);
            if (++index == BlockSize) index = 0;
        }

        private void Emit()
        {
            occurrences.TryGetValue(hash, out int seen);
            occurrences[hash] = ++seen;
            // Lines are emitted in order, so the list index is the line number minus one.
            values.Add(hash);
            counts.Add(seen);
            lineAt[index] = -1;
        }

        private static int[] Fill(int length, int value)
        {
            var array = new int[length];
            for (int i = 0; i < array.Length; i++) array[i] = value;
            return array;
        }
    }
}
