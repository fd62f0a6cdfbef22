using System.Text;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Rules.Shell;

/// <summary>
/// The text a RUN's shell reads, for ShellCheck: the shell-form command followed by the bodies and terminators of its
/// heredocs (so that <c>cat &lt;&lt;EOF &gt; file</c> is a complete script), with the way back from an offset in that text
/// to the Dockerfile. A heredoc body run as the script (<c>RUN &lt;&lt;EOF</c>, <c>RUN bash &lt;&lt;EOF</c>) is its own input.
/// </summary>
internal sealed class RunShellInput
{
    private readonly List<(int TextStart, int Length, Func<int, int, TextSpan> Map)> _segments = new();

    private RunShellInput(string text) => Text = text;

    public string Text { get; private set; }

    /// <summary>The file span of [start, start+length) in <see cref="Text"/>; a span across pieces is cut at its piece's end.</summary>
    public TextSpan MapToSource(int start, int length)
    {
        for (int i = _segments.Count - 1; i >= 0; i--)
        {
            var (textStart, segmentLength, map) = _segments[i];
            if (start < textStart && i > 0) continue;
            int offset = Math.Max(0, start - textStart);
            return map(offset, Math.Max(0, Math.Min(length, segmentLength - offset)));
        }
        return default;
    }

    public static RunShellInput ForScript(RunScript script)
    {
        var input = new RunShellInput(script.Parse.Text);
        input._segments.Add((0, script.Parse.Text.Length, script.MapToSource));
        return input;
    }

    /// <summary>The shell-form command with its heredocs; null when the command only hands heredocs to the shell (<c>RUN &lt;&lt;EOF</c>).</summary>
    public static RunShellInput? ForCommand(RunScript script)
    {
        string command = script.Parse.Text;
        var heredocs = script.Instruction.Heredocs;
        if (heredocs.IsDefaultOrEmpty) return ForScript(script);
        var words = command.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.All(w => w.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').StartsWith("<<", StringComparison.Ordinal))) return null;

        var text = new StringBuilder(command);
        var input = new RunShellInput("");
        input._segments.Add((0, command.Length, script.MapToSource));
        foreach (var heredoc in heredocs)
        {
            text.Append('\n');
            string content = heredoc.Content;
            int bodyStart = heredoc.Body.Span.Start;
            input._segments.Add((text.Length, content.Length, (start, length) => new TextSpan(bodyStart + start, length)));
            text.Append(content);
            if (content.Length > 0 && content[content.Length - 1] != '\n') text.Append('\n');
            int terminatorStart = heredoc.Terminator.Span.Start;
            input._segments.Add((text.Length, heredoc.Name.Length, (start, length) => new TextSpan(terminatorStart + start, length)));
            text.Append(heredoc.Name);
        }
        input.Text = text.ToString();
        return input;
    }
}
