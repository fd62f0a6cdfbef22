using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;
using Plimsoll.Workspace.FileSystems;

namespace Plimsoll.Analysis;

/// <summary>What every callback gets: the file, the options in force for it, and a way to report.</summary>
public abstract class FileAnalysisContext
{
    private readonly FindingSink _sink;

    private protected FileAnalysisContext(string path, SourceText text, IRuleOptions options, FindingSink sink)
    {
        Path = path;
        Text = text;
        Options = options;
        _sink = sink;
    }

    public string Path { get; }
    public SourceText Text { get; }
    public IRuleOptions Options { get; }

    /// <summary>
    /// Every other file a rule may look at (a secret's <c>file:</c>, for example): the host's view, which may be
    /// the disk overlaid with unsaved editor buffers. Rules never touch the disk themselves.
    /// </summary>
    public IFileSystem FileSystem => _sink.FileSystem;

    /// <summary>Set when the host no longer wants this result (the document changed): a long rule should stop early.</summary>
    public CancellationToken CancellationToken => _sink.CancellationToken;

    /// <summary>Reports <paramref name="rule"/> at <paramref name="span"/> of this file.</summary>
    public void Report(RuleDescriptor rule, TextSpan span, params object?[] messageArgs)
        => _sink.Add(rule, PlimsollDiagnostic.Create(rule.Descriptor, Path, Text, span, messageArgs), null);

    /// <summary>Reports <paramref name="rule"/> at <paramref name="location"/>, which may be in another file (a compose project's).</summary>
    public void Report(RuleDescriptor rule, Location location, params object?[] messageArgs)
        => _sink.Add(rule, Diagnostic.Create(rule.Descriptor, location, messageArgs), null);

    /// <summary>Reports with a fix (text changes in this file).</summary>
    public void Report(RuleDescriptor rule, TextSpan span, CodeFix fix, params object?[] messageArgs)
        => _sink.Add(rule, PlimsollDiagnostic.Create(rule.Descriptor, Path, Text, span, messageArgs), fix);

    /// <summary>Reports <paramref name="message"/> of its rule at <paramref name="span"/>, the values in the order of the message's holes.</summary>
    public void Report(RuleMessage message, TextSpan span, params object?[] values)
        => _sink.Add(message.Rule, PlimsollDiagnostic.Create(message.Descriptor, Path, Text, span, CheckValues(message, values)), null);

    /// <summary>Reports a message with a fix; the fix's applicability is the one the rule declares unless the fix says otherwise.</summary>
    public void Report(RuleMessage message, TextSpan span, CodeFix? fix, params object?[] values)
        => _sink.Add(message.Rule, PlimsollDiagnostic.Create(message.Descriptor, Path, Text, span, CheckValues(message, values)),
            fix is { Applicability: null } ? fix with { Applicability = message.Rule.Fix } : fix);

    /// <summary>
    /// Reports <paramref name="message"/> at <paramref name="span"/> with its own severity and diagnostic properties; a
    /// <see cref="SubRules.PropertyKey"/> property lets its code be configured and suppressed on its own.
    /// </summary>
    public void Report(RuleMessage message, TextSpan span, DiagnosticSeverity severity, ImmutableDictionary<string, string?> properties, params object?[] values)
        => Report(message, PlimsollDiagnostic.CreateLocation(Path, Text, span), severity, properties, values);

    /// <summary>The same at <paramref name="location"/>, which may be in another file (a compose project's).</summary>
    public void Report(RuleMessage message, Location location, DiagnosticSeverity severity, ImmutableDictionary<string, string?> properties, params object?[] values)
        => _sink.Add(message.Rule, Diagnostic.Create(message.Descriptor, location, severity, null, properties, CheckValues(message, values)), null);

    /// <summary>The host's shell-script checker (ShellCheck), or null when the host provides none.</summary>
    public ShellChecking.IShellScriptChecker? ShellScriptChecker => _sink.ShellScriptChecker;

    /// <summary>Tells the user something about the run of this file that is not a finding (an external checker that failed).</summary>
    public void Notify(string message, ToolNotificationLevel level) => _sink.AddNotification(new ToolNotification(Path, message, level));

    /// <summary>Reports <paramref name="message"/> at <paramref name="location"/>, which may be in another file (a compose project's); a fix edits that file.</summary>
    public void Report(RuleMessage message, Location location, CodeFix? fix, params object?[] values)
        => _sink.Add(message.Rule, Diagnostic.Create(message.Descriptor, location, CheckValues(message, values)),
            fix is { Applicability: null } ? fix with { Applicability = message.Rule.Fix } : fix);

    /// <summary>
    /// Reports a finding that corresponds to only some of the peer rules its rule declares (<see cref="PeerAttribution"/>):
    /// PL2003 on SYS_PTRACE is compose-lint's CL-0027, not its CL-0024.
    /// </summary>
    public void Report(RuleMessage message, Location location, CodeFix? fix, PeerAttribution peers, params object?[] values)
    {
        if (peers == null) throw new ArgumentNullException(nameof(peers));
        peers.CheckDeclaredBy(message.Rule);
        var properties = peers.AddTo(ImmutableDictionary<string, string?>.Empty);
        _sink.Add(message.Rule, Diagnostic.Create(message.Descriptor, location, properties, CheckValues(message, values)),
            fix is { Applicability: null } ? fix with { Applicability = message.Rule.Fix } : fix);
    }

    private static object?[] CheckValues(RuleMessage message, object?[] values)
    {
        if (values.Length != message.Holes.Length)
            throw new ArgumentException($"{message.Rule.Id} message '{message.Id}' has {message.Holes.Length} holes but was given {values.Length} values");
        return values;
    }
}

