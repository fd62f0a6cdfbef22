using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Diagnostics;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Semantics.Dockerfile;

/// <summary>
/// What a Dockerfile means beyond its syntax: build stages and how they chain, global and stage ARGs,
/// ENV, SHELL, the effective USER of each stage, and image references resolved through ARG defaults.
/// Built once per file; rules only read it.
/// </summary>
public sealed class DockerfileSemanticModel
{
    public static readonly ImmutableArray<string> DefaultShell = ImmutableArray.Create("/bin/sh", "-c");

    /// <summary>The longest ARG or ENV value (or other word) resolved; longer ones are unknown. Real values are far shorter.</summary>
    public const int MaxExpandedLength = 64 * 1024;

    /// <summary>
    /// The characters all resolutions of one file may produce together: scopes are rebuilt for each instruction that
    /// asks, so many large values could otherwise still add up to gigabytes. Beyond it, values are unknown.
    /// </summary>
    public const long MaxTotalExpansion = 16L * 1024 * 1024;

    private readonly Dictionary<InstructionSyntax, BuildStage> _stageOf;
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly HashSet<int> _limitReportedAt = new();
    private long _expanded;
    private bool _totalReported;

    private DockerfileSemanticModel(DockerfileSyntaxTree tree)
    {
        Tree = tree;
        _stageOf = new Dictionary<InstructionSyntax, BuildStage>(tree.Root.Instructions.Length);
    }

    public DockerfileSyntaxTree Tree { get; }

    /// <summary>ARGs before the first FROM: the only variables a FROM line can use.</summary>
    public ImmutableArray<KeyValuePairSyntax> GlobalArgs { get; private set; } = ImmutableArray<KeyValuePairSyntax>.Empty;

    public ImmutableArray<BuildStage> Stages { get; private set; } = ImmutableArray<BuildStage>.Empty;

    /// <summary>The stage <c>docker build</c> produces without <c>--target</c>: the last one.</summary>
    public BuildStage? FinalStage => Stages.IsEmpty ? null : Stages[Stages.Length - 1];

    /// <summary>
    /// PL9003 notes for words whose expansion was abandoned (too long, or too much expansion in the file): their values
    /// are unknown to every rule. Grows as rules resolve words, so read it after they ran.
    /// </summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public BuildStage? GetStage(InstructionSyntax instruction)
    {
        while (instruction.Parent is InstructionSyntax outer) instruction = outer; // ONBUILD triggers belong to their stage
        return _stageOf.TryGetValue(instruction, out var stage) ? stage : null;
    }

    /// <summary>A stage by name (case-insensitive, as BuildKit compares) or by index.</summary>
    public BuildStage? FindStage(string nameOrIndex)
        => FindStageNamed(nameOrIndex)
            ?? (int.TryParse(nameOrIndex, out int index) && index >= 0 && index < Stages.Length ? Stages[index] : null);

    /// <summary>The first stage named <paramref name="name"/> (case-insensitive, as BuildKit compares); null when none is.</summary>
    public BuildStage? FindStageNamed(string name) => name != null && _firstStageNamed.TryGetValue(name, out var stage) ? stage : null;

    // Looked up for every COPY --from and FROM: a table, not a search, so that a file of many stages stays linear.
    private readonly Dictionary<string, BuildStage> _firstStageNamed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Resolves the variables of <paramref name="word"/> with the ARGs and ENVs in force just before <paramref name="at"/>.</summary>
    public ResolvedWord Resolve(InstructionSyntax at, string word)
    {
        // A word without a variable is itself whatever is in force: no scope is built for it (most words asked for).
        if (word.IndexOf('$') < 0) return new ResolvedWord(word, Unquote(word));
        var stage = GetStage(at);
        var scope = stage == null ? GlobalScope() : ScopeBefore(stage, at);
        return ResolveIn(scope, word, at.Span);
    }

    /// <summary>The SHELL in force for an instruction: the default, or the last SHELL before it in its stage.</summary>
    public ImmutableArray<string> GetShell(InstructionSyntax at)
    {
        var stage = GetStage(at);
        if (stage == null) return DefaultShell;
        var shell = InheritedShell(stage);
        if (!stage.SetsShell) return shell; // asked for every RUN: nothing to look up in the common case
        // The last SHELL before the instruction (an ONBUILD trigger runs in a later build: after all of them), found
        // by a search over the stage's SHELLs, not a walk through the stage (asked for every RUN).
        var changes = stage.ShellChanges;
        if (at.Parent is InstructionSyntax) return changes[changes.Length - 1].Shell;
        int low = 0, high = changes.Length - 1, found = -1;
        while (low <= high)
        {
            int middle = (low + high) >> 1;
            if (changes[middle].Position < at.Span.Start) { found = middle; low = middle + 1; }
            else high = middle - 1;
        }
        return found >= 0 ? changes[found].Shell : shell;
    }

