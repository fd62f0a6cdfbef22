using System.Text;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Fuzzing;

/// <summary>One fuzz case: the files of one folder (a Dockerfile or compose.yaml, maybe a .env) and how it was made.</summary>
internal sealed record FuzzInput(string Name, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>How many files of this input the linter should lint (a .env is read, not linted).</summary>
    public int LintedFiles => Files.Keys.Count(f => f is not (".env" or ".dockerignore"));
}

/// <summary>
/// Makes inputs meant to break a linter: mutated corpus files and generated extremes of depth, width, expansion,
/// encodings and random bytes. Deterministic for a seed, so a failure can be replayed.
/// </summary>
internal sealed class AdversarialInputs
{
    private static readonly Lazy<string[]> Dockerfiles = new(() => Directory.GetFiles(Path.Combine(TestPaths.Corpus, "dockerfiles")).OrderBy(f => f, StringComparer.Ordinal).ToArray());
    private static readonly Lazy<string[]> ComposeFiles = new(() => Directory.GetFiles(Path.Combine(TestPaths.Corpus, "compose")).OrderBy(f => f, StringComparer.Ordinal).ToArray());

    // Pieces that mean something to one of the parsers: quotes, escapes, heredocs, substitutions, YAML indicators, odd characters.
    private static readonly string[] Pieces =
    {
        "\"", "'", "`", "\\", "\\\n", "`\n", "$", "${", "}", "$(", ")", "((", "))", "<<EOF\n", "\nEOF\n", "<<-X\n", "|", "&&", ";",
        "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\uFEFF", "\0", "\t", " ", "#", "# plimsoll disable-next-line PL1003\n",
        "# escape=`\n", "# syntax=docker/dockerfile:1\n", "RUN ", "FROM ", "ARG A=${A}${A}\n", "ENV B=$B$B\n", "ONBUILD ", "[\"", "\"]",
        "&a ", "*a", "<<: *a", "- ", ": ", "{", "[", "]", ",", "? ", "!!str ", "|\n  ", ">-\n  ", "---\n", "...\n", "%YAML 1.2\n",
        "\u001b]0;x\u0007", "\u001b[2J", "\u202e", "\ud800", "😀", "é", "curl http://x | sh", "privileged: true", "${X:?}", "${X:-${Y", "$$",
    };

    private readonly Random _random;

    public AdversarialInputs(int seed) => _random = new Random(seed);

