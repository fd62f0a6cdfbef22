using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Analysis.Suppression;

/// <summary>
/// The suppression comments of one file, indexed by line, built once per file and then queried by
/// the driver for every finding (thread-safe: queries may come from parallel analyzers).
/// </summary>
/// <remarks>
/// <para>
/// "The next line" of <c>disable-next-line</c> is computed here, not by the caller: it is the first
/// line after the comment that is neither blank (known when <see cref="SuppressionContext.Text"/> is
/// given) nor an own-line comment (known from the comments themselves). The caller only adds what
/// the syntax tree knows, <see cref="SuppressionContext.LastLineOfConstruct"/>, so that a finding
/// anywhere in a multi-line instruction starting on that line is covered. hadolint's
/// <c>ignore=</c> keeps hadolint's meaning: the line right after the comment, whatever it is.
/// </para>
/// <para>
/// A finding is covered when its first line lies in a suppression's lines (as Roslyn matches a
/// diagnostic by where it starts); a suppression naming the rule beats <c>all</c>, and a
/// line suppression beats a file-wide one.
/// </para>
/// </remarks>
public sealed class SuppressionIndex
{
    // A construct longer than this is taken to be a caller's mistake; the range is cut there.
    private const int MaxConstructLines = 100_000;

    private readonly List<Suppression> _suppressions;
    private readonly List<Suppression> _fileWide;

    // Line ranges, scanned linearly: a file has few suppressions, and ranges cost no memory per line.
    private readonly List<Suppression> _lineRanges;

    private SuppressionIndex(List<Suppression> suppressions, List<SuppressionProblem> problems)
    {
        _suppressions = suppressions;
        Problems = problems;
        _fileWide = suppressions.Where(s => s.Scope == SuppressionScope.File).ToList();
        _lineRanges = suppressions.Where(s => s.Scope != SuppressionScope.File).ToList();
    }

    /// <summary>An index with no suppressions.</summary>
    public static SuppressionIndex Empty { get; } = new(new List<Suppression>(), new List<SuppressionProblem>());

    /// <summary>Every effective suppression, in source order.</summary>
    public IReadOnlyList<Suppression> Suppressions => _suppressions;

    /// <summary>Suppressions given without a reason: honoured, but a host may warn about them.</summary>
    public IEnumerable<Suppression> SuppressionsWithoutJustification => _suppressions.Where(s => !s.HasJustification);

    /// <summary>Unknown ids, unmapped hadolint ids, malformed or misplaced directives.</summary>
    public IReadOnlyList<SuppressionProblem> Problems { get; }

    /// <summary>Builds the index with no knowledge of the file beyond its comments (see <see cref="SuppressionContext"/>).</summary>
    public static SuppressionIndex Build(IEnumerable<SourceComment> comments) => Build(comments, null);

    public static SuppressionIndex Build(IEnumerable<SourceComment> comments, SuppressionContext? context)
    {
        context ??= new SuppressionContext();
        var ordered = InSourceOrder(comments);
        HashSet<int>? ownLineComments = null; // only a next-line suppression needs them
        var suppressions = new List<Suppression>();
        var problems = new List<SuppressionProblem>();

        foreach (var comment in ordered)
        {
            var parsed = SuppressionComment.Parse(comment.Text, out var error);
            if (error is { } e) problems.Add(new SuppressionProblem(comment.Line, SpanIn(comment, e.Offset, 0), e.Message, e.Kind));
            if (parsed is null) continue;
            if (parsed.Syntax == SuppressionSyntax.Hadolint && !context.HonourHadolintPragmas) continue;

            var ruleIds = new List<string>();
            bool all = false;
            foreach (var (id, offset) in parsed.Ids)
            {
                if (id.Equals("all", StringComparison.OrdinalIgnoreCase))
                {
                    all = true;
                    continue;
                }
                string upper = id.ToUpperInvariant();
                if (parsed.Syntax == SuppressionSyntax.Hadolint)
                {
                    var mapped = context.MapHadolintRule?.Invoke(upper)?.Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
                    if (mapped is null || mapped.Count == 0)
                    {
                        problems.Add(new SuppressionProblem(comment.Line, SpanIn(comment, offset, id.Length),
                            $"no Plimsoll rule corresponds to hadolint rule '{id}'", SuppressionProblemKind.UnmappedHadolintRule));
                        continue;
                    }
                    ruleIds.AddRange(mapped.Select(m => m.ToUpperInvariant()));
                }
                else if (context.IsKnownRuleId is { } isKnown && !isKnown(upper))
                {
                    problems.Add(new SuppressionProblem(comment.Line, SpanIn(comment, offset, id.Length),
                        $"unknown rule id '{id}'", SuppressionProblemKind.UnknownRuleId));
                }
                else
                {
                    ruleIds.Add(upper);
                }
            }
            if (!all && ruleIds.Count == 0) continue; // nothing valid to suppress; the problems say why

            int first, last;
            switch (parsed.Scope)
            {
                case SuppressionScope.File:
                    first = 0;
                    last = int.MaxValue;
                    break;
                case SuppressionScope.Line:
                    if (comment.IsOwnLine)
                    {
                        problems.Add(new SuppressionProblem(comment.Line, comment.Span,
                            "'disable-line' must follow code on the same line; use 'disable-next-line' on a line of its own", SuppressionProblemKind.MisplacedDirective));
                        continue;
                    }
                    first = last = comment.Line;
                    break;
                default:
                {
                    int? target = parsed.Syntax == SuppressionSyntax.Hadolint ? comment.Line + 1 : NextCodeLine(comment.Line, ownLineComments ??= OwnLines(ordered), context.Text);
                    if (target is null)
                    {
                        problems.Add(new SuppressionProblem(comment.Line, comment.Span,
                            "'disable-next-line' is not followed by any code", SuppressionProblemKind.MisplacedDirective));
                        continue;
                    }
                    first = target.Value;
                    last = ConstructEnd(first, context);
                    break;
                }
            }
            var distinct = ruleIds.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            suppressions.Add(new Suppression(comment, parsed.Syntax, parsed.Scope, all ? Array.Empty<string>() : distinct, all, parsed.Justification, first, last));
        }
        return new SuppressionIndex(suppressions, problems);
    }

