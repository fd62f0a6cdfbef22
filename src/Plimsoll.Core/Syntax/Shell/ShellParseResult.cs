namespace Plimsoll.Syntax.Shell;

/// <summary>The result of <see cref="ShellParser.Parse(string)"/>: always a tree, possibly with errors.</summary>
public sealed class ShellParseResult
{
    internal ShellParseResult(string text, ShellScript script, IReadOnlyList<ShellSyntaxError> diagnostics)
    {
        Text = text;
        Script = script;
        Diagnostics = diagnostics;
    }

    /// <summary>The input that was parsed.</summary>
    public string Text { get; }

    public ShellScript Script { get; }

    /// <summary>How many levels of `sh -c '…'` inside `sh -c '…'` <see cref="DescendantCommandsWithInlineScripts"/> follows by default.</summary>
    public const int MaxInlineDepth = 3;

    /// <summary>Syntax errors, in the order found. Empty when the text parsed cleanly.</summary>
    public IReadOnlyList<ShellSyntaxError> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Count > 0;

    /// <summary>
    /// Every simple command, as <see cref="ShellScript.DescendantCommands"/>, plus those of inline scripts
    /// (`sh -c 'curl … | sh'`, `su -c '…'`) parsed in place, so their spans are offsets into <see cref="Text"/>.
    /// Syntax errors inside inline scripts are ignored: the outer command may not even run them.
    /// </summary>
    /// <remarks>
    /// Computed once per result at the default depth (the tree is immutable): the driver's shell callbacks and every rule
    /// that reads a whole RUN script share one walk, and inline scripts are parsed once.
    /// </remarks>
    public IEnumerable<ShellCommandContext> DescendantCommandsWithInlineScripts(int maxInlineDepth = MaxInlineDepth) =>
        maxInlineDepth == MaxInlineDepth ? CommandsWithInlineScripts : ShellCommandContext.EnumerateWithInlineScripts(Text, Script, maxInlineDepth);

    /// <summary><see cref="DescendantCommandsWithInlineScripts"/> at the default depth, as a list.</summary>
    public IReadOnlyList<ShellCommandContext> CommandsWithInlineScripts =>
        _commandsWithInlineScripts ??= ShellCommandContext.EnumerateWithInlineScripts(Text, Script, MaxInlineDepth);

    private IReadOnlyList<ShellCommandContext>? _commandsWithInlineScripts;
}