    /// <summary>
    /// True when RUN commands at <paramref name="at"/> go to a POSIX shell: the default <c>/bin/sh -c</c> (unless the
    /// stage is built on a Windows image, where the default is <c>cmd</c>), or a SHELL of sh, bash, …; false for
    /// PowerShell and cmd. The <c># escape=</c> directive does not matter: it changes how the Dockerfile continues
    /// lines, not the shell the command runs in.
    /// </summary>
    public bool UsesPosixShell(InstructionSyntax at)
    {
        var shell = GetShell(at);
        if (shell == DefaultShell) return !IsWindowsStage(GetStage(at)); // most files never change SHELL
        if (shell.IsEmpty) return false;
        return Syntax.Shell.ShellDialects.IsPosixShell(shell[0]);
    }

    // Windows base images name themselves so (mcr.microsoft.com/windows/servercore, …:ltsc2022-nanoserver, …).
    private static bool IsWindowsStage(BuildStage? stage)
    {
        if (stage == null) return false;
        return stage.IsWindowsImage ??= FindWindowsImage(stage);
    }

    private static bool FindWindowsImage(BuildStage? stage)
    {
        for (int guard = 0; stage != null && guard < 1000; guard++, stage = stage.ParentStage)
        {
            if (stage.ParentStage != null && stage.ParentStage.Index < stage.Index) continue;
            string? image = stage.BaseName.Value;
            if (image == null) return false;
            return image.IndexOf("windows", StringComparison.OrdinalIgnoreCase) >= 0
                || image.IndexOf("nanoserver", StringComparison.OrdinalIgnoreCase) >= 0
                || image.IndexOf("servercore", StringComparison.OrdinalIgnoreCase) >= 0;
        }
        return false;
    }

    public static DockerfileSemanticModel Create(DockerfileSyntaxTree tree)
    {
        var model = new DockerfileSemanticModel(tree);
        model.Build();
        return model;
    }

