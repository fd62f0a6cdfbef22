using System.Text.RegularExpressions;

namespace Plimsoll.Tests.Rules;

/// <summary>A rule page of rules/ and the examples it shows, read the way a reader reads it.</summary>
internal sealed record RulePage(string Id, string Path, string Text, IReadOnlyList<RuleExample> Examples)
{
    private static readonly Regex Fence = new(@"^```(?<lang>[A-Za-z0-9_-]*)(?<info>[^\n]*)\n(?<code>.*?)^```[^\n]*\n?", RegexOptions.Multiline | RegexOptions.Singleline);

    public static RulePage Read(string path)
    {
        string text = File.ReadAllText(path).Replace("\r\n", "\n");
        var examples = new List<RuleExample>();
        foreach (var section in Sections(text))
        {
            bool? compliant = section.Heading.Equals("Noncompliant", StringComparison.OrdinalIgnoreCase) ? false
                : section.Heading.Equals("Compliant", StringComparison.OrdinalIgnoreCase) ? true : null;
            if (compliant == null) continue;
            int index = 0;
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match match in Fence.Matches(section.Body))
            {
                // A ```dockerignore block (its file name on the fence line, .dockerignore by default) is a file beside
                // the next example's Dockerfile, not an example of its own.
                if (match.Groups["lang"].Value == "dockerignore")
                {
                    string name = match.Groups["info"].Value.Trim();
                    files[name.Length == 0 ? ".dockerignore" : name] = match.Groups["code"].Value;
                    continue;
                }
                // A ```lang fixed block right after a noncompliant example is that example after its fixes.
                if (match.Groups["info"].Value.Trim() == "fixed")
                {
                    if (examples.Count == 0 || examples[^1].IsCompliant) throw new FormatException($"{path}: a fixed block must follow a noncompliant example");
                    examples[^1] = examples[^1] with { Fixed = match.Groups["code"].Value, FixedBlock = match.Value };
                    continue;
                }
                examples.Add(new RuleExample(compliant.Value, match.Groups["lang"].Value.ToLowerInvariant(), match.Groups["code"].Value, ++index)
                {
                    Block = match.Value,
                    Settings = ParseSettings(match.Groups["info"].Value, path),
                    Files = files,
                });
                files = new Dictionary<string, string>(StringComparer.Ordinal);
            }
        }
        return new RulePage(System.IO.Path.GetFileNameWithoutExtension(path), path, text, examples);
    }

    // ```dockerfile with plimsoll.trusted_registries = docker.io; dotnet_diagnostic.PL1007.severity = error
    // runs the example with those .editorconfig settings, which the reader sees on the fence line.
    private static IReadOnlyList<KeyValuePair<string, string>> ParseSettings(string info, string path)
    {
        info = info.Trim();
        if (info.Length == 0) return Array.Empty<KeyValuePair<string, string>>();
        if (!info.StartsWith("with ", StringComparison.Ordinal)) throw new FormatException($"{path}: an example's fence line takes 'fixed' or 'with key = value; …', not '{info}'");
        return info.Substring(5).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(pair =>
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new FormatException($"{path}: '{pair}' is not key = value");
            return new KeyValuePair<string, string>(pair.Substring(0, eq).Trim(), pair.Substring(eq + 1).Trim());
        }).ToList();
    }

    public static IEnumerable<(string Heading, string Body)> Sections(string text)
    {
        var matches = Regex.Matches(text, @"^## (?<h>.+)$", RegexOptions.Multiline);
        for (int i = 0; i < matches.Count; i++)
        {
            int start = matches[i].Index + matches[i].Length;
            int end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            yield return (matches[i].Groups["h"].Value.Trim(), text.Substring(start, end - start));
        }
    }
}

/// <summary>
/// One fenced example: a Noncompliant example states its findings with markers (<see cref="FindingMarkers"/>) and, when
/// the rule fixes it, is followed by a <c>```lang fixed</c> block with the text after the fixes; a Compliant one raises nothing.
/// </summary>
internal sealed record RuleExample(bool IsCompliant, string Language, string Code, int Index)
{
    public string? Fixed { get; init; }
    public string Block { get; init; } = "";
    public string? FixedBlock { get; init; }

    /// <summary>.editorconfig settings the example runs with (from its fence line).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>Files beside the example's Dockerfile (name → text), from ```dockerignore blocks just before it.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"{(IsCompliant ? "compliant" : "noncompliant")} #{Index} ({Language})";
}
