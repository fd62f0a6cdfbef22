using System.Text.Json;
using Plimsoll.Tests.Infrastructure;

namespace Plimsoll.Tests.Syntax.Dockerfile.Expansion;

/// <summary>One line of BuildKit's envVarTest / wordsTest, as exported to the conformance jsonl files.</summary>
public sealed record ShellConformanceCase(
    int Line,
    string Platform,
    string Input,
    string? Expected,
    IReadOnlyList<string>? ExpectedWords,
    bool Error,
    IReadOnlyList<string> Env,
    char Escape)
{
    /// <summary>
    /// BuildKit's <c>BuildEnvs</c>: <c>NAME=value</c>, a bare <c>NAME</c> is set to empty, a later entry wins.
    /// Keys compare exactly on Unix and case-insensitively on Windows (<c>EqualEnvKeys</c>).
    /// </summary>
    public Func<string, string?> Lookup(bool windows)
    {
        var map = new Dictionary<string, string>(windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var entry in Env)
        {
            var eq = entry.IndexOf('=');
            if (eq < 0) map[entry] = "";
            else map[entry.Substring(0, eq)] = entry.Substring(eq + 1);
        }
        return name => map.TryGetValue(name, out var value) ? value : null;
    }
}

public static class ShellConformanceCases
{
    public static readonly Lazy<IReadOnlyDictionary<int, ShellConformanceCase>> EnvVar = new(() => Load("envvar_cases.jsonl"));
    public static readonly Lazy<IReadOnlyDictionary<int, ShellConformanceCase>> Words = new(() => Load("words_cases.jsonl"));

    private static IReadOnlyDictionary<int, ShellConformanceCase> Load(string fileName)
    {
        var cases = new Dictionary<int, ShellConformanceCase>();
        foreach (var line in File.ReadLines(Path.Combine(TestPaths.Conformance, "shell", fileName)))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var escape = root.GetProperty("escape").GetString()!;
            var c = new ShellConformanceCase(
                Line: root.GetProperty("line").GetInt32(),
                Platform: root.TryGetProperty("platform", out var p) ? p.GetString()! : "A",
                Input: root.GetProperty("input").GetString()!,
                Expected: root.TryGetProperty("expected", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
                ExpectedWords: root.TryGetProperty("expected_words", out var w) && w.ValueKind == JsonValueKind.Array
                    ? w.EnumerateArray().Select(x => x.GetString()!).ToArray()
                    : null,
                Error: root.GetProperty("error").GetBoolean(),
                Env: root.GetProperty("env").EnumerateArray().Select(x => x.GetString()!).ToArray(),
                Escape: escape.Length == 1 ? escape[0] : throw new InvalidDataException($"escape '{escape}' in {fileName}"));
            cases.Add(c.Line, c);
        }
        return cases;
    }
}
