using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Dockerfile.Expansion;

namespace Plimsoll.Rules.Correctness;

/// <summary>
/// PL5018: an instruction Docker expands itself (ENV, ARG, LABEL, WORKDIR, USER, COPY/ADD, EXPOSE, VOLUME, STOPSIGNAL)
/// uses a variable no ARG or ENV set before it. The base image's ENV is not known to a linter, so a stage built on
/// an image only reports what is certain: a name used above the stage's own ARG for it, a near miss of a declared
/// name (a typo), a BuildKit platform argument the stage never declared, and a global ARG no FROM uses. Stages rooted in <c>scratch</c> know every variable, and report any undeclared one.
/// </summary>
[PlimsollAnalyzer]
public sealed class UndefinedVariableAnalyzer : PlimsollAnalyzer
{
    public static readonly RuleMessage Undeclared = new("undeclared", "${name} is set by no ARG or ENV before this line, and the stage starts from scratch: it expands to an empty string");
    public static readonly RuleMessage UndeclaredDidYouMean = new("undeclaredDidYouMean", "${name} is set by no ARG or ENV before this line (did you mean ${suggestion}?): unless the base image sets it, it expands to an empty string");
    public static readonly RuleMessage GlobalArgNotInStage = new("globalArgNotInStage", "${name} is declared before the first FROM, which does not make it visible in a stage, and the stage starts from scratch: add 'ARG {name}' after the FROM, or it expands to an empty string");
    public static readonly RuleMessage GlobalArgNotInImageStage = new("globalArgNotInImageStage", "${name} is declared before the first FROM, which does not make it visible in a stage: add 'ARG {name}' after the FROM; here it is empty unless the base image happens to set a variable of that name");
    public static readonly RuleMessage UsedBeforeArg = new("usedBeforeArg", "${name} is used before the ARG that declares it on line {line}: here it is empty unless the base image sets it; move the ARG up");
    public static readonly RuleMessage PlatformArgNotInStage = new("platformArgNotInStage", "BuildKit sets ${name} only in stages that declare it: add 'ARG {name}' after the FROM, or it expands to an empty string");

    public static readonly RuleDescriptor Rule = new(
        id: "PL5018", name: "UndefinedVariable", title: "Variable used before it is declared",
        category: "Correctness", defaultSeverity: DiagnosticSeverity.Warning,
        description: "Docker expands variables in ENV, ARG, LABEL, WORKDIR, USER, COPY, ADD, EXPOSE, VOLUME and STOPSIGNAL itself; a variable no ARG or ENV set before is silently empty, usually because of a typo or a missing ARG in the stage.",
        securitySeverity: "0.0", precision: RulePrecision.High,
        tags: [RuleTag.Correctness],
        messages: [Undeclared, UndeclaredDidYouMean, UsedBeforeArg, GlobalArgNotInStage, GlobalArgNotInImageStage, PlatformArgNotInStage],
        peers:
        [
            PeerRule.BuildKit("UndefinedVar"),
        ]);

    // BuildKit reads these itself and never puts them in the environment; the proxy arguments may come from the
    // builder's settings or the base image's ENV: neither kind is judged.
    private static readonly HashSet<string> NeverJudged = new(StringComparer.OrdinalIgnoreCase)
    {
        "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY",
    };

