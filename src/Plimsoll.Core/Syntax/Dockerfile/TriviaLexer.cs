using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>Splits the text between two tokens into trivia pieces. Runs only when someone asks.</summary>
internal static class TriviaLexer
{
    public static IReadOnlyList<DockerfileTrivia> Lex(DockerfileSource source, int start, int end)
    {
        if (start >= end) return Array.Empty<DockerfileTrivia>();
        string text = source.Text;
        var pieces = new List<DockerfileTrivia>();
        for (int i = start; i < end;)
        {
            int pieceStart = i;
            var kind = NextPiece(text, ref i, end, source.EscapeCharacter);
            pieces.Add(new DockerfileTrivia(kind, TextSpan.FromBounds(pieceStart, i), text.Substring(pieceStart, i - pieceStart)));
        }
        return pieces;
    }

    /// <summary>The comment pieces only, added to <paramref name="comments"/>: the other pieces are scanned but not materialised.</summary>
    public static void AddComments(DockerfileSource source, int start, int end, List<DockerfileTrivia> comments)
    {
        string text = source.Text;
        for (int i = start; i < end;)
        {
            int pieceStart = i;
            if (NextPiece(text, ref i, end, source.EscapeCharacter) == DockerfileSyntaxKind.CommentTrivia)
                comments.Add(new DockerfileTrivia(DockerfileSyntaxKind.CommentTrivia, TextSpan.FromBounds(pieceStart, i), text.Substring(pieceStart, i - pieceStart)));
        }
    }

    // Advances i past the piece that starts there (always by at least one char) and says what it is.
    private static DockerfileSyntaxKind NextPiece(string text, ref int i, int end, char escape)
    {
        char c = text[i];
        if (c == '\uFEFF' && i == 0)
        {
            i++;
            return DockerfileSyntaxKind.ByteOrderMarkTrivia;
        }
        if (c == '\r' || c == '\n')
        {
            i += c == '\r' && i + 1 < end && text[i + 1] == '\n' ? 2 : 1;
            return DockerfileSyntaxKind.EndOfLineTrivia;
        }
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
        {
            while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\v' || text[i] == '\f')) i++;
            return DockerfileSyntaxKind.WhitespaceTrivia;
        }
        if (c == escape && IsContinuation(text, i + 1, end, out int afterContinuation))
        {
            i = afterContinuation;
            return DockerfileSyntaxKind.LineContinuationTrivia;
        }
        if (c == '#')
        {
            while (i < end && text[i] != '\n' && text[i] != '\r') i++;
            return DockerfileSyntaxKind.CommentTrivia;
        }
        int pieceStart = i;
        while (i < end && !IsTriviaStart(text[i], escape)) i++;
        if (i == pieceStart) i++;
        return DockerfileSyntaxKind.SkippedTextTrivia;
    }

    private static bool IsTriviaStart(char c, char escape)
        => c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '#' || c == escape;

    // The escape character, optional blanks, then a line ending (or the end of the gap).
    private static bool IsContinuation(string text, int i, int end, out int after)
    {
        while (i < end && (text[i] == ' ' || text[i] == '\t')) i++;
        if (i == end) { after = i; return true; }
        if (text[i] == '\n') { after = i + 1; return true; }
        if (text[i] == '\r') { after = i + 1 < end && text[i + 1] == '\n' ? i + 2 : i + 1; return true; }
        after = i;
        return false;
    }
}
