using System.Text;
using System.Text.RegularExpressions;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Syntax.Shell;

/// <summary>A RUN command taken from a corpus Dockerfile: its shell text and where it came from.</summary>
internal sealed record CorpusRun(string File, int Line, string Text, bool IsPosixShell);

/// <summary>
/// Extracts RUN commands from the corpus Dockerfiles the way the Dockerfile layer will hand them over:
/// escape-continued lines joined (comment lines inside dropped), flags like --mount removed, JSON form skipped,
/// BuildKit heredoc bodies included. RUNs after a `SHELL` switching to PowerShell/cmd, or in files with
/// `# escape=`+backtick, are marked as not POSIX shell.
/// </summary>
internal static class DockerfileRunCorpus
{
    private static readonly Regex EscapeDirective = new(@"^#\s*escape\s*=\s*(\S)", RegexOptions.IgnoreCase);
    private static readonly Regex RunFlag = new(@"^--[a-z-]+(=(""[^""]*""|\S)*)?\s+", RegexOptions.IgnoreCase);
    private static readonly Regex HereDocStart = new(@"<<-?\s*([""']?)([A-Za-z_][A-Za-z0-9_]*)\1");

    private static readonly Lazy<IReadOnlyList<CorpusRun>> All = new(Load);

    public static IReadOnlyList<CorpusRun> Runs => All.Value;

    private static IReadOnlyList<CorpusRun> Load()
    {
        var dir = Path.Combine(TestPaths.Corpus, "dockerfiles");
        var result = new List<CorpusRun>();
        foreach (var file in Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal))
            result.AddRange(Extract(Path.GetFileName(file), File.ReadAllText(file)));
        return result;
    }

    public static IEnumerable<CorpusRun> Extract(string name, string content)
    {
        var lines = content.Replace("\r\n", "\n").Split('\n');
        var escape = '\\';
        var posix = true;
        for (var i = 0; i < lines.Length && lines[i].StartsWith("#", StringComparison.Ordinal); i++)
        {
            var m = EscapeDirective.Match(lines[i]);
            if (m.Success) escape = m.Groups[1].Value[0];
        }
        if (escape == '`') posix = false;

        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
            var startLine = i;
            var sb = new StringBuilder(trimmed);
            while (EndsWithEscape(sb, escape) && i + 1 < lines.Length)
            {
                sb.Length = TrimEndIndex(sb) - 1;
                i++;
                // Like BuildKit: comment lines and empty lines inside a continued instruction are dropped.
                while (i < lines.Length && (lines[i].Trim().Length == 0 || lines[i].TrimStart().StartsWith("#", StringComparison.Ordinal))) i++;
                if (i < lines.Length) sb.Append(lines[i]);
            }
            var instruction = sb.ToString();
            var keywordEnd = instruction.IndexOfAny(new[] { ' ', '\t' });
            var keyword = (keywordEnd < 0 ? instruction : instruction.Substring(0, keywordEnd)).ToUpperInvariant();
            var args = keywordEnd < 0 ? string.Empty : instruction.Substring(keywordEnd).Trim();
            if (keyword == "FROM") posix = escape != '`';
            if (keyword == "SHELL")
            {
                var lower = args.ToLowerInvariant();
                posix = !(lower.Contains("pwsh") || lower.Contains("powershell") || lower.Contains("cmd"));
                continue;
            }
            if (keyword != "RUN") continue;
            while (true)
            {
                var m = RunFlag.Match(args);
                if (!m.Success) break;
                args = args.Substring(m.Length);
            }
            if (args.StartsWith("[", StringComparison.Ordinal)) continue;

            // BuildKit heredocs: the body lines follow the instruction.
            var heredocs = HereDocStart.Matches(args).Cast<Match>().Select(m => m.Groups[2].Value).ToList();
            if (heredocs.Count > 0 && posix)
            {
                var body = new StringBuilder();
                var scriptOnly = args.StartsWith("<<", StringComparison.Ordinal) && heredocs.Count == 1;
                var k = i + 1;
                foreach (var delimiter in heredocs)
                {
                    for (; k < lines.Length; k++)
                    {
                        var isEnd = lines[k].Trim() == delimiter;
                        if (!scriptOnly || !isEnd) body.Append(lines[k]).Append('\n');
                        if (isEnd)
                        {
                            k++;
                            break;
                        }
                    }
                }
                var text = scriptOnly ? body.ToString() : args + "\n" + body;
                i = k - 1;
                // A script-only heredoc may start with a shebang for another interpreter.
                if (scriptOnly && text.StartsWith("#!", StringComparison.Ordinal) && !Regex.IsMatch(text, @"^#!\S*(sh|bash)\b")) continue;
                result(name, startLine, text, true, out var run);
                yield return run;
                continue;
            }
            result(name, startLine, args, posix, out var r);
            yield return r;
        }

        static void result(string file, int line, string text, bool isPosix, out CorpusRun run) => run = new CorpusRun(file, line + 1, text, isPosix);
    }

    private static int TrimEndIndex(StringBuilder sb)
    {
        var n = sb.Length;
        while (n > 0 && char.IsWhiteSpace(sb[n - 1])) n--;
        return n;
    }

    private static bool EndsWithEscape(StringBuilder sb, char escape)
    {
        var n = TrimEndIndex(sb);
        return n > 0 && sb[n - 1] == escape;
    }
}