    public override ImmutableArray<RuleDescriptor> SupportedRules => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.RegisterDockerfileAction(file =>
        {
            var globals = new HashSet<string>(file.Model.GlobalArgs.Select(a => a.Key), StringComparer.Ordinal);
            // A global ARG no FROM uses was declared there only for the stages, where it is not visible: a mistake
            // whatever the base image is. One a FROM uses (FROM node:${NODE_VERSION}) may also be set by the image.
            var usedOnlyInStages = new HashSet<string>(globals, StringComparer.Ordinal);
            foreach (var stage in file.Model.Stages)
            {
                if (stage.From.Image is { } image) usedOnlyInStages.ExceptWith(Names(file, image.Token));
                if (stage.From.GetFlag("platform") is { } platform) usedOnlyInStages.ExceptWith(Names(file, platform.Token));
            }
            foreach (var stage in file.Model.Stages)
            {
                file.CancellationToken.ThrowIfCancellationRequested();
                CheckStage(file, stage, globals, usedOnlyInStages);
            }
        });
    }

    private static IEnumerable<string> Names(DockerfileAnalysisContext file, DockerfileToken token)
        => token.GetVariableReferences(file.Tree.EscapeCharacter).Select(r => r.Name);

    private static void CheckStage(DockerfileAnalysisContext file, BuildStage stage, HashSet<string> globals, HashSet<string> usedOnlyInStages)
    {
        // Names in scope: compared ignoring case, so a Windows stage (whose variables ignore case) is never misjudged.
        // Sized once for every name the stage and its ancestors may define (it grew by rehashing before).
        int names = 1 + DefinitionCount(stage);
        foreach (var ancestor in StageFacts.Ancestors(stage)) names += DefinitionCount(ancestor);
        var defined = NameSet(names);
        foreach (var ancestor in StageFacts.Ancestors(stage))
            foreach (var instruction in ancestor.Instructions)
                if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.EnvInstruction or DockerfileSyntaxKind.ArgInstruction } kv)
                    foreach (var pair in kv.Pairs) defined.Add(pair.Key);
        bool everythingKnown = StartsFromScratch(stage);
        // BuildKit sets PATH in every Linux stage, scratch included.
        defined.Add("PATH");
        var scope = new StageScope(file, stage, defined, globals, usedOnlyInStages, everythingKnown);

        foreach (var instruction in stage.Instructions)
        {
            if (instruction is KeyValueInstructionSyntax kv)
            {
                var pairs = kv.Pairs;
                if (kv.Kind == DockerfileSyntaxKind.ArgInstruction)
                {
                    // ARG declares its names one after the other: a default may use an earlier name of the same ARG.
                    foreach (var pair in pairs)
                    {
                        if (pair.HasValue) Check(file, pair.ValueToken, scope, sameInstruction: default);
                        scope.Define(pair.Key);
                    }
                    continue;
                }
                if (kv.Kind is DockerfileSyntaxKind.EnvInstruction or DockerfileSyntaxKind.LabelInstruction)
                {
                    // One ENV expands all its values before setting any: a name it sets itself is PL5013's.
                    var own = kv.Kind == DockerfileSyntaxKind.EnvInstruction ? pairs : default;
                    foreach (var pair in pairs)
                        if (pair.HasValue) Check(file, pair.ValueToken, scope, own);
                    if (!own.IsDefault) foreach (var pair in own) scope.Define(pair.Key);
                }
                continue;
            }
            CheckExpandedWords(file, instruction, scope);
        }
    }

    // Where the stage's own ARGs are: a name used above its ARG was meant to be that ARG.
    private static Dictionary<string, int> ArgLines(DockerfileAnalysisContext file, BuildStage stage)
    {
        var argLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var instruction in stage.Instructions)
            if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.ArgInstruction } kv)
                foreach (var pair in kv.Pairs)
                    if (!argLines.ContainsKey(pair.Key)) argLines[pair.Key] = StageFacts.LineOf(file.Text, pair.Span.Start);
        return argLines;
    }

#if NET
    private static HashSet<string> NameSet(int capacity) => new(capacity, StringComparer.OrdinalIgnoreCase);
#else
    private static HashSet<string> NameSet(int capacity) => new(StringComparer.OrdinalIgnoreCase); // no capacity in netstandard2.0
