using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;

namespace Plimsoll.Cli.Output;

/// <summary>
/// What a report made of each file while the run went on, on the thread that linted it, so that neither the file's
/// text nor its findings need be kept until the report is written (a corpus run would otherwise hold them all to the
/// end, and the collector copy them from generation to generation; the run counts the findings before they go). A part
/// is used only for the result it was kept for: a result merged with another after the run, with findings again, is
/// reported afresh.
/// </summary>
internal sealed class PreparedFiles<TPart>
{
    private readonly ConcurrentDictionary<string, (ImmutableArray<Finding> Findings, TPart Part)> _parts = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="part"/> for the file and gives back its result without the text and the findings the part holds.</summary>
    public FileAnalysisResult Keep(FileAnalysisResult file, TPart part)
    {
        var kept = PreparedFiles.WithoutText(file) with { Findings = ImmutableArray<Finding>.Empty };
        _parts[file.Path] = (kept.Findings, part);
        return kept;
    }

    public bool TryGet(FileAnalysisResult file, out TPart part)
    {
        if (_parts.TryGetValue(file.Path, out var kept) && kept.Findings == file.Findings)
        {
            part = kept.Part;
            return true;
        }
        part = default!;
        return false;
    }
}

internal static class PreparedFiles
{
    private static readonly SourceText NoText = SourceText.From("");

    /// <summary>The result without the file's text, for a report that has what it needs of it (or never reads it).</summary>
    public static FileAnalysisResult WithoutText(FileAnalysisResult file) => file with { Text = NoText };
}
