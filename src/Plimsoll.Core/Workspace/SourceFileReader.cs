using System.Text;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Workspace;

/// <summary>A file's text and the encoding that turns it back into the same bytes.</summary>
public sealed record SourceFileContent(string Path, SourceText Text, Encoding Encoding)
{
    public byte[] Encode(string text) => Encoding.GetBytes(text);

    /// <summary>Set when the bytes were not UTF-8 and were read another way (Latin-1): worth telling the user.</summary>
    public string? EncodingNote { get; init; }
}

/// <summary>
/// Reads files so that no byte is lost: UTF-8 (a BOM stays in the text as U+FEFF); UTF-16 or UTF-32 when a BOM says
/// so (YAML allows them; the BOM stays as U+FEFF too, so encoding the text gives the same bytes back); for other
/// bytes that are not valid UTF-8, Latin-1, which maps every byte to one char and back. Bytes that are text in no
/// encoding the tool reads — UTF-16 without a BOM, binary data — are refused with a message saying what they look like.
/// </summary>
public static class SourceFileReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Latin1 = Encoding.GetEncoding("ISO-8859-1");

    // BOM → decoder; UTF-32 LE before UTF-16 LE, whose BOM is its prefix.
    private static readonly (byte[] Bom, Encoding Encoding, string Name)[] ByteOrderMarks =
    {
        (new byte[] { 0xFF, 0xFE, 0x00, 0x00 }, new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32LE"),
        (new byte[] { 0x00, 0x00, 0xFE, 0xFF }, new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32BE"),
        (new byte[] { 0xFF, 0xFE }, new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16LE"),
        (new byte[] { 0xFE, 0xFF }, new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16BE"),
    };

    /// <summary>Reads a file from the disk (regular files only, at most 16 MiB); an unusable file throws <see cref="IOException"/> with the reason.</summary>
    public static SourceFileContent Read(string path)
    {
        var result = PhysicalFileSystem.Instance.ReadFile(path);
        return result.IsOk ? result.Content! : throw new IOException($"{path}: {result.Message}");
    }

    /// <summary>Decodes bytes; text that cannot be decoded is read as Latin-1 (use <see cref="TryDecode"/> to refuse it instead).</summary>
    public static SourceFileContent Decode(string path, byte[] bytes)
        => TryDecode(path, bytes, out var content, out _) ? content! : new SourceFileContent(path, SourceText.From(Latin1.GetString(bytes)), Latin1);

    /// <summary>Decodes bytes as described on the type; false with a message for people when they are not text.</summary>
    public static bool TryDecode(string path, byte[] bytes, out SourceFileContent? content, out string? problem)
        => TryDecode(path, new ArraySegment<byte>(bytes), out content, out problem);

    /// <summary>Decodes the bytes of <paramref name="bytes"/> (a buffer's part) as described on the type; the buffer is not kept.</summary>
    public static bool TryDecode(string path, ArraySegment<byte> bytes, out SourceFileContent? content, out string? problem)
    {
        content = null;
        problem = null;
        foreach (var (bom, encoding, name) in ByteOrderMarks)
        {
            if (!StartsWith(bytes, bom)) continue;
            try
            {
                content = new SourceFileContent(path, SourceText.From(GetString(encoding, bytes)), encoding);
                return true;
            }
            catch (DecoderFallbackException)
            {
                problem = $"starts with a {name} byte-order mark but is not valid {name}";
                return false;
            }
        }
        // Before UTF-8: ASCII text in UTF-16 is valid UTF-8 too, full of NULs.
        if (LooksLikeUtf16WithoutBom(bytes, out string? utf16))
        {
            problem = $"looks like {utf16} text without a byte-order mark; save it as UTF-8 (or with a BOM)";
            return false;
        }
        try
        {
            content = new SourceFileContent(path, SourceText.From(GetString(StrictUtf8, bytes)), StrictUtf8);
            return true;
        }
        catch (DecoderFallbackException)
        {
        }
        if (Array.IndexOf(bytes.Array!, (byte)0, bytes.Offset, bytes.Count) >= 0)
        {
            problem = "is binary data (it has NUL bytes and is not UTF-8, UTF-16 or UTF-32 text)";
            return false;
        }
        content = new SourceFileContent(path, SourceText.From(GetString(Latin1, bytes)), Latin1)
        {
            EncodingNote = "is not valid UTF-8: read as Latin-1 (ISO-8859-1); save it as UTF-8 for exact text",
        };
        return true;
    }

    private static string GetString(Encoding encoding, ArraySegment<byte> bytes) => encoding.GetString(bytes.Array!, bytes.Offset, bytes.Count);

    private static bool StartsWith(ArraySegment<byte> bytes, byte[] prefix)
    {
        if (bytes.Count < prefix.Length) return false;
        for (int i = 0; i < prefix.Length; i++) if (bytes.Array![bytes.Offset + i] != prefix[i]) return false;
        return true;
    }

    // ASCII text in UTF-16 has a NUL in every other byte: in the odd bytes for little-endian, the even ones for big-endian.
    private static bool LooksLikeUtf16WithoutBom(ArraySegment<byte> segment, out string? name)
    {
        name = null;
        int pairs = Math.Min(segment.Count / 2, 4096);
        if (pairs < 2) return false;
        var bytes = segment.Array!;
        // Text files have no NUL at all: one vectorised search settles them without counting byte by byte.
        if (Array.IndexOf(bytes, (byte)0, segment.Offset, 2 * pairs) < 0) return false;
        int at = segment.Offset, evenZero = 0, oddZero = 0;
        for (int i = 0; i < pairs; i++)
        {
            if (bytes[at + 2 * i] == 0) evenZero++;
            if (bytes[at + 2 * i + 1] == 0) oddZero++;
        }
        if (oddZero * 10 >= pairs * 7 && evenZero * 10 < pairs) name = "UTF-16LE";
        else if (evenZero * 10 >= pairs * 7 && oddZero * 10 < pairs) name = "UTF-16BE";
        return name != null;
    }
}
