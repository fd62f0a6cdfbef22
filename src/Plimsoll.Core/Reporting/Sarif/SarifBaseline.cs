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

    /// <summary>Reads a SARIF log. Returns null with an error message when the file cannot be used.</summary>
    public static SarifBaseline? Load(string path, string? repositoryRoot, out string? error, IFileSystem? fileSystem = null)
    {
        error = null;
        var baseline = new SarifBaseline(repositoryRoot);
        var read = (fileSystem ?? PhysicalFileSystem.Instance).ReadFile(path);
        if (!read.IsOk)
        {
            error = $"{path}: not a usable SARIF baseline: {read.Message}";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(read.Content!.Text.ToString().TrimStart('\uFEFF'));
            foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                if (!run.TryGetProperty("results", out var results)) continue;
                foreach (var result in results.EnumerateArray())
                {
                    string? ruleId = result.TryGetProperty("ruleId", out var id) ? id.GetString() : null;
                    string? uri = null;
                    if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
                        && locations[0].TryGetProperty("physicalLocation", out var physical)
                        && physical.TryGetProperty("artifactLocation", out var artifact)
                        && artifact.TryGetProperty("uri", out var uriElement))
                        uri = uriElement.GetString();
                    string? hash = result.TryGetProperty("partialFingerprints", out var prints) && prints.TryGetProperty("primaryLocationLineHash", out var h) ? h.GetString() : null;
                    string? snippet = null;
                    if (locations.ValueKind == JsonValueKind.Array && locations.GetArrayLength() > 0
                        && locations[0].TryGetProperty("physicalLocation", out var p2) && p2.TryGetProperty("region", out var region)
                        && region.TryGetProperty("snippet", out var snippetElement) && snippetElement.TryGetProperty("text", out var snippetText))
                        snippet = snippetText.GetString();
                    if (ruleId == null || uri == null) continue;
                    int index = baseline.Count++;
                    if (hash != null) Add(baseline._byHash, (ruleId, uri, hash), index);
                    if (snippet != null) Add(baseline._bySnippet, (ruleId, uri, Normalize(snippet)), index);
                }
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException || e is KeyNotFoundException || e is InvalidOperationException)
        {
            error = $"{path}: not a usable SARIF baseline: {e.Message}";
            return null;
        }
        return baseline;
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
