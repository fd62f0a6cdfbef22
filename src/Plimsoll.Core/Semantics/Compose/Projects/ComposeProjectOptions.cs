using Plimsoll.Semantics.Compose.Interpolation;

namespace Plimsoll.Semantics.Compose.Projects;

/// <summary>How a project is loaded: which variables interpolate it.</summary>
public sealed class ComposeProjectOptions
{
    /// <summary>
    /// Where variables come from. Null: <see cref="ComposeVariablesOptions.Compose"/> for compose projects (the
    /// <c>.env</c> beside the first file), <see cref="ComposeVariablesOptions.ForStack"/> for stacks (no <c>.env</c>).
    /// </summary>
    public ComposeVariablesOptions? Variables { get; init; }

    /// <summary>Variables to use as they are, instead of loading them from <see cref="Variables"/>.</summary>
    public IVariableSource? VariableSource { get; init; }

    /// <summary>Reads a file's text; null reads from disk. Returns null when the file cannot be read.</summary>
    public Func<string, string?>? ReadFile { get; init; }

    public static ComposeProjectOptions Default { get; } = new();
}
