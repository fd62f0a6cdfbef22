using System.Collections.Immutable;
using System.Text;

namespace Plimsoll.Syntax.Shell;

/// <summary>
/// Parses POSIX sh (with the bash extensions common in Dockerfiles: `[[ ]]`, `$'..'`, `&lt;(..)`,
/// `&amp;&gt;`, arrays, `function`) into a <see cref="ShellScript"/>. Never throws; syntax errors are
/// returned as <see cref="ShellSyntaxError"/>s next to a best-effort tree.
/// </summary>
public static class ShellParser
{
    public static ShellParseResult Parse(string text) => Parse(text, 0, text?.Length ?? 0);

    /// <summary>Parses <paramref name="text"/> as <paramref name="dialect"/>.</summary>
    public static ShellParseResult Parse(string text, ShellDialect dialect) => Parse(text, 0, text?.Length ?? 0, dialect);

    /// <summary>
    /// Parses <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/>; offsets stay
    /// relative to <paramref name="text"/>. Without a <paramref name="dialect"/>, bash's syntax is accepted.
    /// </summary>
    public static ShellParseResult Parse(string text, int start, int length, ShellDialect dialect = ShellDialect.Bash)
    {
        text ??= string.Empty;
        if (start < 0) start = 0;
        if (start > text.Length) start = text.Length;
        if (length < 0) length = 0;
        if (length > text.Length - start) length = text.Length - start;

        var errors = new List<ShellSyntaxError>();
        var budget = new ShellParserBudget(20L * length + 1000);
        var builders = ShellParserCore.Builders.Rent();
        var parser = new ShellParserCore(text, start, start + length, null, errors, 0, budget, builders) { Dialect = dialect };
        // Parents are set by each node's constructor, as the tree is built bottom-up.
        var script = parser.ParseTopLevel();
        ShellParserCore.Builders.Return(builders);
        return new ShellParseResult(text, script, errors);
    }
}

/// <summary>A step counter shared by a parser and its nested backtick parsers: a hard bound on work.</summary>
internal sealed class ShellParserBudget
{
    public ShellParserBudget(long steps) => Steps = steps;
    public long Steps;
}
