using System.Text;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Cli.Pinning;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Registry;

/// <summary>The write under <c>pin</c>: every untouched byte kept, the file mode kept, refused when the file changed since read.</summary>
public sealed class SourceFileRewriterTests
{
    [Fact]
    public void Keeps_bom_crlf_latin1_bytes_and_file_mode()
    {
        string dir = TempDirectory.Create();
        string path = Path.Combine(dir, "Dockerfile");
        byte[] original = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("FROM a:1\r\n# \u00e9\r\n")).ToArray();
        File.WriteAllBytes(path, original);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        var file = SourceFileRewriter.Read(path);
        int end = file.Text.ToString().IndexOf("a:1", StringComparison.Ordinal) + 3;
        Assert.Null(file.Write(file.Apply(new[] { new TextChange(new TextSpan(end, 0), "@sha256:x") })));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("FROM a:1@sha256:x\r\n# \u00e9\r\n")), File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead, File.GetUnixFileMode(path));

        string latin1Path = Path.Combine(dir, "compose.yaml");
        byte[] latin1 = Encoding.Latin1.GetBytes("# caf\u00e9\nservices: {a: {image: b:2}}\n");
        File.WriteAllBytes(latin1Path, latin1);
        var latin1File = SourceFileRewriter.Read(latin1Path);
        int at = latin1File.Text.ToString().IndexOf("b:2", StringComparison.Ordinal) + 3;
        Assert.Null(latin1File.Write(latin1File.Apply(new[] { new TextChange(new TextSpan(at, 0), "@d") })));
        Assert.Equal(Encoding.Latin1.GetBytes("# caf\u00e9\nservices: {a: {image: b:2@d}}\n"), File.ReadAllBytes(latin1Path));
        Assert.Equal(2, Directory.GetFiles(dir).Length); // no temporary file left behind
    }

    [Fact]
    public void Refuses_to_write_over_a_file_that_changed_since_it_was_read()
    {
        string path = Path.Combine(TempDirectory.Create(), "Dockerfile");
        File.WriteAllText(path, "FROM a:1\n");
        var file = SourceFileRewriter.Read(path);
        File.WriteAllText(path, "FROM a:1\nUSER app\n");
        string? problem = file.Write(file.Apply(new[] { new TextChange(new TextSpan(8, 0), "@sha256:x") }));
        Assert.Equal("the file changed since it was read; not written (run pin again)", problem);
        Assert.Equal("FROM a:1\nUSER app\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}
