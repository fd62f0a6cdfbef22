using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using Plimsoll.Analysis;
using Plimsoll.Semantics.Dockerfile;
using Plimsoll.Syntax.Dockerfile;
using Plimsoll.Syntax.Shell;

namespace Plimsoll.Rules.Packages;

/// <summary>
/// The package-manager calls of RUN scripts, read once per command and per script however many package rules ask,
/// and the small facts about a RUN those rules share (cache mounts, whether the stage reaches the final image).
/// </summary>
internal static class PackageCommands
{
    // The key of the package-manager call among the facts each command keeps.
    private static readonly object PackageCall = new();

    /// <summary>The package-manager call <paramref name="command"/> makes, or null.</summary>
    public static PackageManagerCommand? Of(SimpleCommand command)
        => PackageManagerCommand.MayBeCall(command) ? command.GetOrAddFact(PackageCall, PackageManagerCommand.Read) : null;

    public static PackageManagerCommand? Of(ShellCommandAnalysisContext context) =>
        context.Command.SimpleCommand is { } command ? Of(command) : null;

    /// <summary>Every simple command of the RUN script (inline <c>sh -c</c> scripts included), in source order.</summary>
    public static IReadOnlyList<ShellCommandContext> CommandsOf(ShellParseResult script) => script.CommandsWithInlineScripts;

    /// <summary>Every package-manager call of the RUN script, in source order.</summary>
    public static IEnumerable<PackageManagerCommand> In(ShellParseResult script)
    {
        foreach (var context in CommandsOf(script))
            if (context.SimpleCommand is { } command && Of(command) is { } package)
                yield return package;
    }

