using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Cli;

/// <summary>
/// The text format prints what is in the linted files: control characters must come out escaped (a file cannot
/// clear the screen, retitle the terminal or reorder text with bidi controls), echoed lines are capped, and the caret
/// still points at the finding.
/// </summary>
[Trait("Tier", "Slow")]
public class TerminalSafetyTests
{
    private static bool IsUnsafe(char c)
        => c < ' ' && c != '\n' && c != '\t' || c >= '\u007F' && c <= '\u009F' || c is '\u061C' or '\u200E' or '\u200F' || c >= '\u2028' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';

    [Fact]
    public void Control_and_bidi_characters_in_a_Dockerfile_are_printed_escaped()
    {
        string dir = TempDirectory.Create();
        // OSC (retitle), CSI (clear screen), BEL, C1 (U+009B is an 8-bit CSI), DEL, right-to-left override, a lone CR.
        File.WriteAllText(Path.Combine(dir, "Dockerfile"),
            "FROM alpine:3.20\nUSER 1000\nRUN curl 'http://x.example/\u001b]0;pwned\u0007\u009b2J\u007f\u202e\r/i.sh' | sh\n");
        var result = CliProcess.Run(dir, null, "lint", "--no-color", "Dockerfile");
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(result.StdOut, IsUnsafe);
        Assert.Contains("\\x1b]0;pwned\\x07\\x9b2J\\x7f\\u202e\\x0d/i.sh", result.StdOut);

        // The caret sits under "curl" (column 5) although escapes before the URL widen the echoed line.
        var lines = result.StdOut.Split('\n');
        int finding = Array.FindIndex(lines, l => l.Contains("PL1005"));
        Assert.Contains("Dockerfile:3:5:", lines[finding]);
        Assert.Equal(lines[finding + 1].IndexOf("curl", StringComparison.Ordinal), lines[finding + 2].IndexOf('^'));
    }

    [Fact]
    public void Emoji_and_accents_are_printed_as_they_are()
    {
        string dir = TempDirectory.Create();
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM alpine:3.20\nUSER 1000\nRUN echo \"caf\u00e9 \ud83d\ude00\" && curl http://x.example/i.sh | sh\n");
        var result = CliProcess.Run(dir, null, "lint", "--no-color", "Dockerfile");
        Assert.Contains("RUN echo \"caf\u00e9 \ud83d\ude00\" && curl", result.StdOut);
    }

    [Fact]
    public void A_huge_single_line_is_echoed_in_a_window_around_the_finding()
    {
        string dir = TempDirectory.Create();
        string padding = new('a', 4_000_000); // 8 MB on one line: under the 16 MiB file limit
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), "FROM alpine:3.20\nUSER 1000\nRUN echo " + padding + " && curl http://x.example/i.sh | sh && echo " + padding + "\n");
        var result = CliProcess.Run(dir, null, "lint", "--no-color", "Dockerfile");
        Assert.Equal(1, result.ExitCode);
        Assert.True(result.StdOut.Length < 20_000, $"{result.StdOut.Length} characters of output");
        var lines = result.StdOut.Split('\n');
        int finding = Array.FindIndex(lines, l => l.Contains("PL1003"));
        Assert.Equal(lines[finding + 1].IndexOf("http://", StringComparison.Ordinal), lines[finding + 2].IndexOf('^'));
        Assert.StartsWith("  …", lines[finding + 1]);
    }

    [Fact]
    public void A_compose_file_with_a_BOM_on_stdin_is_linted()
    {
        string dir = TempDirectory.Create();
        var result = CliProcess.Run(dir, "\uFEFFservices:\n  s:\n    image: x:1\n    privileged: true\n", "lint", "--no-color", "-", "--stdin-filename", "compose.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("compose.yaml:4:17: error PL2002", result.StdOut);
        Assert.DoesNotContain("PL9002", result.StdOut);
    }
}