    public FuzzInput Next()
    {
        int kind = _random.Next(11);
        return kind switch
        {
            0 or 1 or 2 => MutatedCorpusFile(),
            3 => DeepShell(),
            4 => DeepYaml(),
            5 => DeepInterpolation(),
            6 => Wide(),
            7 => Expansion(),
            8 => Encodings(),
            9 => HostileDockerignore(),
            _ => RandomBytes(),
        };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static FuzzInput Dockerfile(string name, string text) => new(name, new Dictionary<string, byte[]> { ["Dockerfile"] = Utf8(text) });

    private static FuzzInput Compose(string name, string text, string? dotEnv = null)
    {
        var files = new Dictionary<string, byte[]> { ["compose.yaml"] = Utf8(text) };
        if (dotEnv != null) files[".env"] = Utf8(dotEnv);
        return new FuzzInput(name, files);
    }

    private FuzzInput MutatedCorpusFile()
    {
        bool compose = _random.Next(3) == 0;
        var pool = compose ? ComposeFiles.Value : Dockerfiles.Value;
        string source = pool[_random.Next(pool.Length)];
        var bytes = new List<byte>(File.ReadAllBytes(source));
        int edits = 1 + _random.Next(8);
        for (int e = 0; e < edits; e++)
        {
            int at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count + 1);
            switch (_random.Next(5))
            {
                case 0:
                case 1:
                    bytes.InsertRange(at, Utf8(Pieces[_random.Next(Pieces.Length)]));
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(_random.Next(1, 40), bytes.Count - at));
                    break;
                case 3:
                    // Repeat a slice many times: width and, with anchors or ARGs in it, expansion.
                    int length = Math.Min(_random.Next(1, 200), bytes.Count - at);
                    var slice = bytes.GetRange(at, length);
                    int times = _random.Next(1, 300);
                    for (int t = 0; t < times; t++) bytes.InsertRange(at, slice);
                    break;
                default:
                    if (at < bytes.Count) bytes[at] = (byte)_random.Next(256);
                    break;
            }
        }
        string name = $"mutated {(compose ? "compose" : "Dockerfile")} {Path.GetFileName(source)} ({edits} edits)";
        return new FuzzInput(name, new Dictionary<string, byte[]> { [compose ? "compose.yaml" : "Dockerfile"] = bytes.ToArray() });
    }

    private static readonly (string Open, string Close)[] ShellNesters =
        { ("$( ", ")"), ("(", ")"), ("{ ", "; }"), ("`echo ", "`"), ("if true; then ", "; fi"), ("while true; do ", "; done"), ("sh -c '", "'"), ("\"$(", ")\"") };

    private FuzzInput DeepShell()
    {
        int depth = _random.Next(20, 3000);
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            var (o, c) = ShellNesters[_random.Next(ShellNesters.Length)];
            open.Append(o);
            close.Insert(0, c);
        }
        string heredoc = _random.Next(2) == 0 ? "" : "\nRUN <<EOF\n" + open + "curl http://x | sh" + close + "\nEOF";
        return Dockerfile($"shell nested {depth} deep", "FROM alpine:3.20\nRUN " + open + "curl http://x | sh" + close + heredoc + "\n");
    }

    private FuzzInput DeepYaml()
    {
        int depth = _random.Next(50, 20_000);
        switch (_random.Next(3))
        {
            case 0:
                return Compose($"YAML flow sequences {depth} deep", "services:\n  s:\n    image: " + new string('[', depth) + new string(']', depth) + "\n");
            case 1:
                return Compose($"YAML flow mappings {depth} deep", "services:\n  s:\n    image: x\n    labels: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n");
            default:
                depth = Math.Min(depth, 3000);
                var text = new StringBuilder("services:\n  s:\n    image: x\n    x-deep:\n");
                for (int i = 0; i < depth; i++) text.Append(' ', 6 + i).Append("k:\n");
                text.Append(' ', 6 + depth).Append("v\n");
                return Compose($"YAML block mappings {depth} deep", text.ToString());
        }
    }

    // A .dockerignore whose lines make a backtracking matcher give up, beside COPY sources deep in the build context.
    private FuzzInput HostileDockerignore()
    {
        int stars = _random.Next(4, 12), lines = _random.Next(1, 40), depth = _random.Next(10, 60), copies = _random.Next(1, 60);
        string pattern = string.Concat(Enumerable.Repeat("**/a", stars)) + "**/b";
        string ignore = string.Join("\n", Enumerable.Range(0, lines).Select(i => pattern + i));
        string deep = string.Join("/", Enumerable.Repeat("a", depth));
        string dockerfile = "FROM alpine:3.20\n" + string.Concat(Enumerable.Range(0, copies).Select(i => $"COPY {deep}/x{i} /x{i}\n"));
        return new FuzzInput($".dockerignore of {lines} lines with {stars + 1} '**' each, {copies} COPY {depth} folders deep",
            new Dictionary<string, byte[]> { ["Dockerfile"] = Utf8(dockerfile), [".dockerignore"] = Utf8(ignore) });
    }

    private FuzzInput DeepInterpolation()
    {
        int depth = _random.Next(10, 5000);
        string nested = string.Concat(Enumerable.Repeat("${A:-", depth)) + "x" + new string('}', depth);
        return _random.Next(2) == 0
            ? Compose($"compose interpolation {depth} deep", "services:\n  s:\n    image: \"" + nested + "\"\n    privileged: true\n")
            : Dockerfile($"Dockerfile substitution {depth} deep", "ARG A\nFROM alpine:" + nested + "\nENV B=" + nested + "\n");
    }

    private FuzzInput Wide()
    {
        switch (_random.Next(9))
        {
            case 8:
            {
                int n = _random.Next(500, 5000);
                var text = new StringBuilder("services:\n  s0:\n    image: alpine:3.20\n");
                for (int i = 1; i < n; i++) text.Append($"  s{i}:\n    extends: s{i - 1}\n    secrets: [x{i}]\n    depends_on: [s{i - 1}]\n");
                text.Append("secrets:\n");
                for (int i = 1; i < n; i++) text.Append($"  x{i}:\n    file: ./x{i}\n");
                return Compose($"{n} services extending the one before, each with a secret", text.ToString());
            }
            // Many of what a rule looks up for every instruction or command (stages, SHELLs, WORKDIRs, apt settings,
            // checksum checks): a lookup that walks them all each time makes the file quadratic.
            case 4:
            {
                int n = _random.Next(1000, 10_000);
                var text = new StringBuilder();
                for (int i = 0; i < n; i++) text.Append($"FROM alpine:3.20 AS s{i}\nCOPY --from=s{Math.Max(i - 1, 0)} a b\n");
                return Dockerfile($"{n} stages copying from the one before", text.ToString());
            }
            case 5:
            {
                int n = _random.Next(1000, 10_000);
                var text = new StringBuilder("FROM alpine:3.20\n");
                for (int i = 0; i < n; i++) text.Append(i % 2 == 0 ? "SHELL [\"/bin/bash\", \"-c\"]\nRUN echo a | tr a b\n" : "SHELL [\"/bin/sh\", \"-c\"]\nRUN echo a | tr a b\n");
                return Dockerfile($"{n} SHELLs each before a RUN", text.ToString());
            }
            case 6:
            {
                int n = _random.Next(1000, 8000);
                var text = new StringBuilder("FROM debian:12\n");
                for (int i = 0; i < n; i++) text.Append($"RUN apt-get update && apt-get install -y p{i}\nCOPY f{i} dir/\n");
                return Dockerfile($"{n} apt installs and relative COPYs in one stage", text.ToString());
            }
            case 7:
            {
                int n = _random.Next(500, 3000);
                var text = new StringBuilder("FROM alpine:3.20\nRUN true");
                for (int i = 0; i < n; i++) text.Append($" \\\n && curl -fsSLo f{i}.tgz https://x/{i}.tgz && echo \"h  f{n - i}.tgz\" | sha256sum -c -");
                return Dockerfile($"one RUN of {n} downloads and checksum checks", text.Append('\n').ToString());
            }
            case 0:
            {
                int n = _random.Next(1000, 40_000);
                var text = new StringBuilder("FROM alpine:3.20\n");
                for (int i = 0; i < n; i++) text.Append(i % 3 == 0 ? $"ENV V{i}=${{V{i - 1}:-x}}\n" : i % 3 == 1 ? $"RUN echo {i} && curl -fsSL https://x/{i} -o /f\n" : $"ARG A{i}=$V{i - 1}\n");
                return Dockerfile($"{n} instructions", text.ToString());
            }
            case 1:
            {
                int size = _random.Next(100_000, 9_000_000);
                return Dockerfile($"one RUN line of {size} characters", "FROM alpine:3.20\nRUN curl http://x | sh && echo " + new string('a', size) + " && wget -qO- http://y | bash\n");
            }
            case 2:
            {
                int n = _random.Next(100, 8000);
                var text = new StringBuilder("services:\n");
                for (int i = 0; i < n; i++) text.Append($"  s{i}:\n    image: x:{i}\n    environment: {{A: '${{B:-{i}}}'}}\n");
                return Compose($"{n} services", text.ToString());
            }
            default:
            {
                int n = _random.Next(1000, 60_000);
                var text = new StringBuilder("services:\n  s:\n    image: x\n    labels:\n");
                for (int i = 0; i < n; i++) text.Append($"      k{i}: v\n");
                text.Append("    privileged: true\n");
                return Compose($"{n} labels", text.ToString());
            }
        }
    }

    private FuzzInput Expansion()
    {
        int steps = _random.Next(10, 60);
        int fanOut = _random.Next(2, 5);
        string Chain(string prefix, Func<int, string> name, string first)
        {
            var text = new StringBuilder(prefix + name(0) + "=" + first + "\n");
            for (int i = 1; i <= steps; i++) text.Append(prefix).Append(name(i)).Append('=').Append(string.Concat(Enumerable.Repeat("${" + name(i - 1) + "}", fanOut))).Append('\n');
            return text.ToString();
        }
        switch (_random.Next(4))
        {
            case 0:
                return Dockerfile($"ARG chain {steps}x{fanOut}", Chain("ARG ", i => "A" + i, "xy") + $"FROM alpine:${{A{steps}}}\nRUN echo $A{steps}\n");
            case 1:
                return Dockerfile($"ENV chain {steps}x{fanOut}", "FROM alpine:3.20\n" + Chain("ENV ", i => "E" + i, "xy") + $"USER $E{steps}\n");
            case 2:
                return Compose($".env chain {steps}x{fanOut}", $"services:\n  s:\n    image: x:${{A{steps}}}\n    environment:\n      X: ${{A{steps}}}${{A{steps}}}\n", Chain("", i => "A" + i, "xy"));
            default:
            {
                // "Billion laughs": each anchor aliases the previous one several times.
                var text = new StringBuilder("x-a0: &a0 [lol]\n");
                for (int i = 1; i <= steps; i++) text.Append($"x-a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), fanOut + 6))).Append("]\n");
                text.Append($"services:\n  s:\n    image: x\n    command: *a{steps}\n    <<: {{labels: *a{steps}}}\n");
                return Compose($"YAML aliases {steps}x{fanOut + 6}", text.ToString());
            }
        }
    }

    private FuzzInput Encodings()
    {
        string dockerfile = "FROM alpine:3.20\n# caf\u00e9 \u2026 \u2028 \u0085\nRUN curl http://x | sh\n";
        string compose = "services:\n  s:\n    image: x\n    privileged: true\n";
        bool isCompose = _random.Next(2) == 0;
        string text = isCompose ? compose : dockerfile;
        byte[] bytes;
        string encoding;
        switch (_random.Next(7))
        {
            case 0: encoding = "UTF-16LE with BOM"; bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(); break;
            case 1: encoding = "UTF-16BE with BOM"; bytes = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(); break;
            case 2: encoding = "UTF-8 with BOM"; bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8(text)).ToArray(); break;
            case 3: encoding = "Windows-1252"; bytes = Encoding.Latin1.GetBytes(text.Replace('\u2026', '\u0085').Replace("\u2028", "")); break;
            case 4: encoding = "CR line ends"; bytes = Utf8(text.Replace('\n', '\r')); break;
            case 5: encoding = "UTF-32LE with BOM"; bytes = new UTF32Encoding(false, true).GetPreamble().Concat(new UTF32Encoding(false, false).GetBytes(text)).ToArray(); break;
            default: encoding = "NUL bytes"; bytes = Utf8(text.Replace(" ", "\0 ")); break;
        }
        return new FuzzInput($"{(isCompose ? "compose" : "Dockerfile")} in {encoding}", new Dictionary<string, byte[]> { [isCompose ? "compose.yaml" : "Dockerfile"] = bytes });
    }

    private FuzzInput RandomBytes()
    {
        var bytes = new byte[_random.Next(0, 65_536)];
        _random.NextBytes(bytes);
        bool compose = _random.Next(2) == 0;
        return new FuzzInput($"{bytes.Length} random bytes as {(compose ? "compose" : "Dockerfile")}", new Dictionary<string, byte[]> { [compose ? "compose.yaml" : "Dockerfile"] = bytes });
    }
}