/// <summary>Collects what rules report during one file's analysis; carries the run's file system and cancellation to every context.</summary>
internal sealed class FindingSink
{
    public FindingSink(IFileSystem fileSystem, CancellationToken cancellationToken, ShellChecking.IShellScriptChecker? shellScriptChecker = null)
    {
        FileSystem = fileSystem;
        CancellationToken = cancellationToken;
        ShellScriptChecker = shellScriptChecker;
    }

    public ShellChecking.IShellScriptChecker? ShellScriptChecker { get; }

    public List<ToolNotification> Notifications { get; } = new();

    public void AddNotification(ToolNotification notification)
    {
        lock (Notifications) Notifications.Add(notification);
    }

    public IFileSystem FileSystem { get; }
    public CancellationToken CancellationToken { get; }

    public List<(RuleDescriptor Rule, Diagnostic Diagnostic, CodeFix? Fix)> Items { get; } = new();

    public void Add(RuleDescriptor rule, Diagnostic diagnostic, CodeFix? fix)
    {
        lock (Items) Items.Add((rule, diagnostic, fix));
    }

    /// <summary>Removes the fixes of the items from <paramref name="index"/> on that <paramref name="keep"/> rejects (the findings stay).</summary>
    public void DropFixesFrom(int index, Func<CodeFix, bool> keep)
    {
        lock (Items)
            for (int i = index; i < Items.Count; i++)
                if (Items[i].Fix is { } fix && !keep(fix)) Items[i] = (Items[i].Rule, Items[i].Diagnostic, null);
    }
}

public class DockerfileAnalysisContext : FileAnalysisContext
{
    internal DockerfileAnalysisContext(DockerfileSemanticModel model, IRuleOptions options, FindingSink sink)
        : base(model.Tree.Path, model.Tree.Text, options, sink) => Model = model;

    public DockerfileSemanticModel Model { get; }
    public DockerfileSyntaxTree Tree => Model.Tree;

    /// <summary>The scripts <paramref name="run"/> gives a POSIX shell: its shell form, and heredoc bodies run as scripts.</summary>
    public IEnumerable<RunScript> GetRunScripts(RunInstructionSyntax run) => RunScripts.For(Model, run);
}

public sealed class StageAnalysisContext : DockerfileAnalysisContext
{
    internal StageAnalysisContext(DockerfileSemanticModel model, BuildStage stage, IRuleOptions options, FindingSink sink)
        : base(model, options, sink) => Stage = stage;

    public BuildStage Stage { get; }
}

public sealed class InstructionAnalysisContext : DockerfileAnalysisContext
{
    internal InstructionAnalysisContext(DockerfileSemanticModel model, InstructionSyntax instruction, IRuleOptions options, FindingSink sink)
        : base(model, options, sink) => Instruction = instruction;

    public InstructionSyntax Instruction { get; }
    public BuildStage? Stage => Model.GetStage(Instruction);
}

/// <summary>
/// One simple command of a RUN script. Spans of shell nodes are offsets into <see cref="Script"/>'s text;
/// <see cref="MapToSource"/> turns them into file spans (through continuations and escapes).
/// </summary>
public sealed class ShellCommandAnalysisContext : DockerfileAnalysisContext
{
    private readonly RunScript _script;

    internal ShellCommandAnalysisContext(DockerfileSemanticModel model, RunScript script, ShellCommandContext command, IRuleOptions options, FindingSink sink)
        : base(model, options, sink)
    {
        _script = script;
        Command = command;
    }

    public RunInstructionSyntax Instruction => _script.Instruction;
    public ShellParseResult Script => _script.Parse;
    public ShellCommandContext Command { get; }

    /// <summary>The command name and arguments with wrappers such as <c>sudo</c> or <c>env</c> looked through.</summary>
    public ShellResolvedCommand? Resolved => Command.SimpleCommand?.ResolvedCommand;

    /// <summary>The file span of [start, start+length) in the script text.</summary>
    public TextSpan MapToSource(int start, int length) => _script.MapToSource(start, length);

    public TextSpan MapToSource(ShellNode node) => _script.MapToSource(node.Start, node.Length);
}

/// <summary>A RUN's script text (the shell form, a heredoc body run as the script, or an exec form: see <see cref="ExecFormScripts"/>), parsed once.</summary>
public sealed class RunScript
{
    private readonly Func<int, int, TextSpan> _map;

    internal RunScript(RunInstructionSyntax instruction, ShellParseResult parse, string shell, Func<int, int, TextSpan> map, HeredocSyntax? heredoc = null)
    {
        Instruction = instruction;
        Parse = parse;
        Shell = shell;
        _map = map;
        Heredoc = heredoc;
    }

    /// <summary>The heredoc whose body is this script; null for the shell-form command.</summary>
    public HeredocSyntax? Heredoc { get; }

    /// <summary>The exec form this script was read from (see <see cref="ExecFormScripts"/>); null for shell form and heredocs.</summary>
    public ExecFormSyntax? ExecForm { get; internal init; }

    /// <summary>For an exec form's <c>sh -c</c> string, the source between its quotes (where a fix may edit).</summary>
    internal TextSpan? EditableSpan { get; init; }

    public RunInstructionSyntax Instruction { get; }
    public ShellParseResult Parse { get; }

    /// <summary>The name of the shell program that runs the script (<c>sh</c>, <c>bash</c>, <c>ash</c>, …), without its directory.</summary>
    public string Shell { get; }

    /// <summary>The file span of [start, start+length) in the script text (through continuations and escapes).</summary>
    public TextSpan MapToSource(int start, int length) => _map(start, length);
}
