using Microsoft.CodeAnalysis;

namespace Plimsoll.Analysis.Configuration;

/// <summary>
/// The configuration files that apply in one folder, lowest rank first, and Roslyn's
/// <see cref="AnalyzerConfigSet"/> over them, which says which of their sections match a path.
/// </summary>
internal sealed class ConfigChain
{
    public static readonly ConfigChain Empty = new(Array.Empty<ConfigDocument>());

    private readonly AnalyzerConfigSet? _set;
    private readonly Dictionary<string, int> _rankByMarker = new(StringComparer.Ordinal);
    private readonly List<(ConfigDocument Document, ConfigSection Section)> _sections = new();

    public ConfigChain(IReadOnlyList<ConfigDocument> documents)
    {
        Documents = documents;
        var problems = new List<ConfigurationProblem>();
        if (documents.Count == 0)
        {
            Problems = problems;
            return;
        }
        foreach (var document in documents)
        {
            foreach (var section in document.Sections)
            {
                _rankByMarker[section.MarkerKey] = _sections.Count;
                _sections.Add((document, section));
            }
        }
        _set = AnalyzerConfigSet.Create(documents.Select(d => d.RoslynConfig).ToList(), out var diagnostics);
        // Roslyn's own complaints (a global config's section that is not an absolute path, …) name the file
        // in their message but carry no location: report them at the file's first line.
        foreach (var diagnostic in diagnostics)
        {
            string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            var document = documents.FirstOrDefault(d => message.Contains(d.Path)) ?? documents[documents.Count - 1];
            problems.Add(new ConfigurationProblem(document.Path, 0, message));
        }
        Problems = problems;
    }

    public IReadOnlyList<ConfigDocument> Documents { get; }

    /// <summary>What Roslyn said about the files as a set.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    /// <summary>
    /// Appends, in rank order, each document whose preamble applies to every file (null section) and
    /// each section that matches <paramref name="fullPath"/>.
    /// </summary>
    public void AddMatches(string fullPath, List<(ConfigDocument Document, ConfigSection? Section)> matched)
    {
        if (_set == null) return;
        var keys = _set.GetOptionsForSourcePath(fullPath).AnalyzerOptions.Keys;
        var ranks = new List<int>();
        foreach (var key in keys)
        {
            if (_rankByMarker.TryGetValue(key, out int rank)) ranks.Add(rank);
        }
        ranks.Sort();
        int next = 0;
        foreach (var document in Documents)
        {
            if (document.Kind != ConfigDocumentKind.EditorConfig && document.Preamble.Count > 0) matched.Add((document, null));
            for (; next < ranks.Count && ReferenceEquals(_sections[ranks[next]].Document, document); next++)
            {
                matched.Add((document, _sections[ranks[next]].Section));
            }
        }
    }
}
