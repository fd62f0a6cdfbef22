using Microsoft.CodeAnalysis.Text;

namespace Plimsoll.Syntax.Dockerfile;

/// <summary>Splits the text between two tokens into trivia pieces. Runs only when someone asks.</summary>
internal static class TriviaLexer
{
    public static IReadOnlyList<DockerfileTrivia> Lex(DockerfileSource source, int start, int end)
    {
        if (start >= end) return Array.Empty<DockerfileTrivia>();
        string text = source.Text;
        char escape = source.EscapeCharacter;
        var pieces = new List<DockerfileTrivia>();
        int i = start;
        while (i < end)
        {
            int pieceStart = i;
            DockerfileSyntaxKind kind;
            char c = text[i];
            if (c == '\uFEFF' && i == 0)
            {
                i++;
                kind = DockerfileSyntaxKind.ByteOrderMarkTrivia;
            }
            else if (c == '\r' || c == '\n')
            {
                i += c == '\r' && i + 1 < end && text[i + 1] == '\n' ? 2 : 1;
                kind = DockerfileSyntaxKind.EndOfLineTrivia;
            }
            else if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
            {
                while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\v' || text[i] == '\f')) i++;
                kind = DockerfileSyntaxKind.WhitespaceTrivia;
            }
            else if (c == escape && IsContinuation(text, i + 1, end, out int afterContinuation))
            {
                i = afterContinuation;
                kind = DockerfileSyntaxKind.LineContinuationTrivia;
            }
            else if (c == '#')
            {
                while (i < end && text[i] != '\n' && text[i] != '\r') i++;
                kind = DockerfileSyntaxKind.CommentTrivia;
            }
            else
            {
                while (i < end && !IsTriviaStart(text[i], escape)) i++;
                if (i == pieceStart) i++;
                kind = DockerfileSyntaxKind.SkippedTextTrivia;
            }
            pieces.Add(new DockerfileTrivia(kind, TextSpan.FromBounds(pieceStart, i), text.Substring(pieceStart, i - pieceStart)));
        }
        return pieces;
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