    /// <summary>
    /// Finds the suppression covering a finding of <paramref name="ruleId"/> that starts on
    /// <paramref name="line"/> (0-based) and ends on <paramref name="endLine"/>, and marks it used.
    /// </summary>
    public bool TryGetSuppression(string ruleId, int line, int endLine, out Suppression suppression)
    {
        _ = endLine; // matched by its first line, as Roslyn does for pragmas; see remarks
        suppression = null!;
        Suppression? found = Pick(_lineRanges, ruleId, line);
        found ??= Pick(_fileWide, ruleId, line);
        if (found is null) return false;
        found.MarkUsed(ruleId);
        suppression = found;
        return true;
    }

    /// <summary>Suppression comments that never suppressed a finding; call after all analyzers have run.</summary>
    public IEnumerable<SourceComment> UnusedSuppressions() => _suppressions.Where(s => !s.IsUsed).Select(s => s.Comment);

    // The suppression that names the rule, else one that says "all".
    private static Suppression? Pick(List<Suppression> candidates, string ruleId, int line)
    {
        Suppression? any = null;
        foreach (var s in candidates)
        {
            if (line < s.FirstLine || line > s.LastLine || !s.Covers(ruleId)) continue;
            if (!s.AppliesToAllRules) return s;
            any ??= s;
        }
        return any;
    }

    // Comments as the file reads: the parsers give them so, sorted here only when they are not.
    private static IReadOnlyList<SourceComment> InSourceOrder(IEnumerable<SourceComment> comments)
    {
        var list = comments as IReadOnlyList<SourceComment> ?? comments.ToList();
        for (int i = 1; i < list.Count; i++)
        {
            var (before, after) = (list[i - 1], list[i]);
            if (before.Line > after.Line || before.Line == after.Line && before.Span.Start > after.Span.Start)
                return list.OrderBy(c => c.Line).ThenBy(c => c.Span.Start).ToList();
        }
        return list;
    }

    private static HashSet<int> OwnLines(IReadOnlyList<SourceComment> comments)
    {
        var lines = new HashSet<int>();
        foreach (var comment in comments)
            if (comment.IsOwnLine) lines.Add(comment.Line);
        return lines;
    }

    private static int? NextCodeLine(int commentLine, HashSet<int> ownLineComments, SourceText? text)
    {
        int line = commentLine + 1;
        if (text is null)
        {
            while (ownLineComments.Contains(line)) line++;
            return line;
        }
        int count = text.Lines.Count;
        while (line < count && (ownLineComments.Contains(line) || IsBlank(text, line))) line++;
        return line < count ? line : null;
    }

    private static bool IsBlank(SourceText text, int line)
    {
        var span = text.Lines[line].Span;
        for (int i = span.Start; i < span.End; i++)
        {
            if (!char.IsWhiteSpace(text[i])) return false;
        }
        return true;
    }

    private static int ConstructEnd(int first, SuppressionContext context)
    {
        int last = first;
        if (context.LastLineOfConstruct is { } lastOf)
        {
            try
            {
                last = Math.Max(first, lastOf(first));
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is IndexOutOfRangeException)
            {
                last = first; // the caller could not say; cover the one line
            }
        }
        if (context.Text is { } text) last = Math.Min(last, Math.Max(first, text.Lines.Count - 1));
        return (int)Math.Min((long)first + MaxConstructLines, last);
    }

    // A span inside the comment; clamped to it whatever the caller's text/span agreement.
    private static TextSpan SpanIn(SourceComment comment, int offset, int length)
    {
        // Length 0 means "from the offset to the end of the comment".
        int start = comment.Span.Start + Math.Min(Math.Max(offset, 0), comment.Span.Length);
        int end = length <= 0 ? comment.Span.End : Math.Min(start + length, comment.Span.End);
        return TextSpan.FromBounds(start, end);
    }
}
