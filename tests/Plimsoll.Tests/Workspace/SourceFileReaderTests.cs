using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Plimsoll.Workspace;

namespace Plimsoll.Tests.Workspace;

/// <summary>Every encoding the reader accepts gives the text back and the same bytes again; others are named, not garbled.</summary>
public class SourceFileReaderTests
{
    private static readonly (string Name, Encoding Encoding)[] BomEncodings =
    {
        ("UTF-8", new UTF8Encoding(false)),
        ("UTF-16LE", new UnicodeEncoding(false, false)),
        ("UTF-16BE", new UnicodeEncoding(true, false)),
        ("UTF-32LE", new UTF32Encoding(false, false)),
        ("UTF-32BE", new UTF32Encoding(true, false)),
    };

    private static readonly string[] Pieces = { "FROM alpine:3.20\n", "services:\n  s:\n    image: x\n", "RUN echo ü € 😀\n", "\r\n", "# ☃ comment\n", "\t", "ARG A=${B:-c}\n", "é", "\u2028", "\\\n" };

    private static Arbitrary<(string Text, int Encoding)> TextInAnEncoding()
        => (from parts in Gen.ArrayOf(Gen.Elements(Pieces))
            from encoding in Gen.Choose(0, BomEncodings.Length - 1)
            select (string.Concat(parts.Take(20)), encoding)).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Text_with_a_byte_order_mark_decodes_and_encodes_back_to_the_same_bytes()
        => Prop.ForAll(TextInAnEncoding(), input =>
        {
            var (_, encoding) = BomEncodings[input.Encoding];
            byte[] bytes = encoding.GetBytes("\uFEFF" + input.Text);
            Assert.True(SourceFileReader.TryDecode("Dockerfile", bytes, out var content, out var problem), problem);
            Assert.Equal("\uFEFF" + input.Text, content!.Text.ToString());
            Assert.Equal(bytes, content.Encode(content.Text.ToString()));
            Assert.Null(content.EncodingNote);
        });

    [Theory]
    [InlineData(false, "UTF-16LE")]
    [InlineData(true, "UTF-16BE")]
    public void Utf16_without_a_byte_order_mark_is_named_not_read_as_latin1(bool bigEndian, string name)
    {
        byte[] bytes = new UnicodeEncoding(bigEndian, false).GetBytes("FROM alpine:3.20\nUSER app\n");
        Assert.False(SourceFileReader.TryDecode("Dockerfile", bytes, out _, out var problem));
        Assert.Contains(name + " text without a byte-order mark", problem);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_read_as_latin1_with_a_note_and_binary_is_refused()
    {
        byte[] latin1 = Encoding.Latin1.GetBytes("FROM alpine\n# caf\u00e9\n");
        Assert.True(SourceFileReader.TryDecode("Dockerfile", latin1, out var content, out _));
        Assert.Equal("FROM alpine\n# caf\u00e9\n", content!.Text.ToString());
        Assert.Contains("Latin-1", content.EncodingNote);
        Assert.Equal(latin1, content.Encode(content.Text.ToString()));

        Assert.False(SourceFileReader.TryDecode("Dockerfile", new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0xFF, 0xC3, 0x00 }, out _, out var binary));
        Assert.Contains("binary", binary);

        // A UTF-16 BOM followed by an odd byte count is not UTF-16: said so, not decoded into junk.
        Assert.False(SourceFileReader.TryDecode("Dockerfile", new byte[] { 0xFE, 0xFF, 0x00, 0x41, 0xD8 }, out _, out var broken));
        Assert.Contains("UTF-16BE byte-order mark", broken);
    }
}
