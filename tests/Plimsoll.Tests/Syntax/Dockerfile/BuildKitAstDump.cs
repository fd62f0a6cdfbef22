using System.Globalization;
using System.Text;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Tests.Syntax.Dockerfile;

/// <summary>Renders our tree in the notation of BuildKit's <c>Node.Dump()</c>, so conformance results compare as text.</summary>
internal static class BuildKitAstDump
{
    public static string Dump(DockerfileSyntax root)
    {
        var builder = new StringBuilder();
        foreach (var instruction in root.Instructions) builder.Append('(').Append(DumpInstruction(instruction)).Append(")\n");
        return builder.ToString();
    }

    public static string DumpInstruction(InstructionSyntax instruction)
    {
        var builder = new StringBuilder(instruction.Keyword.Value.ToLowerInvariant());
        if (instruction.Flags.Length > 0)
        {
            builder.Append(" [").Append(string.Join(" ", instruction.Flags.Select(f => GoQuote(f.Text)))).Append(']');
        }
        foreach (var argument in instruction.Arguments)
        {
            switch (argument)
            {
                case InstructionSyntax inner:
                    builder.Append(" (").Append(DumpInstruction(inner)).Append(')');
                    break;
                case WordSyntax word:
                    builder.Append(' ').Append(GoQuote(word.Value));
                    break;
                case ShellFormSyntax shell:
                    builder.Append(' ').Append(GoQuote(shell.Command));
                    break;
                case ExecFormSyntax exec:
                    foreach (var value in exec.Values) builder.Append(' ').Append(GoQuote(value));
                    break;
                case KeyValuePairSyntax pair when instruction.Kind == DockerfileSyntaxKind.ArgInstruction:
                    builder.Append(' ').Append(GoQuote(pair.HasValue ? pair.Key + "=" + pair.Value : pair.Key));
                    break;
                case KeyValuePairSyntax pair:
                    builder.Append(' ').Append(GoQuote(pair.Key)).Append(' ').Append(GoQuote(pair.Value ?? ""))
                        .Append(' ').Append(GoQuote(pair.IsLegacyForm ? "" : "="));
                    break;
            }
        }
        return builder.ToString().Trim();
    }

    /// <summary>Go's strconv.Quote.</summary>
    public static string GoQuote(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var rune in s.EnumerateRunes())
        {
            int c = rune.Value;
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7F) builder.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
                    else builder.Append(rune.ToString());
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