    private void Build()
    {
        var globalArgs = ImmutableArray.CreateBuilder<KeyValuePairSyntax>();
        var stages = new List<BuildStage>();
        var instructions = Tree.Root.Instructions;
        BuildStage? stage = null;
        int stageStart = 0;

        // A stage's instructions are a run of the file's: each is cut out once, at its end.
        for (int i = 0; i < instructions.Length; i++)
        {
            var instruction = instructions[i];
            if (instruction is FromInstructionSyntax from)
            {
                if (stage != null) stage.Instructions = ImmutableArray.Create(instructions, stageStart, i - stageStart);
                stageStart = i;
                stage = new BuildStage(stages.Count, from);
                stages.Add(stage);
            }
            if (stage == null)
            {
                if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.ArgInstruction } arg) globalArgs.AddRange(arg.Pairs);
                continue;
            }
            _stageOf[instruction] = stage;
        }
        if (stage != null) stage.Instructions = ImmutableArray.Create(instructions, stageStart, instructions.Length - stageStart);

        GlobalArgs = globalArgs.ToImmutable();
        Stages = stages.ToImmutableArray();

        var globalScope = GlobalScope();
        // Stage names seen so far, each with its latest stage: a FROM names an earlier stage, never a later one.
        var earlierNamed = new Dictionary<string, BuildStage>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in Stages)
        {
            ResolveBase(s, globalScope, earlierNamed);
            if (s.Name == null) continue;
            earlierNamed[s.Name] = s;
            if (!_firstStageNamed.ContainsKey(s.Name)) _firstStageNamed[s.Name] = s;
        }

        foreach (var s in Stages)
        {
            UserSetting? user = s.ParentStage?.EffectiveUser;
            foreach (var instruction in s.Instructions)
            {
                if (instruction.Kind == DockerfileSyntaxKind.WorkdirInstruction) s.FirstWorkdir ??= instruction;
                if (instruction is SimpleInstructionSyntax { Kind: DockerfileSyntaxKind.UserInstruction } userInstruction && userInstruction.Value != null)
                {
                    var value = Resolve(userInstruction, userInstruction.Value);
                    user = new UserSetting(value.Value ?? userInstruction.Value, userInstruction, s);
                }
            }
            s.EffectiveUser = user;
            s.FinalShell = GetShellAtEnd(s);
        }
    }

    // What a stage's FROM names: an earlier stage (whose name wins over an image of the same name, as in BuildKit),
    // scratch, or an image.
    private void ResolveBase(BuildStage stage, Dictionary<string, string?> globalScope, Dictionary<string, BuildStage> earlierNamed)
    {
        var imageWord = stage.From.Image;
        if (imageWord == null) return;
        var resolved = ResolveIn(globalScope, imageWord.Value, stage.From.Span);
        stage.BaseName = resolved;
        if (!resolved.IsKnown) return;
        string name = resolved.Value!;
        if (earlierNamed.TryGetValue(name, out var parent)) stage.ParentStage = parent;
        else if (name.Equals("scratch", StringComparison.OrdinalIgnoreCase)) stage.IsScratch = true;
        else stage.BaseImage = ImageReference.TryParse(name);
    }

    private ImmutableArray<string> GetShellAtEnd(BuildStage stage)
    {
        var changes = ImmutableArray.CreateBuilder<(int, ImmutableArray<string>)>();
        foreach (var instruction in stage.Instructions)
        {
            if (instruction.Kind == DockerfileSyntaxKind.ShellInstruction && instruction is CommandInstructionSyntax { ExecForm: { } exec })
                changes.Add((instruction.Span.Start, exec.Values.ToImmutableArray()));
        }
        stage.ShellChanges = changes.ToImmutable();
        return stage.SetsShell ? stage.ShellChanges[stage.ShellChanges.Length - 1].Shell : InheritedShell(stage);
    }

    private static ImmutableArray<string> InheritedShell(BuildStage stage)
        => stage.ParentStage != null && stage.ParentStage.Index < stage.Index ? stage.ParentStage.FinalShell : DefaultShell;

    private Dictionary<string, string?>? _globalScope;

    // Global ARGs never change after Build: computed once (callers copy before adding stage variables).
    private Dictionary<string, string?> GlobalScope() => _globalScope ??= ComputeGlobalScope();

    private Dictionary<string, string?> ComputeGlobalScope()
    {
        var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var arg in GlobalArgs)
        {
            var value = arg.Value == null ? null : ResolveIn(scope, Unquote(arg.Value), arg.Span).Value;
            scope[arg.Key] = value;
        }
        return scope;
    }

    // Scopes already built, by instruction, with what building them cost against the expansion budget (several rules
    // resolve words of one instruction). See ScopeBefore.
    private readonly Dictionary<InstructionSyntax, (Dictionary<string, string?> Scope, long Cost)> _scopes = new();

    /// <summary>
    /// The ARGs and ENVs in force just before <paramref name="at"/>. A scope built before is reused when building it again
    /// would give the same values, that is when the whole expansion budget it costs is still there; the budget is charged
    /// as a rebuild would charge it, so every rule sees the values and limit notes it would see without the reuse.
    /// </summary>
    private Dictionary<string, string?> ScopeBefore(BuildStage stage, InstructionSyntax at)
    {
        if (_scopes.TryGetValue(at, out var known) && _expanded + known.Cost <= MaxTotalExpansion)
        {
            _expanded += known.Cost;
            return known.Scope;
        }
        long before = _expanded;
        var scope = BuildScopeBefore(stage, at);
        // Only a scope built wholly within the budget is kept: its values do not depend on where the budget stood.
        if (_expanded <= MaxTotalExpansion) _scopes[at] = (scope, _expanded - before);
        return scope;
    }

    private Dictionary<string, string?> BuildScopeBefore(BuildStage stage, InstructionSyntax at)
    {
        var globals = GlobalScope();
        var scope = new Dictionary<string, string?>(StringComparer.Ordinal);
        // ENV is inherited from a parent stage; ARGs are not (they must be declared again).
        if (stage.ParentStage != null && stage.ParentStage.Index < stage.Index)
            foreach (var instruction in stage.ParentStage.Instructions)
                if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.EnvInstruction } env)
                    foreach (var pair in env.Pairs) scope[pair.Key] = pair.Value == null ? null : ResolveIn(scope, Unquote(pair.Value), pair.Span).Value;

        foreach (var instruction in stage.Instructions)
        {
            if (instruction == at) break;
            if (instruction is not KeyValueInstructionSyntax kv) continue;
            if (kv.Kind == DockerfileSyntaxKind.ArgInstruction)
            {
                foreach (var pair in kv.Pairs)
                {
                    // `ARG X` in a stage takes the global default of X, if any.
                    string? value = pair.Value != null ? ResolveIn(scope, Unquote(pair.Value), pair.Span).Value
                        : globals.TryGetValue(pair.Key, out var global) ? global : null;
                    if (!scope.ContainsKey(pair.Key) || pair.Value != null || value != null) scope[pair.Key] = value;
                }
            }
            else if (kv.Kind == DockerfileSyntaxKind.EnvInstruction)
            {
                foreach (var pair in kv.Pairs)
                    scope[pair.Key] = pair.Value == null ? null : ResolveIn(scope, Unquote(pair.Value), pair.Span).Value;
            }
        }
        return scope;
    }

    private ResolvedWord ResolveIn(Dictionary<string, string?> scope, string word, TextSpan where)
    {
        if (word.IndexOf('$') < 0) return new ResolvedWord(word, Unquote(word));
        if (!AllReferencesKnown(scope, word)) return new ResolvedWord(word, null);
        if (_expanded > MaxTotalExpansion)
        {
            if (!_totalReported)
            {
                _totalReported = true;
                ReportLimit(where, $"Variable expansion in this file exceeds {MaxTotalExpansion:N0} characters in all: from here on, values that use ARG or ENV variables are unknown and not analysed.");
            }
            return new ResolvedWord(word, null);
        }
        var lexer = new WordLexer(Tree.EscapeCharacter) { MaxLength = MaxExpandedLength };
        var expansion = lexer.ProcessWord(word, name => scope.TryGetValue(name, out var v) ? v : null);
        if (expansion.LimitExceeded)
            ReportLimit(where, expansion.Result == null && expansion.Error?.EndsWith("nested too deeply", StringComparison.Ordinal) == true
                ? "Variable substitutions here are nested more than 128 levels deep: the value is treated as unknown and not analysed."
                : $"This value expands to more than {MaxExpandedLength:N0} characters: it is treated as unknown and not analysed.");
        _expanded += expansion.LimitExceeded ? MaxExpandedLength : expansion.Result?.Length ?? 0;
        return new ResolvedWord(word, expansion.Succeeded ? expansion.Result : null);
    }

    private void ReportLimit(TextSpan where, string message)
    {
        // Scopes are rebuilt per instruction: the same ARG is resolved many times but reported once.
        if (_limitReportedAt.Add(where.Start))
            _diagnostics.Add(PlimsollDiagnostic.Create(SyntaxDiagnostics.NotAnalysed, Tree.Path, Tree.Text, where, message));
    }

    /// <summary>
    /// A word is known when every variable it reads has a value, or is read through a default (<c>:-</c>, <c>-</c>)
    /// or alternate (<c>:+</c>, <c>+</c>) form. Operands that are not evaluated do not count.
    /// </summary>
    private bool AllReferencesKnown(Dictionary<string, string?> scope, string word)
    {
        var references = VariableReferenceScanner.Scan(word, Tree.EscapeCharacter);
        int deadUntil = -1;
        foreach (var reference in references)
        {
            if (reference.Start < deadUntil) continue;
            bool isSet = scope.TryGetValue(reference.Name, out var value) && value != null;
            bool isNonEmpty = isSet && value!.Length > 0;
            switch (reference.Operator)
            {
                case VariableOperator.None:
                    if (!isSet || !reference.IsTerminated) return false;
                    break;
                case VariableOperator.DefaultIfUnsetOrEmpty:
                    if (isNonEmpty) deadUntil = reference.End;
                    break;
                case VariableOperator.DefaultIfUnset:
                    if (isSet) deadUntil = reference.End;
                    break;
                case VariableOperator.AlternateIfSetAndNotEmpty:
                    if (!isNonEmpty) deadUntil = reference.End;
                    break;
                case VariableOperator.AlternateIfSet:
                    if (!isSet) deadUntil = reference.End;
                    break;
                default:
                    if (!isSet) return false;
                    deadUntil = reference.End;
                    break;
            }
        }
        return true;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
            return value.Substring(1, value.Length - 2);
        return value;
    }
}
