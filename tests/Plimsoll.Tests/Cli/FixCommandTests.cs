using System.Text;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>
/// <c>lint --fix</c>, <c>--unsafe-fixes</c> and <c>--diff</c> end to end: exact output, and every byte the fixes do not
/// touch kept (CRLF in Dockerfiles and compose files, a UTF-8 BOM, Latin-1 bytes that are not UTF-8), with the file mode; stdin prints the fixed text.
/// </summary>
[Trait("Tier", "Slow")]
public class FixCommandTests
{
    private static readonly Encoding Latin1 = Encoding.GetEncoding("ISO-8859-1");

    [Fact]
    public void Fix_rewrites_crlf_bom_and_latin1_files_changing_only_the_fixed_bytes_and_keeping_the_mode()
    {
        string dir = TempDirectory.Create();
        // CRLF line ends, and a Latin-1 'é' (0xE9 is not UTF-8): the file is read as Latin-1 and must be written so.
        byte[] dockerfile = Latin1.GetBytes("FROM alpine:3.20\r\n# caf\u00e9\r\nADD app.conf /etc/\r\nADD http://example.com/a.txt /a\r\nUSER app\r\n");
        string dockerPath = Path.Combine(dir, "Dockerfile");
        File.WriteAllBytes(dockerPath, dockerfile);
        File.SetUnixFileMode(dockerPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        // A UTF-8 BOM (kept as U+FEFF in the text) and non-ASCII UTF-8.
        byte[] bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("FROM alpine:3.20\n# \u00fcber\nADD b.conf /etc/\nUSER app\n")).ToArray();
        string bomPath = Path.Combine(dir, "app.Dockerfile");
        File.WriteAllBytes(bomPath, bom);
        byte[] compose = Encoding.UTF8.GetBytes("services:\n  app:\n    image: nginx:1.27\n    privileged: true\n");
        string composePath = Path.Combine(dir, "compose.yaml");
        File.WriteAllBytes(composePath, compose);

        var safe = CliProcess.Run(dir, null, "lint", "--fix", "--quiet", ".");
        Assert.Contains("fixed 2 findings in 2 files", safe.StdErr);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("FROM alpine:3.20\n# \u00fcber\nCOPY b.conf /etc/\nUSER app\n")).ToArray(), File.ReadAllBytes(bomPath));
        Assert.Equal(Latin1.GetBytes("FROM alpine:3.20\r\n# caf\u00e9\r\nCOPY app.conf /etc/\r\nADD http://example.com/a.txt /a\r\nUSER app\r\n"), File.ReadAllBytes(dockerPath));
        Assert.Equal(compose, File.ReadAllBytes(composePath));   // its only fix is unsafe

        var all = CliProcess.Run(dir, null, "lint", "--unsafe-fixes", "--quiet", ".");
        // https (PL1003); compose: privileged removed (PL2002), and no-new-privileges, cap_drop, read_only inserted (PL2010, PL2009, PL2011).
        Assert.Contains("fixed 5 findings in 2 files", all.StdErr);
        Assert.Equal(Latin1.GetBytes("FROM alpine:3.20\r\n# caf\u00e9\r\nCOPY app.conf /etc/\r\nADD https://example.com/a.txt /a\r\nUSER app\r\n"), File.ReadAllBytes(dockerPath));
        Assert.Equal(Encoding.UTF8.GetBytes("services:\n  app:\n    image: nginx:1.27\n    security_opt: [\"no-new-privileges:true\"]\n    cap_drop: [ALL]\n    read_only: true\n"), File.ReadAllBytes(composePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(dockerPath));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Fix_of_a_crlf_compose_file_keeps_its_line_ends_and_every_byte_it_does_not_fix()
    {
        string dir = TempDirectory.Create();
        // CRLF throughout, a non-ASCII comment, and three compose fixes: two deleted lines (one with a trailing comment)
        // and inserted lines, which must take the file's CRLF rather than a bare LF.
        string original = "# Edge services \u2014 caf\u00e9\r\n"
                        + "services:\r\n"
                        + "  app:\r\n"
                        + "    image: nginx:1.27\r\n"
                        + "    privileged: true  # needs /dev/fuse\r\n"
                        + "    pid: host\r\n"
                        + "    networks:\r\n"
                        + "      - backend\r\n"
                        + "networks:\r\n"
                        + "  backend:\r\n"
                        + "    driver: overlay\r\n";
        string path = Path.Combine(dir, "compose.yaml");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(original));

        var result = CliProcess.Run(dir, null, "lint", "--unsafe-fixes", "--quiet", "compose.yaml");

        // privileged and pid removed, encryption added, and three inserted service settings (PL2010, PL2009, PL2011).
        Assert.Contains("fixed 6 findings in 1 file", result.StdErr);
        string expected = "# Edge services \u2014 caf\u00e9\r\n"
                        + "services:\r\n"
                        + "  app:\r\n"
                        + "    image: nginx:1.27\r\n"
                        + "    security_opt: [\"no-new-privileges:true\"]\r\n"
                        + "    cap_drop: [ALL]\r\n"
                        + "    read_only: true\r\n"
                        + "    networks:\r\n"
                        + "      - backend\r\n"
                        + "networks:\r\n"
                        + "  backend:\r\n"
                        + "    driver: overlay\r\n"
                        + "    driver_opts:\r\n"
                        + "      encrypted: \"true\"\r\n";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(path));
    }

    [Fact]
    public void Diff_prints_a_unified_diff_and_writes_nothing()
    {
        string dir = TempDirectory.Create();
        string path = Path.Combine(dir, "Dockerfile");
        File.WriteAllText(path, "FROM alpine:3.20\nADD app.conf /etc/\nUSER app\n");
        var result = CliProcess.Run(dir, null, "lint", "--diff", "Dockerfile");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM alpine:3.20\n-ADD app.conf /etc/\n+COPY app.conf /etc/\n USER app\n", result.StdOut);
        Assert.Equal("FROM alpine:3.20\nADD app.conf /etc/\nUSER app\n", File.ReadAllText(path));
    }

    [Fact]
    public void Fix_with_standard_input_prints_the_fixed_text()
    {
        var result = CliProcess.Run(TempDirectory.Create(), "FROM alpine:3.20\nADD app.conf /etc/\nUSER app\n", "lint", "--fix", "-", "--stdin-filename", "Dockerfile");
        Assert.Equal("FROM alpine:3.20\nCOPY app.conf /etc/\nUSER app\n", result.StdOut);
        Assert.Equal(0, result.ExitCode);
    }
}