    /// <summary>Whether the RUN mounts a build cache at or above one of <paramref name="directories"/> (or below it).</summary>
    public static bool HasCacheMount(RunInstructionSyntax run, params string[] directories)
    {
        foreach (var flag in run.Flags)
        {
            if (flag.Name != "mount") continue;
            var options = flag.Options;
            if (!options.Any(o => o.Key == "type" && o.Value == "cache")) continue;
            foreach (var option in options)
            {
                if (option.Key is not ("target" or "dst" or "destination") || option.Value == null) continue;
                string target = option.Value.TrimEnd('/');
                foreach (var directory in directories)
                    if (target.Length > 0 && (directory.StartsWith(target, StringComparison.Ordinal) || target.StartsWith(directory, StringComparison.Ordinal)))
                        return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether what <paramref name="instruction"/> leaves in its stage's layers ends up in the final image: the stage is
    /// the last one or a base (FROM) of it, or the instruction is an ONBUILD trigger. A builder stage's leftovers are
    /// thrown away unless copied.
    /// </summary>
    public static bool ReachesFinalImage(DockerfileSemanticModel model, InstructionSyntax instruction)
    {
        // An ONBUILD trigger runs in the image someone builds FROM this one, which is where its leftovers stay.
        if (instruction.Parent is OnbuildInstructionSyntax) return true;
        var stage = model.GetStage(instruction);
        if (stage == null) return true;
        for (var s = model.FinalStage; s != null; s = s.ParentStage)
            if (ReferenceEquals(s, stage)) return true;
        return false;
    }

    /// <summary>
    /// A fix inserting <paramref name="text"/> right after <paramref name="word"/>, when the word's source text is its
    /// plain value (no quotes, escapes or continuations inside), so that the insertion lands where it is meant to.
    /// </summary>
    public static CodeFix? InsertAfter(ShellCommandAnalysisContext context, ShellWord word, string text, string title)
    {
        if (!word.TryGetLiteralValue(out var value) || word.HasQuoting) return null;
        var span = context.MapToSource(word);
        if (span.End > context.Text.Length || context.Text.ToString(span) != value) return null;
        return new CodeFix(title, new TextChange(new TextSpan(span.End, 0), text));
    }

    /// <summary>
    /// Whether an argument that is a bare expansion (<c>$APT_OPTS</c>, <c>${FLAGS}</c>) may hold a switch the rule looks for:
    /// its ARG/ENV value when known (checked with <paramref name="isSwitch"/>), else only when its name says it holds options
    /// (<c>OPT</c>, <c>FLAG</c>, <c>ARG</c>). A package-list variable (<c>$PACKAGES</c>) is not taken to hide switches.
    /// </summary>
    public static bool VariableMayHoldSwitch(ShellCommandAnalysisContext context, PackageManagerCommand package, Func<string, bool> isSwitch)
    {
        foreach (var word in package.Command.ResolvedCommand.Arguments)
        {
            if (word.IsLiteral || word.LiteralPrefix.Length > 0) continue;
            string text = word.ApproximateValue;
            var value = context.Model.Resolve(context.Instruction, text).Value;
            if (value != null)
            {
                if (value.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries).Any(isSwitch)) return true;
                continue;
            }
            string name = text.ToUpperInvariant();
            if (name.IndexOf("OPT", StringComparison.Ordinal) >= 0 || name.IndexOf("FLAG", StringComparison.Ordinal) >= 0 || name.IndexOf("ARG", StringComparison.Ordinal) >= 0)
                return true;
        }
        return false;
    }

    /// <summary>The span from the program name to the subcommand (<c>apt-get install</c>), or the name alone.</summary>
    public static TextSpan CommandSpan(ShellCommandAnalysisContext context, PackageManagerCommand package)
    {
        var start = package.NameWord;
        var end = package.SubcommandWord ?? package.NameWord;
        if (end.End < start.Start) end = start;
        return context.MapToSource(start.Start, end.End - start.Start);
    }

    /// <summary>A short list of names for a message: <c>curl, git and 3 more</c>.</summary>
    public static string NameList(IReadOnlyList<string> names)
    {
        if (names.Count <= 3) return names.Count switch { 0 => "", 1 => names[0], _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1] };
        return string.Join(", ", names.Take(2)) + $" and {names.Count - 2} more";
    }

    /// <summary>Whether a value given to a boolean setting means "on" (1, true, yes, on), as pip, npm and yum read it.</summary>
    public static bool IsTruthy(string value) => value.ToLowerInvariant() is "1" or "true" or "yes" or "on";

    /// <summary>Whether a value means "off" (0, false, no, off).</summary>
    public static bool IsFalsy(string value) => value.ToLowerInvariant() is "0" or "false" or "no" or "off";

    /// <summary>An ENV or ARG value as written (<c>"x"</c>, <c>'x'</c>, <c>x</c>) without its one pair of surrounding quotes.</summary>
    public static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0] ? value.Substring(1, value.Length - 2) : value;

    /// <summary>Whether a RUN's commands may install packages in ways the model cannot see (a script run, a download piped to a shell).</summary>
    public static bool RunsOpaqueInstaller(ShellParseResult script)
    {
        foreach (var context in CommandsOf(script))
        {
            var name = context.SimpleCommand?.ResolvedCommand.Name;
            if (name == null) return true; // `$INSTALL foo`
            var nameWord = context.SimpleCommand!.ResolvedCommand.NameWord!;
            if (nameWord.ApproximateValue.IndexOf('/') >= 0 && (name.EndsWith(".sh", StringComparison.Ordinal) || nameWord.ApproximateValue.StartsWith(".", StringComparison.Ordinal))) return true;
            if (name is "sh" or "bash" or "dash" or "ash" or "zsh" or "make" or "source" or "." or "add-apt-repository" or "apt-add-repository" or "install_packages" or "install-packages" or "xargs"
                or "rosdep" or "aptitude" or "apt-fast" or "nala" or "mk-build-deps" or "gdebi") return true;
            if (name.EndsWith(".sh", StringComparison.Ordinal)) return true;
        }
        return false;
    }

}
