using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Reporting.Sarif;

/// <summary>
/// The results of an earlier run, read from its SARIF log. A finding matches an earlier result of the same
/// rule in the same file by <c>primaryLocationLineHash</c> (as code scanning matches), or else by the text of
/// its region (the hash also covers the following lines, so an edit just below a finding changes it).
/// Each earlier result absorbs at most one current finding.
/// </summary>
public sealed class SarifBaseline
{
    private readonly Dictionary<(string RuleId, string Uri, string Key), List<int>> _byHash = new();
    private readonly Dictionary<(string RuleId, string Uri, string Key), List<int>> _bySnippet = new();
    private readonly HashSet<int> _consumed = new();
    private readonly ArtifactUri.Mapper _mapper;

    private SarifBaseline(string? repositoryRoot) => _mapper = new ArtifactUri.Mapper(repositoryRoot);

    public int Count { get; private set; }

    /// <summary>The largest baseline read: a SARIF log of 64 MiB holds well over 100,000 results.</summary>
    public const long MaxBaselineBytes = 64L * 1024 * 1024;

    /// <summary>Reads a SARIF log from the disk. Returns null with an error message when the file cannot be used.</summary>
    public static SarifBaseline? Load(string path, string? repositoryRoot, out string? error)
    {
        var bytes = Workspace.FileSystems.PhysicalFileSystem.ReadBytes(path, MaxBaselineBytes, out var failure);
        if (bytes == null)
        {
            error = $"{path}: cannot read the baseline: it {failure!.Message}";
            return null;
        }
        return Parse(bytes, path, repositoryRoot, out error);
    }

    /// <summary>Reads a SARIF log through a host's file system (the disk is read as <see cref="Load(string, string?, out string?)"/> does).</summary>
    public static SarifBaseline? Load(string path, string? repositoryRoot, IFileSystem fileSystem, out string? error)
    {
        if (fileSystem is PhysicalFileSystem) return Load(path, repositoryRoot, out error);
        var read = fileSystem.ReadFile(path);
        if (!read.IsOk)
        {
            error = $"{path}: cannot read the baseline: {read.Message}";
            return null;
        }
        return Parse(System.Text.Encoding.UTF8.GetBytes(read.Content!.Text.ToString().TrimStart('\uFEFF')), path, repositoryRoot, out error);
    }

    /// <summary>
    /// Reads a SARIF log's results. Returns null with an error message saying what is wrong (not JSON, no
    /// <c>runs</c> array…) when it is not a usable log; results without a rule id or a location are skipped.
    /// </summary>
    public static SarifBaseline? Parse(byte[] json, string path, string? repositoryRoot, out string? error)
    {
        error = null;
        var baseline = new SarifBaseline(repositoryRoot);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Fail(path, $"the top level is a JSON {Describe(root.ValueKind)}, not an object", out error);
            if (!root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
                return Fail(path, "it has no \"runs\" array (is it a SARIF log?)", out error);
            foreach (var run in runs.EnumerateArray())
            {
                if (run.ValueKind != JsonValueKind.Object)
                    return Fail(path, $"an element of \"runs\" is a JSON {Describe(run.ValueKind)}, not an object", out error);
                if (!run.TryGetProperty("results", out var results)) continue;
                if (results.ValueKind != JsonValueKind.Array)
                    return Fail(path, $"\"results\" is a JSON {Describe(results.ValueKind)}, not an array", out error);
                foreach (var result in results.EnumerateArray())
                {
                    if (result.ValueKind != JsonValueKind.Object) continue;
                    string? ruleId = String(result, "ruleId");
                    var physical = FirstPhysicalLocation(result);
                    string? uri = physical is { } p && Child(p, "artifactLocation") is { } artifact ? String(artifact, "uri") : null;
                    string? hash = Child(result, "partialFingerprints") is { } prints ? String(prints, "primaryLocationLineHash") : null;
                    string? snippet = physical is { } p2 && Child(p2, "region") is { } region && Child(region, "snippet") is { } snippetElement
                        ? String(snippetElement, "text") : null;
                    if (ruleId == null || uri == null) continue;
                    int index = baseline.Count++;
                    if (hash != null) Add(baseline._byHash, (ruleId, uri, hash), index);
                    if (snippet != null) Add(baseline._bySnippet, (ruleId, uri, Normalize(snippet)), index);
                }
            }
        }
        catch (JsonException e)
        {
            return Fail(path, $"it is not valid JSON: {e.Message}", out error);
        }
        return baseline;
    }

    private static SarifBaseline? Fail(string path, string problem, out string? error)
    {
        error = $"{path}: not a usable SARIF baseline: {problem}";
        return null;
    }

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();

    private static JsonElement? Child(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static string? String(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.String ? child.GetString() : null;

    private static JsonElement? FirstPhysicalLocation(JsonElement result)
    {
        if (!result.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array || locations.GetArrayLength() == 0) return null;
        return Child(locations[0], "physicalLocation");
    }

    private static void Add(Dictionary<(string, string, string), List<int>> map, (string, string, string) key, int index)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<int>();
        list.Add(index);
    }

    private static string Normalize(string snippet) => string.Join(" ", snippet.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>True when the earlier run already had this finding (and consumes that earlier result).</summary>
    public bool Contains(Diagnostic diagnostic, SourceText text, PrimaryLocationLineHash.LineHashes hashes)
        => Contains(diagnostic, text, hashes, _consumed);

    /// <summary>
    /// As above, with the earlier results consumed so far kept in <paramref name="consumed"/>: one set per linted
    /// version of a file, so that linting a file again (an editor) matches it afresh.
    /// </summary>
    public bool Contains(Diagnostic diagnostic, SourceText text, PrimaryLocationLineHash.LineHashes hashes, HashSet<int> consumed)
    {
        var span = diagnostic.Location.GetLineSpan();
        string uri = _mapper.Map(span.Path).Uri;
        string? hash = hashes.ForLine(span.StartLinePosition.Line + 1);
        string snippet = Normalize(text.ToString(diagnostic.Location.SourceSpan));
        lock (consumed)
        {
            return (hash != null && TryConsume(_byHash, (diagnostic.Id, uri, hash), consumed)) || TryConsume(_bySnippet, (diagnostic.Id, uri, snippet), consumed);
        }
    }

    private static bool TryConsume(Dictionary<(string, string, string), List<int>> map, (string, string, string) key, HashSet<int> consumed)
    {
        if (!map.TryGetValue(key, out var list)) return false;
        foreach (int index in list)
            if (consumed.Add(index)) return true;
        return false;
    }
}
