using System.Collections.Immutable;
using Plimsoll.Syntax.Dockerfile;

namespace Plimsoll.Semantics.Dockerfile;

/// <summary>A build stage: one FROM and the instructions up to the next FROM.</summary>
public sealed class BuildStage
{
    internal BuildStage(int index, FromInstructionSyntax from)
    {
        Index = index;
        From = from;
        Name = from.StageName?.Value;
    }

    public int Index { get; }

    /// <summary>The <c>AS</c> name, or null.</summary>
    public string? Name { get; }
    public FromInstructionSyntax From { get; }

    /// <summary>The FROM argument as written (e.g. <c>${BASE}</c>) and after resolving ARG defaults.</summary>
    public ResolvedWord BaseName { get; internal set; }

    /// <summary>The base image when the stage starts from an image (not from a stage, not scratch, and resolvable).</summary>
    public ImageReference? BaseImage { get; internal set; }

    /// <summary>The earlier stage this one builds on (<c>FROM build AS test</c>), or null.</summary>
    public BuildStage? ParentStage { get; internal set; }

    public bool IsScratch { get; internal set; }
    public ImmutableArray<InstructionSyntax> Instructions { get; internal set; } = ImmutableArray<InstructionSyntax>.Empty;

    /// <summary>The last USER of this stage or, failing that, of the stage it builds on; null when never set.</summary>
    public UserSetting? EffectiveUser { get; internal set; }

    /// <summary>The stage's first WORKDIR instruction, or null (its own only, not its parent stage's).</summary>
    public InstructionSyntax? FirstWorkdir { get; internal set; }

    /// <summary>The SHELL in force at the end of the stage (default <c>/bin/sh -c</c>).</summary>
    public ImmutableArray<string> FinalShell { get; internal set; } = DockerfileSemanticModel.DefaultShell;

    /// <summary>Whether the stage has a SHELL instruction of its own; when not, every instruction runs with the inherited shell.</summary>
    internal bool SetsShell => !ShellChanges.IsEmpty;

    /// <summary>The stage's SHELL instructions (exec form) in order: where each is and the shell it sets.</summary>
    internal ImmutableArray<(int Position, ImmutableArray<string> Shell)> ShellChanges { get; set; } = ImmutableArray<(int, ImmutableArray<string>)>.Empty;

    /// <summary>Whether the stage's image chain starts from a Windows image: found on first use (every RUN asks).</summary>
    internal bool? IsWindowsImage { get; set; }

    public string DisplayName => Name ?? ("#" + Index);
    public override string ToString() => DisplayName;
}

/// <summary>A USER value and where it was set.</summary>
public sealed record UserSetting(string Value, SimpleInstructionSyntax Instruction, BuildStage DeclaringStage)
{
    /// <summary>The user part before any <c>:group</c>.</summary>
    public string User => Value.Split(':')[0];

    /// <summary>True for <c>root</c> and uid <c>0</c>.</summary>
    public bool IsRoot => IsRootUser(Value);

    /// <summary>True when a user spec (<c>user</c> or <c>user:group</c>, as USER, compose <c>user:</c> and the SDK's ContainerUser write it) names root or uid 0.</summary>
    public static bool IsRootUser(string spec)
    {
        string user = spec.Split(':')[0].Trim();
        return user == "root" || (user.Length > 0 && user.TrimStart('0').Length == 0);
    }
}

/// <summary>A word of an instruction with its variables resolved through ARG defaults and ENV, when they resolve.</summary>
public readonly record struct ResolvedWord(string Original, string? Value)
{
    /// <summary>False when a variable without a known value was used: the word's value is not known before build.</summary>
    public bool IsKnown => Value != null;
}
