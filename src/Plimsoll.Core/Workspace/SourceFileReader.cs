using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Workspace;

/// <summary>A file's text and the encoding that turns it back into the same bytes.</summary>
public sealed record SourceFileContent(string Path, SourceText Text, Encoding Encoding)
{
    public byte[] Encode(string text) => Encoding.GetBytes(text);
}

/// <summary>
/// Reads files so that no byte is lost: UTF-8 (a BOM stays in the text as U+FEFF), or, for bytes that are
/// not valid UTF-8, Latin-1, which maps every byte to one char and back.
/// </summary>
public static class SourceFileReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Latin1 = Encoding.GetEncoding("ISO-8859-1");

    public static SourceFileContent Read(string path) => Decode(path, File.ReadAllBytes(path));

    public static SourceFileContent Decode(string path, byte[] bytes)
    {
        string text;
        Encoding encoding;
        try
        {
            text = StrictUtf8.GetString(bytes);
            encoding = StrictUtf8;
        }
        catch (DecoderFallbackException)
        {
            text = Latin1.GetString(bytes);
            encoding = Latin1;
        }
        return new SourceFileContent(path, SourceText.From(text), encoding);
    }
}
