using System.Text;
using System.Text.RegularExpressions;
using Plimsoll.Analysis;

namespace Plimsoll.Tests.Rules;

/// <summary>
/// Expected findings written inline, under the line they point at, as comments (the ESLint/Ruff way of making examples
/// their own assertions):
/// <code>
/// FROM node:latest
/// #    ^^^^^^^^^^^ PL1001: Image 'node:latest' uses the moving tag 'latest', …
/// </code>
/// The <c>#</c> stands at column 0; each caret marks one column. A span that starts at column 0 is written with the
/// carets right after the <c>#</c> (<c>#^^^^</c>), the <c>#</c> then counting as the first caret. A span that goes on past
/// its first line marks that line to its end and says where it ends: <c>PL1005 [to 3:27]: …</c> (1-based line:column).
/// Markers are removed before the example is analysed, so lines and columns are those of the example without them.
/// </summary>
internal static class FindingMarkers
{
    private static readonly Regex Marker = new(@"^#(?<gap> *)(?<carets>\^+) (?<id>[A-Z]+[0-9]+)(?: \[to (?<line>[0-9]+):(?<column>[0-9]+)\])?: (?<message>.*)$");

    /// <summary>A finding as the markers state it; lines and columns 0-based in the example without markers.</summary>
    public sealed record Expected(string Id, int Line, int Column, int EndLine, int EndColumn, string Message)
    {
        public override string ToString() => $"{Id} {Line + 1}:{Column + 1}-{EndLine + 1}:{EndColumn + 1} {Message}";

        public static Expected Of(Finding finding)
        {
            var span = finding.LineSpan;
            return new Expected(finding.Id, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character, finding.Diagnostic.GetMessage());
        }
    }

    public static bool IsMarker(string line) => Marker.IsMatch(line.TrimEnd('\r'));

    /// <summary>The example without its marker lines, and what the markers expect.</summary>
    public static (string Code, IReadOnlyList<Expected> Expected) Parse(string example)
    {
        var code = new StringBuilder();
        var expected = new List<Expected>();
        var lines = example.Split('\n');
        int kept = -1;
        var keptLines = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            var match = Marker.Match(line.TrimEnd('\r'));
            if (!match.Success)
            {
                kept++;
                keptLines.Add(line);
                code.Append(line);
                if (i < lines.Length - 1) code.Append('\n');
                continue;
            }
            if (kept < 0) throw new FormatException($"marker before any line: {line}");
            int gap = match.Groups["gap"].Length;
            int carets = match.Groups["carets"].Length;
            int column = gap == 0 ? 0 : 1 + gap;
            int length = gap == 0 ? carets + 1 : carets;
            if (match.Groups["line"].Success)
                expected.Add(new Expected(match.Groups["id"].Value, kept, column, int.Parse(match.Groups["line"].Value) - 1, int.Parse(match.Groups["column"].Value) - 1, match.Groups["message"].Value));
            else
                expected.Add(new Expected(match.Groups["id"].Value, kept, column, kept, column + length, match.Groups["message"].Value));
        }
        return (code.ToString(), expected);
    }

    /// <summary>The example with markers for <paramref name="findings"/> under their lines (what a page should say).</summary>
    public static string Render(string code, IEnumerable<Expected> findings)
    {
        var byLine = findings.GroupBy(f => f.Line).ToDictionary(g => g.Key, g => g.OrderBy(f => f.Column).ThenBy(f => f.Id, StringComparer.Ordinal).ToList());
        var lines = code.Split('\n');
        var output = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            output.Append(lines[i]);
            if (i < lines.Length - 1 || byLine.ContainsKey(i)) output.Append('\n');
            if (!byLine.TryGetValue(i, out var here)) continue;
            foreach (var f in here)
            {
                int lineLength = lines[i].TrimEnd('\r').Length;
                // An empty span, or one that goes past its line, says where it ends.
                bool multiLine = f.EndLine != f.Line || f.EndColumn == f.Column;
                int end = multiLine ? lineLength : f.EndColumn;
                int length = Math.Max(1, end - f.Column);
                string carets = f.Column == 0 ? "#" + new string('^', Math.Max(1, length - 1)) : "#" + new string(' ', f.Column - 1) + new string('^', length);
                output.Append(carets).Append(' ').Append(f.Id);
                if (multiLine) output.Append($" [to {f.EndLine + 1}:{f.EndColumn + 1}]");
                output.Append(": ").Append(f.Message).Append('\n');
            }
        }
        string result = output.ToString();
        return code.EndsWith("\n", StringComparison.Ordinal) || result.EndsWith("\n", StringComparison.Ordinal) ? result : result;
    }
}
