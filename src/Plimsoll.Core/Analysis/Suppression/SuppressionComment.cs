namespace Plimsoll.Analysis.Suppression;

/// <summary>A suppression comment as written, before its rules are checked and its lines resolved.</summary>
internal sealed class SuppressionComment
{
    public SuppressionComment(SuppressionSyntax syntax, SuppressionScope scope, string justification)
    {
        Syntax = syntax;
        Scope = scope;
        Justification = justification;
    }

    public SuppressionSyntax Syntax { get; }
    public SuppressionScope Scope { get; }
    public string Justification { get; }

    /// <summary>The ids as written, with their offset in the comment text.</summary>
    public List<(string Id, int Offset)> Ids { get; } = new();

    /// <summary>
    /// Parses one comment. Null when the comment is not a suppression at all; otherwise the parsed form
    /// and, through <paramref name="error"/>, a problem with the directive itself (offset, message, kind).
    /// Grammar, keywords case-insensitive:
    /// <code>
    /// # plimsoll disable-next-line ID[, ID…] [-- reason]
    /// # plimsoll disable-line      ID[, ID…] [-- reason]
    /// # plimsoll disable           ID[, ID…] [-- reason]
    /// # hadolint [global] ignore=ID[,ID…] [# reason | -- reason]
    /// </code>
    /// IDs may be separated by commas and/or blanks; <c>all</c> stands for every rule. The first
    /// <c>--</c> starts the reason, which may itself contain <c>--</c>.
    /// </summary>
    public static SuppressionComment? Parse(string text, out (int Offset, string Message, SuppressionProblemKind Kind)? error)
    {
        error = null;
        int i = 0;
        int end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1])) end--; // CR, trailing blanks
        SkipBlanks(text, ref i, end);
        if (i >= end || text[i] != '#') return null;
        while (i < end && text[i] == '#') i++;
        SkipBlanks(text, ref i, end);

        int wordStart = i;
        SkipWord(text, ref i, end);
        // Compared in place: most comments are prose, not worth a string for their first word.
        if (WordIs(text, wordStart, i, "plimsoll"))
        {
            return ParsePlimsoll(text, i, end, out error);
        }
        if (WordIs(text, wordStart, i, "hadolint") && i > wordStart)
        {
            return ParseHadolint(text, i, end, out error);
        }
        return null;
    }

    private static SuppressionComment? ParsePlimsoll(string text, int i, int end, out (int, string, SuppressionProblemKind)? error)
    {
        error = null;
        if (i >= end || !IsBlank(text[i])) return null; // "# plimsoll:" or "# plimsolls" are prose
        SkipBlanks(text, ref i, end);
        int directiveStart = i;
        string directive = ReadWord(text, ref i, end);
        SuppressionScope scope;
        switch (directive.ToLowerInvariant())
        {
            case "disable-next-line": scope = SuppressionScope.NextLine; break;
            case "disable-line": scope = SuppressionScope.Line; break;
            case "disable": scope = SuppressionScope.File; break;
            default:
                if (directive.StartsWith("disable", StringComparison.OrdinalIgnoreCase) || directive.StartsWith("enable", StringComparison.OrdinalIgnoreCase))
                {
                    error = (directiveStart, $"unknown suppression directive '{directive}': expected disable, disable-line or disable-next-line", SuppressionProblemKind.UnknownDirective);
                }
                return null; // prose such as "# Plimsoll is run in CI"
        }
        int reasonAt = text.IndexOf("--", i, end - i, StringComparison.Ordinal);
        int idsEnd = reasonAt < 0 ? end : reasonAt;
        string justification = reasonAt < 0 ? "" : text.Substring(reasonAt + 2, end - reasonAt - 2).Trim();
        var comment = new SuppressionComment(SuppressionSyntax.Plimsoll, scope, justification);
        comment.ReadIds(text, i, idsEnd);
        if (comment.Ids.Count == 0)
        {
            error = (directiveStart, $"'{directive}' names no rule; list rule ids or write 'all'", SuppressionProblemKind.MissingRuleIds);
        }
        return comment;
    }

    private static SuppressionComment? ParseHadolint(string text, int i, int end, out (int, string, SuppressionProblemKind)? error)
    {
        error = null;
        SkipBlanks(text, ref i, end);
        int save = i;
        string word = ReadWord(text, ref i, end, stopAt: '=');
        var scope = SuppressionScope.NextLine;
        if (word.Equals("global", StringComparison.OrdinalIgnoreCase))
        {
            scope = SuppressionScope.File;
            SkipBlanks(text, ref i, end);
            save = i;
            word = ReadWord(text, ref i, end, stopAt: '=');
        }
        if (!word.Equals("ignore", StringComparison.OrdinalIgnoreCase)) return null; // "# hadolint shell=bash" etc.
        SkipBlanks(text, ref i, end);
        if (i >= end || text[i] != '=')
        {
            error = (save, "expected '=' after 'ignore' (hadolint's syntax is 'ignore=DL3006,DL3008')", SuppressionProblemKind.MissingRuleIds);
            return null;
        }
        i++;
        // hadolint allows a trailing "# comment"; we read it (or "-- reason") as the justification.
        int hash = text.IndexOf('#', i, end - i);
        int dashes = text.IndexOf("--", i, end - i, StringComparison.Ordinal);
        int reasonAt = hash < 0 ? dashes : dashes < 0 ? hash : Math.Min(hash, dashes);
        int idsEnd = reasonAt < 0 ? end : reasonAt;
        string justification = "";
        if (reasonAt >= 0)
        {
            int skip = text[reasonAt] == '#' ? 1 : 2;
            justification = text.Substring(reasonAt + skip, end - reasonAt - skip).Trim();
        }
        var comment = new SuppressionComment(SuppressionSyntax.Hadolint, scope, justification);
        comment.ReadIds(text, i, idsEnd);
        if (comment.Ids.Count == 0)
        {
            error = (save, "'ignore=' names no rule", SuppressionProblemKind.MissingRuleIds);
        }
        return comment;
    }

    private void ReadIds(string text, int start, int end)
    {
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (c == ',' || IsBlank(c))
            {
                i++;
                continue;
            }
            int idStart = i;
            while (i < end && text[i] != ',' && !IsBlank(text[i])) i++;
            Ids.Add((text.Substring(idStart, i - idStart), idStart));
        }
    }

    private static string ReadWord(string text, ref int i, int end, char stopAt = '\0')
    {
        int start = i;
        SkipWord(text, ref i, end, stopAt);
        return text.Substring(start, i - start);
    }

    private static void SkipWord(string text, ref int i, int end, char stopAt = '\0')
    {
        while (i < end && !IsBlank(text[i]) && text[i] != stopAt) i++;
    }

    private static bool WordIs(string text, int start, int end, string word)
        => end - start == word.Length && string.Compare(text, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static void SkipBlanks(string text, ref int i, int end)
    {
        while (i < end && IsBlank(text[i])) i++;
    }

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