#endif

    private static int DefinitionCount(BuildStage stage)
    {
        int count = 0;
        foreach (var instruction in stage.Instructions)
            if (instruction is KeyValueInstructionSyntax { Kind: DockerfileSyntaxKind.EnvInstruction or DockerfileSyntaxKind.ArgInstruction } kv)
                count += kv.Pairs.Length;
        return count;
    }

    /// <summary>Checks the words of an instruction Docker expands itself (RUN, CMD and ENTRYPOINT are left to the shell).</summary>
    /// <remarks>A loop, not an iterator: it runs for every instruction, and most (RUN above all) expand nothing.</remarks>
    private static void CheckExpandedWords(DockerfileAnalysisContext file, InstructionSyntax instruction, StageScope scope)
    {
        switch (instruction.Kind)
        {
            case DockerfileSyntaxKind.WorkdirInstruction:
            case DockerfileSyntaxKind.UserInstruction:
            case DockerfileSyntaxKind.StopSignalInstruction:
            case DockerfileSyntaxKind.ExposeInstruction:
            case DockerfileSyntaxKind.VolumeInstruction:
                foreach (var argument in instruction.Arguments)
                {
                    if (argument is WordSyntax word) Check(file, word.Token, scope, sameInstruction: default);
                    else if (argument is ExecFormSyntax exec)
                        foreach (var token in exec.StringTokens) Check(file, token, scope, sameInstruction: default);
                }
                break;
            case DockerfileSyntaxKind.CopyInstruction:
            case DockerfileSyntaxKind.AddInstruction:
                foreach (var flag in instruction.Flags)
                    if (flag.Name is "chown" or "chmod") Check(file, flag.Token, scope, sameInstruction: default);
                if (instruction is CopyInstructionSyntax copy)
                    foreach (var token in copy.PathTokens) Check(file, token, scope, sameInstruction: default);
                break;
        }
    }

    /// <summary>What a stage knows while its instructions are walked; <see cref="Defined"/> grows as ARG and ENV are passed.</summary>
    private sealed class StageScope
    {
        // The suggester is made on the first undefined name (most stages have none): until then, what it will be told.
        private readonly string[] _definedAtStart;
        private List<string>? _definedSince;
        private TypoSuggester? _suggester;
        private readonly DockerfileAnalysisContext _file;
        private readonly BuildStage _stage;
        private Dictionary<string, int>? _argLines; // made on the first name not defined (most stages have none)

        public StageScope(DockerfileAnalysisContext file, BuildStage stage, HashSet<string> defined, HashSet<string> globals, HashSet<string> usedOnlyInStages, bool everythingKnown)
        {
            _file = file;
            _stage = stage;
            Defined = defined;
            _definedAtStart = defined.ToArray();
            Globals = globals;
            UsedOnlyInStages = usedOnlyInStages;
            EverythingKnown = everythingKnown;
        }

        public HashSet<string> Defined { get; }

        /// <summary>Near misses among <see cref="Defined"/> (first those defined before the stage), then the global and platform arguments.</summary>
        public TypoSuggester Suggester => _suggester ??= CreateSuggester();

        public HashSet<string> Globals { get; }
        public HashSet<string> UsedOnlyInStages { get; }
        /// <summary>The line of each of the stage's own ARGs, by name.</summary>
        public Dictionary<string, int> ArgLines => _argLines ??= UndefinedVariableAnalyzer.ArgLines(_file, _stage);
        public bool EverythingKnown { get; }

        public void Define(string name)
        {
            if (!Defined.Add(name)) return;
            if (_suggester != null) _suggester.Add(name);
            else (_definedSince ??= new List<string>()).Add(name);
        }

        // The names in the order they were known: a tie goes to the name added first.
        private TypoSuggester CreateSuggester()
        {
            var suggester = new TypoSuggester();
            foreach (var name in _definedAtStart) suggester.Add(name);
            foreach (var name in Globals) suggester.AddFallback(name);
            foreach (var name in BuildArgs.Platform.Keys) suggester.AddFallback(name);
            if (_definedSince != null) foreach (var name in _definedSince) suggester.Add(name);
            return suggester;
        }
    }

    // An ENV sets a handful of names: a look through them, not a set made for each ENV.
    private static bool SetsName(ImmutableArray<KeyValuePairSyntax> pairs, string name)
    {
        foreach (var pair in pairs)
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <param name="sameInstruction">The pairs of the ENV being checked (its own names are not this rule's), or default.</param>
    private static void Check(DockerfileAnalysisContext file, DockerfileToken token, StageScope scope, ImmutableArray<KeyValuePairSyntax> sameInstruction)
    {
        var (defined, globals, usedOnlyInStages, everythingKnown) = (scope.Defined, scope.Globals, scope.UsedOnlyInStages, scope.EverythingKnown);
        if (!token.MayContain('$')) return;
        foreach (var reference in token.GetVariableReferences(file.Tree.EscapeCharacter))
        {
            string name = reference.Name;
            // ${X:-default}, ${X:+alt} and ${X:?message} say on their own what happens when X is unset; a pattern
            // operator (${X#p}, ${X/a/b}) does not, and is judged like $X.
            if (!IsJudged(reference.Operator) || name.Length == 0) continue;
            if (defined.Contains(name) || NeverJudged.Contains(name) || name.StartsWith("BUILDKIT_", StringComparison.Ordinal)) continue;
            if (!sameInstruction.IsDefault && SetsName(sameInstruction, name)) continue;

            if (scope.ArgLines.TryGetValue(name, out int argLine))
            {
                file.Report(UsedBeforeArg, reference.Span, name, argLine);
                continue;
            }
            if (BuildArgs.Platform.ContainsKey(name))
            {
                file.Report(PlatformArgNotInStage, reference.Span, name);
                continue;
            }
            var suggestion = scope.Suggester.Suggest(name);
            if (suggestion != null)
                file.Report(UndeclaredDidYouMean, reference.Span, name, suggestion);
            else if (!everythingKnown)
            {
                if (usedOnlyInStages.Contains(name)) file.Report(GlobalArgNotInImageStage, reference.Span, name);
            }
            else if (globals.Contains(name))
                file.Report(GlobalArgNotInStage, reference.Span, name);
            else
                file.Report(Undeclared, reference.Span, name);
        }
    }

    private static bool IsJudged(VariableOperator op) => op switch
    {
        VariableOperator.None or VariableOperator.RemoveShortestPrefix or VariableOperator.RemoveLongestPrefix
            or VariableOperator.RemoveShortestSuffix or VariableOperator.RemoveLongestSuffix
            or VariableOperator.ReplaceFirst or VariableOperator.ReplaceAll => true,
        _ => false,
    };

    /// <summary>
    /// True when every variable the stage starts with is known: its FROM chain ends in <c>scratch</c> and no stage of
    /// the chain has ONBUILD triggers (which would run in the stages built on it).
    /// </summary>
    private static bool StartsFromScratch(BuildStage stage)
    {
        var root = stage;
        foreach (var ancestor in StageFacts.Ancestors(stage))
        {
            if (ancestor.Instructions.Any(i => i.Kind == DockerfileSyntaxKind.OnbuildInstruction)) return false;
            root = ancestor;
        }
        return root.ParentStage == null && root.IsScratch;
    }
}
