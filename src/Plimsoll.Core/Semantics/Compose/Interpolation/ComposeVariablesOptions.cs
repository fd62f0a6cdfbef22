namespace Plimsoll.Semantics.Compose.Interpolation;

/// <summary>Which variables a compose file is interpolated with: the command line that would deploy it.</summary>
public sealed class ComposeVariablesOptions
{
    /// <summary>
    /// <c>--env-file</c> paths, read in order (a later file wins). When given, they replace the <c>.env</c> beside the
    /// compose file, as in compose. Relative paths are resolved against the current directory, as compose does.
    /// </summary>
    public IReadOnlyList<string>? EnvFiles { get; init; }

    /// <summary>Read the <c>.env</c> beside the compose file when no <see cref="EnvFiles"/> are given. False for stacks.</summary>
    public bool ReadDotEnv { get; init; } = true;

    /// <summary>Use the process environment (it then takes precedence over env files). Off by default: a lint result should not depend on the linting machine.</summary>
    public bool UseProcessEnvironment { get; init; }

    /// <summary>
    /// The process environment to use when <see cref="UseProcessEnvironment"/> is set. The host passes it (Core reads
    /// no environment itself: RS1035); null is an empty environment.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>>? ProcessEnvironment { get; init; }

    /// <summary>Compose (<c>docker compose</c>) defaults: <c>.env</c> beside the file, no process environment.</summary>
    public static ComposeVariablesOptions Compose { get; } = new();

    /// <summary>
    /// <c>docker stack deploy</c>: it reads no <c>.env</c> and no env file, only the process environment (used here only
    /// when <paramref name="useProcessEnvironment"/> is set). Pair it with <see cref="InterpolationDialect.Stack"/>.
    /// </summary>
    public static ComposeVariablesOptions ForStack(bool useProcessEnvironment = false, IEnumerable<KeyValuePair<string, string>>? processEnvironment = null)
        => new() { ReadDotEnv = false, UseProcessEnvironment = useProcessEnvironment, ProcessEnvironment = processEnvironment };
}
